/**
 * Restart reconciliation: the store against the broker's books.
 *
 * ```ts
 * const reconciler = createReconciler({ manager, clock, instruments, bots: () => botIds, seedBroker });
 * manager.resume(); manager.start();
 * await reconciler.run('start');        // before any bot runs
 * reconciler.start();                   // periodic runs while trading (config.intervalMs)
 * feed.onRecovered(() => reconciler.run('recovery'));
 * reconciler.findings();                // open reconciliation findings
 * reconciler.proposeRepairs(findingId); // [{ id: 'complete' | 'flatten' | 'adopt-…' | 'cancel', label, description }]
 * await reconciler.applyRepair(findingId, 'complete');
 * ```
 *
 * A run reads the order book, the trade book and the position book (three broker calls) and hands the
 * rows and trades to the order manager as any poll would, so fills the store lacks on orders it knows are
 * imported through its ledger (never lost, each once by trade id). It then compares: broker orders no
 * order claims (unknown outcomes stay the order manager's), working orders the broker no longer has (an
 * earlier session's day orders are expired), each structure leg by leg, and the net position per
 * instrument and product. A difference must be seen on two reads in a row (a second read is made at
 * once) before it becomes a finding or clears one; a finding stays until the books agree, which a repair
 * the trader applies brings about. Runs and repairs take turns; periodic runs are skipped within `intervalMs` of the
 * last run, and a recovery within `minGapMs` of it waits for the gap, so book reads stay bounded.
 *
 * A periodic run after one that found everything agreeing reads nothing when nothing can have changed: the
 * broker tells its books did not (`Broker.booksVersion`, the paper broker's), no order or fill of the
 * store changed, no structure moved and the IST day is the same. It reports the last run again, marked
 * `unchanged`. A broker that cannot tell (OpenAlgo) is read every time.
 */
import type { Clock, TimerHandle } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import { istMidnight } from '#core/time-ist';
import type { Finding } from '#model/finding';
import { parseInstrumentId, type BotId, type BrokerOrderId, type ClientOrderId, type InstrumentId, type TradeId } from '#model/ids';
import { AuditKind } from '../audit.ts';
import type { BrokerError } from '../broker.ts';
import type { PaperBookSnapshot } from '../brokers/paper/paper-broker.ts';
import type { InstrumentLookup } from '../instruments.ts';
import type { StructureRecord } from '#store/structures-repository';
import type { OrderManager } from '../order-manager.ts';
import { matchBrokerOrders, type UnknownBrokerOrder } from './broker-orders.ts';
import { paperSnapshotFromStore } from './paper-seed.ts';
import { checkPositions, type PositionGap, type StructureCheck } from './position-check.ts';
import { confirmItems, matchesOpen, reportImported, settleFindings } from './finding-sync.ts';
import { RECONCILIATION_KINDS, reconcileItems, type ReconcileFacts, type ReconcileItem } from './reconcile-items.ts';
import type { BrokerBooks } from './reconciliation-port.ts';
import { carryOutRepair, type RepairOutcome } from './repair-apply.ts';
import { factOf, proposeRepairs, type Repair } from './repair-proposals.ts';

export type ReconcileTrigger = 'start' | 'periodic' | 'recovery';

export interface ReconcileConfig {
  /** Periodic runs while trading (after `start()`). */
  readonly intervalMs: number;
  /** A recovery run this soon after the last run waits until the gap has passed (flapping feeds). */
  readonly minGapMs: number;
  /** Exchanges whose positions and orders are reconciled; others in the account (equity holdings) are left alone. */
  readonly exchanges: readonly string[];
}

export const DEFAULT_RECONCILE_CONFIG: ReconcileConfig = { intervalMs: 60_000, minGapMs: 5_000, exchanges: ['NFO', 'BFO'] };

export interface ReconcilerDeps {
  readonly manager: OrderManager;
  readonly clock: Clock;
  /** Tells options apart (a short option no hedge covers is called a naked short). */
  readonly instruments: InstrumentLookup;
  /** The bots this terminal runs: a broker order's `strategy` tag naming one tells its owner; each is offered for adoption. */
  readonly bots?: () => readonly BotId[];
  /**
   * For a broker whose book does not outlive the process (the paper broker): called once, at the first
   * `run('start')`, with the book rebuilt from the store (`PaperBroker.restore`), before the books are read.
   */
  readonly seedBroker?: (snapshot: PaperBookSnapshot) => Result<void, string>;
  readonly config?: Partial<ReconcileConfig>;
}

