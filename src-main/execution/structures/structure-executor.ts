import { err, ok, type Result } from '#core/result';
import { structureId as toStructureId, type StructureId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { StructureStatus } from '#model/structure';
import type { OrderProposal } from '#risk/pre-trade';
import type { StructureRecord, StructuresRepository } from '#store/structures-repository';
import { AuditKind, type AuditActor } from '../audit.ts';
import { sleep, type ExecutionContext } from '../execution-context.ts';
import type { OrderChange } from '../order-ledger.ts';
import type { OrderPath } from '../order-path.ts';
import { planOrders, type PlannedOrder } from '../order-planner.ts';
import { gateOrders } from '../risk-gating.ts';
import type { SubmitError, SubmitOutcome } from '../submit-errors.ts';
import { buildStructure } from './structure-builder.ts';
import { isStructureTerminal, structureTransition } from './structure-fsm.ts';
import { planStructure, type StructureStep } from './structure-planner.ts';
import { planLegClose } from './structure-leg-close.ts';
import { legProgress } from './structure-progress.ts';

/** Margin a structure needs as a whole; risk's estimator in the engine, a formula in tests. */
export type StructureMarginEstimator = (legs: readonly OrderProposal[]) => number;

type EnterIntent = Extract<Intent, { kind: 'enter-structure' }>;
type LegIntent = Extract<Intent, { kind: 'exit-structure-leg' }>;

/**
 * Drives structures leg by leg. Each time one of its orders changes (or on the poll tick, for
 * timeouts) a structure is re-planned from its record and its orders (`planStructure`) and the steps
 * are carried out: one planning run per structure at a time, repeated while changes keep arriving.
 */
export class StructureExecutor {
  private readonly ctx: ExecutionContext;
  private readonly path: OrderPath;
  private readonly repo: StructuresRepository;
  private readonly margin: StructureMarginEstimator;
  private readonly structures = new Map<StructureId, StructureRecord>();
  /** Bumped whenever a record is added or replaced (`version`). */
  private changes = 0;
  private readonly dirty = new Set<StructureId>();
  private readonly running = new Map<StructureId, Promise<void>>();
  private stopped = false;
  private readonly retryAt = new Map<string, 'waiting' | 'due'>();
  /** Since when a leg's next order has waited for a quote of its instrument, by structure, step and leg. */
  private readonly quoteWaitSince = new Map<string, number>();

  constructor(ctx: ExecutionContext, path: OrderPath, repo: StructuresRepository, margin: StructureMarginEstimator) {
    this.ctx = ctx;
    this.path = path;
    this.repo = repo;
    this.margin = margin;
    ctx.ledger.onChange((c: OrderChange) => {
      if (c.record.link) this.schedule(c.record.link.structureId);
    });
  }

  restore(records: readonly StructureRecord[]): void {
    for (const r of records) this.structures.set(r.structureId, r);
    this.changes++;
  }

  get(id: StructureId): StructureRecord | undefined {
    return this.structures.get(id);
  }

  all(): StructureRecord[] {
    return [...this.structures.values()];
  }

  /** Moves whenever `all()` would list another record: a reader that kept a view of it can tell it is still current. */
  version(): number {
    return this.changes;
  }

  /** Margin held by structures still legging in. */
  marginBlocked(): number {
    let sum = 0;
    for (const s of this.structures.values()) sum += s.marginBlocked;
    return sum;
  }

  async enter(intent: EnterIntent): Promise<Result<SubmitOutcome, SubmitError>> {
    const { ledger, risk, clock, audit } = this.ctx;
    const built = buildStructure(this.ctx, intent, toStructureId(intent.intentId));
    if (!built.ok) return built;
    const { record, proposals } = built.value;
    const verdict = risk.checkStructure({ botId: intent.botId, structureId: record.structureId, legs: proposals, ts: clock.now() });
    const status: StructureStatus = verdict.ok ? 'entering' : 'denied';
    const stored: StructureRecord = { ...record, status, marginBlocked: verdict.ok ? this.margin(proposals) : 0, ...(verdict.ok ? {} : { reason: `risk ${verdict.error.check}: ${verdict.error.reason}` }) };
    ledger.transaction(() => {
      ledger.recordIntent(intent, clock.now());
      this.repo.insert(stored);
      audit.record(AuditKind.riskDecision, 'risk', { structureId: stored.structureId, allowed: verdict.ok, ...(verdict.ok ? {} : { rejection: verdict.error }) }, stored.structureId);
      audit.record(AuditKind.structure, 'execution', stored, stored.structureId);
    });
    this.structures.set(stored.structureId, stored);
    this.changes++;
    if (!verdict.ok) return err({ kind: 'risk-denied', message: stored.reason ?? '', rejection: verdict.error });
    this.schedule(stored.structureId);
    await this.settledOne(stored.structureId);
    return ok({ orders: this.ordersOf(stored.structureId), structureId: stored.structureId });
  }

  /** Closes a structure: an open one exits hedge-last, one still legging in unwinds what filled. */
  exit(id: StructureId, reason: string, actor: AuditActor): Result<void, SubmitError> {
    const s = this.structures.get(id);
    if (!s) return err({ kind: 'unknown-structure', message: `structure ${id} is not known` });
    const to: StructureStatus | undefined = s.status === 'open' ? 'exiting' : s.status === 'entering' ? 'unwinding' : undefined;
    if (!to) return err({ kind: 'not-allowed', message: `structure ${id} is ${s.status} and cannot be exited` });
    this.become(s, to, reason, actor);
    this.schedule(id);
    return ok(undefined);
  }

  /**
   * Closes one leg of an open structure at market through risk (`planLegClose` says when it may not).
   * The structure stays open with its other legs and says which leg was closed; once no leg holds
   * anything it closes.
   */
  async closeLeg(intent: LegIntent, actor: AuditActor): Promise<Result<SubmitOutcome, SubmitError>> {
    const s = this.structures.get(intent.structureId);
    if (!s || s.botId !== intent.botId) return err({ kind: 'unknown-structure', message: `bot ${intent.botId} has no structure ${intent.structureId}` });
    const planned = planLegClose(this.ctx, s, intent.legIndex, intent.intentId);
    if (!planned.ok) return planned;
    const written = await this.path.writeGated(intent, planned.value);
    if (!written.ok) return written;
    const leg = s.legs[intent.legIndex]!;
    this.save({ ...this.structures.get(s.structureId)!, reason: `leg ${leg.index} (${leg.side} ${leg.instrumentId}) closed: ${intent.reason}` }, actor);
    await this.path.send(written.value);
    return ok({ orders: written.value.map((p) => p.spec.clientOrderId), structureId: s.structureId });
  }

  /** The trader's retry of an orphaned structure: its closing attempts start again. */
  retryOrphan(id: StructureId): Result<void, SubmitError> {
    const s = this.structures.get(id);
    if (s?.status !== 'orphaned') return err({ kind: 'not-allowed', message: `structure ${id} is not orphaned` });
    const everOpen = legProgress(s, this.ctx.ledger.all()).every((p) => p.entryFilled === p.leg.quantity);
    this.save({ ...s, legs: s.legs.map((l) => ({ ...l, exitAttempts: 0 })) });
    this.become(this.structures.get(id)!, everOpen ? 'exiting' : 'unwinding', 'retry requested by the trader', 'trader');
    this.schedule(id);
    return ok(undefined);
  }

  /**
   * Reconciliation's completion of a structure whose legs were found missing (and recorded as exited):
   * those legs are sent again as on a first entry, hedges before shorts, under the structure's own
   * failure policy, their attempts counted afresh.
   */
  complete(id: StructureId, reason: string, actor: AuditActor): Result<void, SubmitError> {
    const s = this.structures.get(id);
    if (!s) return err({ kind: 'unknown-structure', message: `structure ${id} is not known` });
    if (s.status !== 'open' && s.status !== 'entering') return err({ kind: 'not-allowed', message: `structure ${id} is ${s.status}: only an open or entering structure can be completed` });
    const short = new Set(legProgress(s, this.ctx.ledger.all()).filter((p) => p.held < p.leg.quantity && p.workingEntries.length === 0).map((p) => p.leg.index));
    if (short.size === 0) return err({ kind: 'not-allowed', message: `structure ${id} holds or is buying every leg: nothing to complete` });
    this.save({ ...s, legs: s.legs.map((l) => (short.has(l.index) ? { ...l, attempts: 0 } : l)) }, actor);
    if (s.status === 'open') this.become(this.structures.get(id)!, 'entering', reason, actor);
    this.schedule(id);
    return ok(undefined);
  }

  /** Re-plans every live structure: leg timeouts and due retries act from here. */
  tick(): void {
    for (const s of this.structures.values()) if (!isStructureTerminal(s.status) && s.status !== 'orphaned') this.schedule(s.structureId);
  }

  /** Resolves when no structure is being planned (tests, and the engine before it reports a state). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** Resolves when this structure's planning run (and its sends) is done. */
  async settledOne(id: StructureId): Promise<void> {
    for (let run = this.running.get(id); run; run = this.running.get(id)) await run;
  }

  /**
   * Plans nothing more until `start`: the order path is stopping, and its store may close next. A retry or
   * leg timer that fires afterwards would otherwise write an order into a closed store.
   */
  stop(): void {
    this.stopped = true;
  }

  start(): void {
    this.stopped = false;
  }

  private schedule(id: StructureId): void {
    if (this.stopped) return;
    this.dirty.add(id);
    if (this.running.has(id)) return;
    const run = (async () => {
      await Promise.resolve();
      while (this.dirty.delete(id)) await this.advance(id);
    })().finally(() => this.running.delete(id));
    this.running.set(id, run);
  }

  private async advance(id: StructureId): Promise<void> {
    const s = this.structures.get(id);
    if (!s || isStructureTerminal(s.status)) return;
    const steps = planStructure({
      structure: s,
      progress: legProgress(s, this.ctx.ledger.all()),
      now: this.ctx.clock.now(),
      tickSize: (i) => this.ctx.instruments.tradable(s.legs[i]!.instrumentId)?.tickSize ?? 0.05,
      unwindRetries: this.ctx.config.unwindRetries,
    });
    const sends: PlannedOrder[] = [];
    for (const step of steps) {
      if (step.kind === 'become') {
        if (this.become(this.structures.get(id)!, step.status, step.reason, 'execution')) this.dirty.add(id);
      }
      else if (step.kind === 'cancel') void this.path.sender.cancel(step.clientOrderId, 'execution');
      else if (step.retry && !this.retryDue(id, `${step.kind}#${step.legIndex}`)) continue;
      else sends.push(...this.writeLegOrders(id, step));
    }
    await this.path.send(sends);
  }

  /**
   * A retry waits `retryDelayMs` after the failure is first seen; a timer makes it due and re-plans. The
   * timer itself marks it due: a wall-clock timer may fire a millisecond before the clock reads its
   * instant, and a comparison with the clock would then leave the retry waiting with no timer to wake it.
   */
  private retryDue(id: StructureId, what: string): boolean {
    const key = `${id}#${what}`;
    const state = this.retryAt.get(key);
    if (state === 'due') {
      this.retryAt.delete(key);
      return true;
    }
    if (state === undefined) {
      this.retryAt.set(key, 'waiting');
      void sleep(this.ctx.clock, this.ctx.config.retryDelayMs).then(() => {
        this.retryAt.set(key, 'due');
        this.schedule(id);
      });
    }
    return false;
  }

  private writeLegOrders(id: StructureId, step: Extract<StructureStep, { kind: 'send-entry' | 'send-exit' }>): PlannedOrder[] {
    const s = this.structures.get(id)!;
    const leg = s.legs[step.legIndex]!;
    const entry = step.kind === 'send-entry';
    const planned = planOrders(this.ctx, {
      intentId: s.intentId,
      botId: s.botId,
      instrumentId: leg.instrumentId,
      side: entry ? leg.side : leg.side === 'BUY' ? 'SELL' : 'BUY',
      quantity: step.quantity,
      type: entry ? leg.type : 'MARKET',
      product: s.product,
      ...(entry && step.limitPrice !== undefined ? { limitPrice: step.limitPrice } : {}),
      reduceOnly: !entry,
      link: { structureId: id, legIndex: leg.index, role: entry ? 'entry' : 'exit' },
    });
    // No quote yet is no failure of the leg (after a restart the feed quotes held legs a moment after the
    // structures resume): the leg waits for one, once, up to its own timeout; after that attempts count.
    const waitKey = `${id}#${step.kind}#${leg.index}`;
    if (!planned.ok && planned.error.kind === 'no-quote') {
      const now = this.ctx.clock.now();
      const since = this.quoteWaitSince.get(waitKey) ?? now;
      this.quoteWaitSince.set(waitKey, since);
      if (now - since < s.policy.legTimeoutMs) {
        void sleep(this.ctx.clock, this.ctx.config.retryDelayMs).then(() => this.schedule(id));
        return [];
      }
    }
    if (planned.ok) this.quoteWaitSince.delete(waitKey);
    const legs = s.legs.map((l) => (l.index !== leg.index ? l : entry ? { ...l, attempts: l.attempts + 1 } : { ...l, exitAttempts: l.exitAttempts + 1 }));
    if (!planned.ok) {
      this.save({ ...s, legs, reason: planned.error.message });
      this.schedule(id);
      return [];
    }
    const verdict = gateOrders(this.ctx, planned.value);
    if (verdict.kind === 'wait') {
      // Only the order rate refused: no attempt is spent; the step is planned again after the wait.
      void sleep(this.ctx.clock, verdict.ms).then(() => this.schedule(id));
      return [];
    }
    let written: readonly PlannedOrder[] = [];
    this.ctx.ledger.transaction(() => {
      this.save({ ...s, legs });
      const r = this.path.write(undefined, planned.value, verdict);
      written = r.ok ? r.value : [];
    });
    if (written.length === 0) this.schedule(id);
    return [...written];
  }

  /** False when the structure cannot take that status (nothing changes). */
  private become(s: StructureRecord, to: StructureStatus, reason: string, actor: AuditActor): boolean {
    if (!structureTransition(s.status, to).ok) return false;
    const releases = s.status === 'entering' || to === 'denied';
    const next: StructureRecord = { ...s, status: to, reason, ...(releases ? { marginBlocked: 0 } : {}) };
    this.save(next, actor);
    if (to === 'orphaned') this.raiseOrphan(next);
    return true;
  }

  private save(next: StructureRecord, actor: AuditActor = 'execution'): void {
    const saved = { ...next, tsLast: this.ctx.clock.now() };
    this.ctx.ledger.transaction(() => {
      this.repo.update(saved);
      this.ctx.audit.record(AuditKind.structure, actor, { status: saved.status, reason: saved.reason, legs: saved.legs, marginBlocked: saved.marginBlocked }, saved.structureId);
    });
    this.structures.set(saved.structureId, saved);
    this.changes++;
  }

  private raiseOrphan(s: StructureRecord): void {
    const held = legProgress(s, this.ctx.ledger.all()).filter((p) => p.held > 0);
    const naked = held.some((p) => p.leg.side === 'SELL') ? ' It includes a short leg: the position may be a naked short.' : '';
    this.ctx.findings.raise({
      kind: 'orphaned-structure',
      severity: 'critical',
      botId: s.botId,
      subject: s.structureId,
      message: `Structure ${s.structureId} (${s.kind}) could not be closed: ${s.reason ?? ''}.${naked} The bot is blocked: close the legs at the broker or retry, then resolve this finding.`,
      details: { held: held.map((p) => ({ leg: p.leg.index, instrumentId: p.leg.instrumentId, side: p.leg.side, held: p.held })) },
      blocking: true,
    });
  }

  private ordersOf(id: StructureId): string[] {
    return this.ctx.ledger
      .all()
      .filter((r) => r.link?.structureId === id)
      .map((r) => r.order.clientOrderId);
  }
}
