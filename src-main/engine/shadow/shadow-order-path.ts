import path from 'node:path';
import type { Clock } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import { istMidnight } from '#core/time-ist';
import type { RiskConfig } from '#config/risk-schema';
import type { BotId } from '#model/ids';
import type { Fill } from '#model/fill';
import type { SpecSource } from '#options/contract-specs';
import { botLimitsOf } from '#risk/bot-limits';
import type { BookCheck } from '#risk/check-context';
import { createRiskGate } from '#risk/gate';
import { createRiskLedger } from '#risk/ledger';
import { estimateMargin, longPremium } from '#risk/margin-estimate';
import type { MarketView } from '#risk/ports';
import type { OrderProposal } from '#risk/pre-trade';
import { valueLegs } from '#risk/valuation';
import { PaperBroker } from '#execution/brokers/paper/paper-broker';
import type { PaperBrokerConfig } from '#execution/brokers/paper/paper-config';
import type { InstrumentLookup } from '#execution/instruments';
import { OrderManager } from '#execution/order-manager';
import type { QuoteSource } from '#execution/quotes';
import { paperSnapshotFromStore } from '#execution/reconcile/paper-seed';
import { openStore, type Store } from '#store/database';
import { RiskStateRepository } from '#store/risk-state-repository';
import { botFillsReader } from '#engine/sizing/bot-fills';
import { BotBooks } from '#engine/bots/bot-books';
import { createTradingPortfolio } from '#engine/trading/risk-portfolio';
import type { ComparedFill } from './comparison.ts';

export interface ShadowPathDeps {
  readonly clock: Clock;
  /** The engine's quotes: the variant's paper broker fills against the same touch as the real one. */
  readonly quotes: QuoteSource;
  readonly instruments: InstrumentLookup;
  readonly market: MarketView;
  readonly limits: () => RiskConfig;
  readonly specs?: SpecSource;
  /** The real paper broker's fill model (slippage, latency, brokerage, seed); cash is the bot's capital. */
  readonly paper: Partial<PaperBrokerConfig>;
  /** The real book's database file: each variant's file sits beside it, in `shadow/`. */
  readonly mainFile: string;
  /** Tags this process's ids (a random draw at boot). */
  readonly session: string;
  /** Book checks that need engine state (VaR, stress), run on the variant's own book. */
  readonly extraBookChecks?: readonly BookCheck[];
}

/** A variant's own order path: its database, risk ledger and gate, paper broker and order manager. */
export interface ShadowOrderPath {
  readonly file: string;
  readonly manager: OrderManager;
  readonly books: BotBooks;
  /** The variant's fills with the price each order was decided at, oldest first. */
  fills(): ComparedFill[];
  onFill(listener: (fill: Fill) => void): () => void;
  close(): Promise<void>;
}

/** The terminal's limits with the variant answering to the real bot's own (capital, lots, positions). */
export function variantLimits(base: RiskConfig, variantBot: BotId, realBot: BotId): RiskConfig {
  return { ...base, bots: { ...base.bots, [variantBot]: botLimitsOf(base, realBot) } };
}

/** `<dir of the real database>/shadow/<variant id>.sqlite`; in memory when the real book is. */
export function shadowFile(mainFile: string, variantId: string): string {
  return mainFile === ':memory:' || mainFile === '' ? ':memory:' : path.join(path.dirname(mainFile), 'shadow', `${variantId}.sqlite`);
}

/** The fills a stopped variant left in its file (none when the file cannot be opened). */
export function storedShadowFills(file: string, botId: BotId, now: number): Result<ComparedFill[], string> {
  if (file === ':memory:') return ok([]);
  const opened = openStore(file, now);
  if (!opened.ok) return err(opened.error.message);
  try {
    return ok(botFillsReader(opened.value.sqlite)(botId));
  } finally {
    void opened.value.close();
  }
}

/**
 * The one order path, a second time, for a shadow variant: the same risk gate over the variant's own
 * book (with the real bot's limits), the same order manager writing first to the store, and a paper
 * broker of its own with the real paper broker's fill model and charges on the engine's quotes. Its
 * store is a separate SQLite file, so the real order manager, its reconciliation and the live broker
 * never see a variant's order; the path holds no broker but the paper one it builds here.
 */
export function openShadowPath(deps: ShadowPathDeps, variantId: string, variantBot: BotId, realBot: BotId, allocation: number): Result<ShadowOrderPath, string> {
  const { clock } = deps;
  const file = shadowFile(deps.mainFile, variantId);
  const opened = openStore(file, clock.now());
  if (!opened.ok) return err(`cannot open the variant's database: ${opened.error.message}`);
  const store: Store = opened.value;
  const limits = variantLimits(deps.limits(), variantBot, realBot);
  const ledger = createRiskLedger({ store: new RiskStateRepository(store.sqlite), limits, now: clock.now() });
  const portfolioRef: { current?: ReturnType<typeof createTradingPortfolio> } = {};
  const portfolio = { book: () => portfolioRef.current!.book() };
  const gate = createRiskGate({ ledger, portfolio, market: deps.market, margin: { available: () => undefined }, ...(deps.specs ? { specs: deps.specs } : {}), ...(deps.extraBookChecks ? { extraBookChecks: deps.extraBookChecks } : {}) });
  const paper = new PaperBroker({ clock, quotes: deps.quotes, instruments: deps.instruments, ...(deps.specs ? { specs: deps.specs } : {}), config: { ...deps.paper, cash: allocation } });
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
  const manager = OrderManager.open({ clock, broker: paper, risk: gate, instruments: deps.instruments, quotes: deps.quotes, store, session: deps.session, structureMargin, ...(deps.specs ? { specs: deps.specs } : {}) });
  portfolioRef.current = createTradingPortfolio(manager, deps.instruments, () => false);
  // After a restart the paper broker's in-memory book is rebuilt from the variant's store before anything is sent.
  if (manager.orders().length > 0) {
    const seeded = paper.restore(paperSnapshotFromStore(manager.orders(), manager.fills(), istMidnight(clock.now())));
    if (!seeded.ok) {
      paper.close();
      void store.close();
      return err(`cannot rebuild the variant's paper book: ${seeded.error}`);
    }
  }
  manager.resume();
  manager.start();
  const books = new BotBooks({ manager, portfolio, market: deps.market, limits, funds: () => undefined });
  const fills = botFillsReader(store.sqlite);
  return ok({
    file,
    manager,
    books,
    fills: () => fills(variantBot),
    onFill: (listener) => manager.onOrderChange((c) => (c.fill ? listener(c.fill) : undefined)),
    async close() {
      manager.stop();
      paper.close();
      await store.close();
    },
  });
}