export interface ReconcileReport {
  /** `repair`: the reads made just before and after a repair. */
  readonly trigger: ReconcileTrigger | 'repair';
  readonly ts: number;
  /** False when a book could not be read (`error`) or the run was skipped (`skipped`): nothing changed. */
  readonly ok: boolean;
  readonly error?: BrokerError;
  readonly skipped?: string;
  readonly seeded?: { readonly orders: number; readonly trades: number; readonly positions: number };
  readonly brokerCalls: number;
  /** Trades of known orders the store lacked, imported by this run. */
  readonly importedFills: readonly TradeId[];
  /** Day orders of earlier sessions the broker's book no longer has. */
  readonly expired: readonly ClientOrderId[];
  /** Every live structure, leg by leg. */
  readonly structures: readonly StructureCheck[];
  readonly unknownOrders: readonly UnknownBrokerOrder[];
  readonly gaps: readonly PositionGap[];
  /** Unclaimed rows left to the order manager's unknown-outcome rule. */
  readonly awaitingResolver: readonly BrokerOrderId[];
  readonly raised: readonly Finding[];
  readonly resolved: readonly Finding[];
  /** Reconciliation findings open after the run. */
  readonly open: readonly Finding[];
  /** Nothing was read: the books and the store had not changed since the last run found them agreeing (see above). */
  readonly unchanged?: boolean;
}

export interface Reconciler {
  run(trigger: ReconcileTrigger): Promise<ReconcileReport>;
  /** Periodic runs every `intervalMs` until `stop()`. */
  start(): void;
  stop(): void;
  findings(): Finding[];
  /** True while no critical reconciliation finding is open (a position no bot owns blocks no bot, but is not clear). */
  isClear(): boolean;
  proposeRepairs(findingId: string): Repair[];
  applyRepair(findingId: string, repairId: string): Promise<Result<RepairOutcome, string>>;
  lastReport(): ReconcileReport | undefined;
}

interface Pass {
  readonly books: BrokerBooks;
  readonly facts: ReconcileFacts;
  readonly items: ReconcileItem[];
}

