import type { Clock } from '#core/clock';
import type { RiskConfig } from '#config/risk-schema';
import { tableSpecs, type SpecSource } from '#options/contract-specs';
import type { BookCheck } from '#risk/check-context';
import { createRiskGate } from '#risk/gate';
import type { RiskLedger } from '#risk/ledger';
import { estimateMargin, longPremium } from '#risk/margin-estimate';
import type { OrderRateWindow } from '#risk/order-rate-window';
import type { MarginSource, MarketView } from '#risk/ports';
import type { OrderProposal } from '#risk/pre-trade';
import { valueLegs } from '#risk/valuation';
import type { Broker } from '#execution/broker';
import type { ExecutionConfig } from '#execution/config';
import type { InstrumentLookup } from '#execution/instruments';
import { OrderManager } from '#execution/order-manager';
import type { QuoteSource } from '#execution/quotes';
import type { Store } from '#store/database';
import { KillSwitch, type KillSwitchDeps } from './kill-switch.ts';
import { createTradingPortfolio, type TradingPortfolio } from './risk-portfolio.ts';
import { tradingGate, type TradingGateDeps } from './trading-gate.ts';

export interface OrderPathDeps {
  readonly clock: Clock;
  readonly store: Pick<Store, 'sqlite'>;
  readonly broker: Broker;
  readonly instruments: InstrumentLookup;
  readonly quotes: QuoteSource;
  readonly market: MarketView;
  readonly limits: RiskConfig;
  readonly ledger: RiskLedger;
  /** Tags this process's order ids. */
  readonly session: string;
  readonly specs?: SpecSource;
  readonly margin?: MarginSource;
  readonly rate?: OrderRateWindow;
  /** Book checks that need engine state (VaR, stress). */
  readonly extraBookChecks?: readonly BookCheck[];
  readonly execution?: Partial<ExecutionConfig>;
  readonly liveArming?: TradingGateDeps['liveArming'];
  /** What the path's kill switch needs besides the path itself. */
  readonly kill: Omit<KillSwitchDeps, 'clock' | 'manager' | 'ledger' | 'portfolio'>;
}

/** One order path: the order manager behind the risk gate, the book risk reads, and the kill switch over both. */
export interface OrderPath {
  readonly manager: OrderManager;
  readonly portfolio: TradingPortfolio;
  readonly kill: KillSwitch;
}

/**
 * Builds the one order path the terminal's book and every shadow variant's book take: risk's gate (with
 * the engine's kill-switch and arming rules around it) over the book folded from the order manager, the
 * order manager writing to its store before its broker, with structures' margin estimated in full, and a
 * kill switch whose reduce-only orders pass the halt it sets. The caller owns the ledger and the store.
 */
export function createOrderPath(deps: OrderPathDeps): OrderPath {
  const { clock, limits } = deps;
  // Late-bound: the portfolio folds the manager, and the gate reads the portfolio the manager is built with.
  const late: { portfolio?: TradingPortfolio; kill?: KillSwitch } = {};
  const portfolio: TradingPortfolio = {
    book: () => late.portfolio!.book(),
    holdings: () => late.portfolio!.holdings(),
    watched: () => late.portfolio!.watched(),
    invalidate: () => late.portfolio!.invalidate(),
  };
  const killEngaged = (): boolean => late.kill?.engaged() ?? false;
  const gate = tradingGate(
    createRiskGate({
      ledger: deps.ledger,
      portfolio,
      market: deps.market,
      margin: deps.margin ?? { available: () => undefined },
      ...(deps.rate ? { rate: deps.rate } : {}),
      ...(deps.specs ? { specs: deps.specs } : {}),
      ...(deps.extraBookChecks ? { extraBookChecks: deps.extraBookChecks } : {}),
    }),
    { killEngaged, ...(deps.liveArming ? { liveArming: deps.liveArming } : {}) },
  );
  const structureMargin = (legs: readonly OrderProposal[]): number => {
    const ts = clock.now();
    const valued = valueLegs(
      legs.map((p) => ({ instrument: p.instrument, botId: p.botId, structureId: p.structureId, quantity: p.side === 'BUY' ? p.quantity : -p.quantity, mark: p.referencePrice })),
      deps.market,
      limits.rate,
      ts,
    );
    return valued.ok ? estimateMargin(valued.value, limits.margin, ts).total + longPremium(valued.value) : legs.reduce((s, l) => s + l.quantity * l.referencePrice, 0);
  };
  const manager = OrderManager.open({
    clock,
    broker: deps.broker,
    risk: gate,
    instruments: deps.instruments,
    quotes: deps.quotes,
    store: deps.store,
    session: deps.session,
    structureMargin,
    closingEverything: killEngaged,
    specs: deps.specs ?? tableSpecs,
    ...(deps.execution ? { config: deps.execution } : {}),
  });
  late.portfolio = createTradingPortfolio(manager, deps.instruments, (id) => late.kill?.isKillOrder(id) ?? false);
  late.kill = new KillSwitch({ ...deps.kill, clock, manager, ledger: deps.ledger, portfolio });
  return { manager, portfolio, kill: late.kill };
}
