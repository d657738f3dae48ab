import path from 'node:path';
import { Bus } from '#core/bus';
import type { Clock } from '#core/clock';
import { createIdGenerator } from '#core/ids';
import type { Logger } from '#core/log';
import { err, ok, type Result } from '#core/result';
import { istMidnight } from '#core/time-ist';
import type { RiskConfig } from '#config/risk-schema';
import type { Tick } from '#model/bar';
import type { BotId } from '#model/ids';
import type { Fill } from '#model/fill';
import type { SpecSource } from '#options/contract-specs';
import { botLimitsOf } from '#risk/bot-limits';
import type { BookCheck } from '#risk/check-context';
import { createRiskLedger, type RiskLedger } from '#risk/ledger';
import { createRiskMonitor } from '#risk/monitor';
import type { MarketView } from '#risk/ports';
import type { RiskEventTopics } from '#risk/risk-events';
import { PaperBroker } from '#execution/brokers/paper/paper-broker';
import type { PaperBrokerConfig } from '#execution/brokers/paper/paper-config';
import type { InstrumentLookup } from '#execution/instruments';
import type { OrderManager } from '#execution/order-manager';
import type { QuoteSource } from '#execution/quotes';
import { paperSnapshotFromStore } from '#execution/reconcile/paper-seed';
import { AuditRepository } from '#store/audit-repository';
import { BotStateRepository, type StoredBotRow } from '#store/bot-state-repository';
import { openStore, type Store } from '#store/database';
import { RiskStateRepository } from '#store/risk-state-repository';
import { botFillsReader } from '#engine/sizing/bot-fills';
import { BotBooks } from '#engine/bots/bot-books';
import { EngineAudit } from '#engine/trading/engine-audit';
import type { KillReport, KillSource } from '#engine/trading/kill-switch';
import { createOrderPath } from '#engine/trading/order-path';
import type { ComparedFill } from './comparison.ts';

export interface ShadowPathDeps {
  readonly clock: Clock;
  readonly logger: Logger;
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

/**
 * A variant's own order path: its database, risk ledger, gate and live monitor, paper broker, order
 * manager and kill switch, and the variant's bot row (its strategy state) in that same database.
 */
export interface ShadowOrderPath {
  readonly file: string;
  readonly manager: OrderManager;
  readonly ledger: RiskLedger;
  readonly books: BotBooks;
  /** The variant's fills with the price each order was decided at, oldest first. */
  fills(): ComparedFill[];
  onFill(listener: (fill: Fill) => void): () => void;
  /** Every tick of the engine's feed: the variant's book marked, its loss limits judged (as the real monitor does). */
  onTick(tick: Tick): void;
  /** The terminal's kill switch was pressed: the variant's ledger halts and its book is closed through its own path. */
  kill(source: KillSource): Promise<KillReport>;
  /** Runs `fn` in one transaction of the variant's database (its bot row and its intents commit together). */
  transaction<T>(fn: () => T): T;
  /** The variant's bot row as last written (lifecycle, strategy state, settings), if any. */
  storedBot(): StoredBotRow | undefined;
  saveBot(row: Omit<StoredBotRow, 'tsLast'>): void;
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
 * The one order path (engine/trading/order-path), a second time, for a shadow variant: the same risk gate
 * over the variant's own book (with the real bot's limits), the same order manager writing first to the
 * store, the same live monitor and kill switch, and a paper broker of its own with the real paper broker's
 * fill model and charges on the engine's quotes. Its store is a separate SQLite file, so the real order
 * manager, its reconciliation and the live broker never see a variant's order; the path holds no broker
 * but the paper one it builds here. Risk events (limits, state changes) go to the variant's own audit log;
 * a limit that asks to flatten closes the variant's book alone.
 */
export function openShadowPath(deps: ShadowPathDeps, variantId: string, variantBot: BotId, realBot: BotId, allocation: number): Result<ShadowOrderPath, string> {
  const { clock, logger } = deps;
  const file = shadowFile(deps.mainFile, variantId);
  const opened = openStore(file, clock.now());
  if (!opened.ok) return err(`cannot open the variant's database: ${opened.error.message}`);
  const store: Store = opened.value;
  const limits = variantLimits(deps.limits(), variantBot, realBot);
  const audit = new EngineAudit(new AuditRepository(store.sqlite), clock);
  const riskStore = new RiskStateRepository(store.sqlite);
  const events = new Bus<RiskEventTopics>((topic, e) => logger.error({ err: e, topic, variant: variantId }, "a variant's risk event handler failed"));
  const late: { flatten?: (source: KillSource) => Promise<unknown> } = {};
  events.subscribe('risk', (e) => {
    if (e.kind === 'order-checked' || e.kind === 'structure-checked') return;
    audit.record(`risk:${e.kind}`, 'risk', e);
    if (e.kind === 'flatten-requested') late.flatten?.('risk-limit').catch((x: unknown) => logger.error({ err: x, variant: variantId }, "flattening a variant's book on a limit breach failed"));
  });
  const ledger = createRiskLedger({ store: riskStore, limits, now: clock.now(), events });
  const paper = new PaperBroker({ clock, quotes: deps.quotes, instruments: deps.instruments, ...(deps.specs ? { specs: deps.specs } : {}), config: { ...deps.paper, cash: allocation } });
  const { manager, portfolio, kill } = createOrderPath({
    clock,
    store,
    broker: paper,
    instruments: deps.instruments,
    quotes: deps.quotes,
    market: deps.market,
    limits,
    ledger,
    session: deps.session,
    ...(deps.specs ? { specs: deps.specs } : {}),
    ...(deps.extraBookChecks ? { extraBookChecks: deps.extraBookChecks } : {}),
    // The host stops the variant's runner itself before its book is closed.
    kill: { stopBots: () => [], audit, intentIds: createIdGenerator('skill', clock, deps.session), onChange: () => undefined },
  });
  late.flatten = (source) => kill.flatten(source, 'risk');
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
  const monitor = createRiskMonitor({ ledger, portfolio, market: deps.market, store: riskStore, now: clock.now() });
  const books = new BotBooks({ manager, portfolio, market: deps.market, limits, funds: () => undefined });
  const fills = botFillsReader(store.sqlite);
  const bots = new BotStateRepository(store.sqlite);
  // Wrapped once: better-sqlite3 builds a new wrapper on each `transaction()` call.
  const tx = store.sqlite.transaction((fn: () => unknown) => fn());
  return ok({
    file,
    manager,
    ledger,
    books,
    fills: () => fills(variantBot),
    onFill: (listener) => manager.onOrderChange((c) => (c.fill ? listener(c.fill) : undefined)),
    onTick: (tick) => monitor.onTick({ instrumentId: tick.instrumentId, ts: tick.tsEvent }),
    kill: (source) => kill.kill(source, 'engine'),
    transaction: <T>(fn: () => T): T => tx.immediate(fn) as T,
    storedBot: () => bots.loadAll().find((r) => r.botId === variantBot),
    saveBot: (row) => bots.save({ ...row, tsLast: clock.now() }),
    async close() {
      manager.stop();
      // A structure still planning writes its next leg's order into this store: it finishes first. A write
      // into a closed store is an uncaught error, which stops the terminal.
      await manager.settled();
      ledger.flush(clock.now());
      paper.close();
      await store.close();
    },
  });
}