/** What a run saw before reading: if none of it moved since a run that found everything agreeing, a read would find the same. */
interface Sighting {
  readonly broker: number | undefined;
  readonly ledger: number;
  readonly day: number;
  readonly structures: readonly StructureRecord[];
}

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const { manager, clock } = deps;
  const port = manager.reconciliation;
  const config = { ...DEFAULT_RECONCILE_CONFIG, ...deps.config };
  const board = manager.findings;
  let queue: Promise<unknown> = Promise.resolve();
  let lastRunAt = Number.NEGATIVE_INFINITY;
  let last: ReconcileReport | undefined;
  let latest: Pass | undefined;
  let seeded = false;
  let periodic: TimerHandle | undefined;
  let deferred: Promise<ReconcileReport> | undefined;
  /** Repairs applied whose finding the books have not cleared yet, by subject. */
  const underway = new Map<string, Repair>();
  /** Changes to the store's orders and fills, counted. */
  let ledgerChanges = 0;
  manager.onOrderChange(() => {
    ledgerChanges++;
  });
  /** As of the last run that found the books and the store agreeing, when its broker tells a version. */
  let agreed: Sighting | undefined;
  const sighting = (): Sighting => ({ broker: port.booksVersion?.(), ledger: ledgerChanges, day: istMidnight(clock.now()), structures: manager.structures() });
  const unchanged = (): boolean => {
    if (!agreed) return false;
    const now = sighting();
    return (
      now.broker === agreed.broker &&
      now.ledger === agreed.ledger &&
      now.day === agreed.day &&
      now.structures.length === agreed.structures.length &&
      now.structures.every((s, i) => s === agreed!.structures[i]) &&
      underway.size === 0 &&
      open().length === 0
    );
  };

  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  const bots = (): Set<string> => {
    const known = new Set<string>(deps.bots?.() ?? []);
    for (const r of manager.orders()) if (r.order.botId !== undefined) known.add(r.order.botId);
    for (const s of manager.structures()) known.add(s.botId);
    return known;
  };
  const isOption = (id: InstrumentId): boolean => deps.instruments.tradable(id)?.kind === 'option';
  const open = (): Finding[] => board.open().filter((f) => RECONCILIATION_KINDS.has(f.kind));

  const compare = (books: BrokerBooks): Pass => {
    const orders = manager.orders();
    const traded = new Set<string>(orders.map((r) => r.order.instrumentId));
    const inScope = (id: InstrumentId): boolean => traded.has(id) || config.exchanges.includes(parseInstrumentId(id).exchange);
    const byOrders = matchBrokerOrders({ orders, rows: books.rows, trades: books.trades, skewMs: port.clockSkewMs, inScope, bots: bots(), dayStart: istMidnight(clock.now()) });
    const byPositions = checkPositions({ orders, positions: manager.positions.byBot(), structures: manager.structures(), broker: books.positions, unknown: byOrders.unknown, inScope });
    const facts = { ...byOrders, ...byPositions };
    return { books, facts, items: reconcileItems(facts, isOption) };
  };

  /** Reads the books and applies them through the order manager; the trades it imported are returned. */
  const read = async (calls: { n: number }): Promise<Result<{ pass: Pass; imported: TradeId[] }, BrokerError>> => {
    calls.n += 3;
    const books = await port.readBooks();
    if (!books.ok) return books;
    const before = new Set(manager.fills().map((f) => f.tradeId));
    port.applyBooks(books.value);
    await manager.settled();
    const imported = manager.fills().filter((f) => !before.has(f.tradeId) && f.brokerOrderId !== undefined).map((f) => f.tradeId);
    return ok({ pass: compare(books.value), imported });
  };

  const pass = async (trigger: ReconcileTrigger | 'repair'): Promise<ReconcileReport> => {
    const ts = clock.now();
    agreed = undefined;
    const seen = sighting();
    const calls = { n: 0 };
    let seed: ReconcileReport['seeded'];
    if (!seeded && deps.seedBroker) {
      const snapshot = paperSnapshotFromStore(manager.orders(), manager.fills(), istMidnight(ts));
      const r = deps.seedBroker(snapshot);
      if (!r.ok) throw new Error(`the broker's book could not be re-seeded from the store: ${r.error}`);
      seed = { orders: snapshot.orders.length, trades: snapshot.trades.length, positions: snapshot.positions.filter((p) => p.position.netQuantity !== 0).length };
      manager.audit.record(AuditKind.reconciliation, 'reconciliation', { seeded: seed }, 'broker');
    }
    seeded = true;
    const first = await read(calls);
    lastRunAt = clock.now();
    const base = { trigger, ts, ...(seed ? { seeded: seed } : {}) };
    if (!first.ok) return { ...base, ok: false, error: first.error, brokerCalls: calls.n, importedFills: [], expired: [], structures: [], unknownOrders: [], gaps: [], awaitingResolver: [], raised: [], resolved: [], open: open() };
    let current = first.value.pass;
    const imported = [...first.value.imported];
    const openNow = open();
    let second: ReconcileItem[] | 'failed' | undefined;
    if (!matchesOpen(current.items, openNow)) {
      const again = await read(calls);
      if (again.ok) {
        current = again.value.pass;
        imported.push(...again.value.imported);
        second = current.items;
      } else second = 'failed';
    }
    latest = current;
    const { confirmed, gone } = confirmItems(first.value.pass.items, second, openNow);
    // While trading, a trade the poller has not read yet is not missing, only early: imported, not reported.
    const fills = trigger === 'periodic' ? { raised: [], resolved: [] } : reportImported(board, imported.map((t) => manager.fills().find((f) => f.tradeId === t)!));
    const settled = settleFindings({ board, open: openNow, confirmed, gone, current: current.items, underway, expire: (id) => port.expire(id, 'reconciliation').ok });
    const raised = [...fills.raised, ...settled.raised];
    const resolved = [...fills.resolved, ...settled.resolved];
    const { expired } = settled;
    if (expired.length > 0) manager.audit.record(AuditKind.reconciliation, 'reconciliation', { expired, reason: "day orders of an earlier session, not in today's order book" }, 'orders');
    const f = current.facts;
    const report = { ...base, ok: true, brokerCalls: calls.n, importedFills: imported, expired, structures: f.structures, unknownOrders: f.unknown, gaps: f.gaps, awaitingResolver: f.awaitingResolver, raised, resolved, open: open() };
    const agreeing = current.items.length === 0 && imported.length === 0 && expired.length === 0 && f.unknown.length === 0 && f.gaps.length === 0 && f.awaitingResolver.length === 0 && report.open.length === 0 && underway.size === 0;
    if (agreeing && seen.broker !== undefined) agreed = seen;
    return report;
  };

  const runNow = (trigger: ReconcileTrigger): Promise<ReconcileReport> =>
    exclusive(async () => {
      last = await pass(trigger);
      return last;
    });
  const skipped = (trigger: ReconcileTrigger, why: string): ReconcileReport => ({
    trigger, ts: clock.now(), ok: false, skipped: why, brokerCalls: 0, importedFills: [], expired: [], structures: [], unknownOrders: [], gaps: [], awaitingResolver: [], raised: [], resolved: [], open: open(),
  });

  const reconciler: Reconciler = {
    run(trigger) {
      if (trigger === 'periodic' && clock.now() - lastRunAt < config.intervalMs) return Promise.resolve(skipped(trigger, `a run ended less than ${config.intervalMs} ms ago`));
      if (trigger === 'periodic' && last?.ok && unchanged()) {
        last = { ...last, trigger, ts: clock.now(), brokerCalls: 0, importedFills: [], expired: [], raised: [], resolved: [], unchanged: true };
        return Promise.resolve(last);
      }
      if (trigger === 'recovery' && clock.now() - lastRunAt < config.minGapMs) {
        deferred ??= new Promise<ReconcileReport>((resolve, reject) => {
          clock.setTimer(lastRunAt + config.minGapMs, () => {
            deferred = undefined;
            runNow('recovery').then(resolve, reject);
          });
        });
        return deferred;
      }
      return runNow(trigger);
    },
    start() {
      periodic ??= clock.setInterval(config.intervalMs, () => {
        void reconciler.run('periodic');
      });
    },
    stop() {
      periodic?.cancel();
      periodic = undefined;
    },
    findings: open,
    isClear: () => !open().some((f) => f.severity === 'critical'),
    proposeRepairs(findingId) {
      const f = open().find((x) => x.findingId === findingId);
      return f && latest ? proposeRepairs(f, factOf(f, latest.facts), { bots: [...bots()] as BotId[], open: open() }) : [];
    },
    applyRepair: (findingId, repairId) =>
      exclusive(async (): Promise<Result<RepairOutcome, string>> => {
        const before = open().find((x) => x.findingId === findingId);
        if (!before) return err(`there is no open reconciliation finding ${findingId}`);
        if (underway.get(before.subject)?.id === repairId) return err(`repair '${repairId}' of ${before.subject} is already under way: wait for the broker's books to confirm it`);
        // Facts first: the repair acts on the books as they are now, not as they were when it was shown.
        last = await pass('repair');
        if (!last.ok) return err(`the broker's books could not be read (${last.error?.message ?? last.skipped}): nothing was repaired`);
        const finding = open().find((x) => x.findingId === findingId);
        if (!finding) return err(`finding ${findingId} was settled by the latest read of the broker's books: nothing to repair`);
        const fact = latest ? factOf(finding, latest.facts) : undefined;
        const repair = proposeRepairs(finding, fact, { bots: [...bots()] as BotId[], open: open() }).find((r) => r.id === repairId);
        if (!repair || !fact || !latest) return err(`repair '${repairId}' is not offered for finding ${findingId} now`);
        const facts = latest.facts;
        const books = latest.books;
        const outcome = await carryOutRepair(finding, fact, repair, {
          port,
          brokerPositions: books.positions,
          averagePrice: (b, id, product) => manager.positions.botPosition(b, id, product).avgPrice,
          findUnknown: (id) => facts.unknown.find((u) => u.row.brokerOrderId === id),
        });
        manager.audit.record(AuditKind.repair, 'trader', { findingId, repairId, ok: outcome.ok, ...(outcome.ok ? { outcome: outcome.value } : { error: outcome.error }) }, finding.subject);
        if (!outcome.ok) return outcome;
        for (const id of outcome.value.adopted) {
          const brokerOrderId = manager.order(id)?.order.brokerOrderId;
          const other = open().find((f) => f.kind === 'unknown-broker-order' && f.subject === brokerOrderId && f.findingId !== findingId);
          if (other) board.resolve(other.findingId, `adopted as order ${id} by the repair of finding ${findingId} (${repair.label})`, 'trader');
        }
        underway.set(finding.subject, repair);
        last = await pass('repair');
        return outcome;
      }),
    lastReport: () => last,
  };
  return reconciler;
}
