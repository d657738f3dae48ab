import type { Clock } from '#core/clock';
import type { IdGenerator } from '#core/ids';
import { clientOrderId, intentId, type BotId, type ClientOrderId } from '#model/ids';
import { isTerminal, type OrderStatus } from '#model/order';
import { closeActions, type CloseAction, type ClosePhase } from '#risk/kill-plan';
import type { RiskLedger } from '#risk/ledger';
import type { PendingOrder } from '#risk/ports';
import type { AuditActor } from '#execution/audit';
import type { OrderManager } from '#execution/order-manager';
import { isStructureTerminal } from '#execution/structures/structure-fsm';
import type { EngineAudit } from './engine-audit.ts';
import { killReport, legKey, type KillReport, type KillRun as Run, type KillSource } from './kill-report.ts';
import type { HeldLeg, TradingPortfolio } from './risk-portfolio.ts';

export type { KillReport, KillSource } from './kill-report.ts';

export interface KillSwitchDeps {
  readonly clock: Clock;
  readonly manager: OrderManager;
  readonly ledger: RiskLedger;
  readonly portfolio: TradingPortfolio;
  /** Stops every running bot (and has every shadow variant flatten its own book); returns the ids it stopped. */
  readonly stopBots: (reason: string, source: KillSource) => string[];
  readonly audit: EngineAudit;
  readonly intentIds: IdGenerator;
  /** How long one press keeps working at flattening, engine-clock ms. */
  readonly timeoutMs?: number;
  readonly onChange: () => void;
}

/** Orders the broker still holds and can cancel; the others are waited for (an unknown outcome settles first). */
const CANCELLABLE: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['accepted', 'triggered', 'partially-filled', 'pending-update']);
/** Closing orders one press tries for a position before it reports the position as left open. */
const CLOSE_ATTEMPTS = 3;
/** A round waits at most this long for an order to change before it looks again, engine-clock ms. */
const ROUND_MS = 100;

/**
 * The kill switch: the state goes to *halted* and every bot stops first (so nothing opens while the book
 * closes); then, round after round until the book is flat: working orders are cancelled (entries first),
 * every live structure exits through its own hedge-last path, and loose positions close at market in
 * risk's kill-plan phases: short options bought back, then futures, then long options sold, a phase
 * sent only once the previous one has filled. A second press while it runs joins it; a press on a flat
 * book changes nothing but the audit log. Everything it sends is a reduce-only order through the same
 * order path (risk, then the store, then the broker), which the engine's gate lets through the halt.
 */
export class KillSwitch {
  private readonly deps: KillSwitchDeps;
  private readonly killOrders = new Set<ClientOrderId>();
  private readonly phaseOf = new Map<ClientOrderId, ClosePhase>();
  private running: Promise<KillReport> | undefined;
  private isEngaged = false;
  private last: KillReport | undefined;

  constructor(deps: KillSwitchDeps) {
    this.deps = deps;
  }

  /** Reduce-only orders are the kill switch's while this holds: from a press until the book is flat or trading resumes. */
  engaged(): boolean {
    return this.isEngaged;
  }

  isRunning(): boolean {
    return this.running !== undefined;
  }

  lastReport(): KillReport | undefined {
    return this.last;
  }

  isKillOrder(id: ClientOrderId): boolean {
    return this.killOrders.has(id);
  }

  /** Trading resumed: reduce-only orders are ordinary exits again. */
  disengage(): void {
    this.isEngaged = false;
  }

  /** Halt, stop every bot, flatten. */
  kill(source: KillSource, actor: AuditActor): Promise<KillReport> {
    return this.start(source, actor, true);
  }

  /** Flatten only (a loss limit configured to flatten): the limit already set the state; bots stay as they are. */
  flatten(source: KillSource, actor: AuditActor): Promise<KillReport> {
    return this.start(source, actor, false);
  }

  private async start(source: KillSource, actor: AuditActor, halt: boolean): Promise<KillReport> {
    const { clock, ledger, audit } = this.deps;
    if (this.running) {
      audit.record('kill', actor, { source, joined: true }, 'kill-switch');
      return { ...(await this.running), joined: true };
    }
    const before = ledger.state();
    audit.record(halt ? 'kill' : 'risk:flatten', actor, { source, stateBefore: before.state, causeBefore: before.cause }, 'kill-switch');
    if (halt) ledger.kill(`kill switch (${source})`, clock.now());
    const run: Run = {
      source,
      started: clock.now(),
      botsStopped: halt ? this.deps.stopBots(`kill switch (${source})`, source) : [],
      cancelSent: new Set(),
      exited: new Set(),
      retried: new Set(),
      attempts: new Map(),
      errors: new Map(),
      cancelled: 0,
      closeOrders: 0,
    };
    this.isEngaged = true;
    this.running = this.flattenLoop(run).finally(() => {
      this.running = undefined;
    });
    this.deps.onChange();
    const report = await this.running;
    this.last = report;
    if (report.flat) this.isEngaged = false;
    audit.record(halt ? 'kill' : 'risk:flatten', 'engine', { done: true, ...report }, 'kill-switch');
    this.deps.onChange();
    return report;
  }

  private async flattenLoop(run: Run): Promise<KillReport> {
    const { clock, manager } = this.deps;
    const deadline = run.started + (this.deps.timeoutMs ?? 10_000);
    for (;;) {
      const progress = await this.round(run);
      await manager.settled();
      if (this.flat()) return this.report(run, true);
      if (!progress && !this.working()) return this.report(run, false);
      if (clock.now() >= deadline) return this.report(run, false);
      await this.waitForChange(deadline);
    }
  }

  /** One pass over the book; false when nothing was sent and nothing can be (only refusals are left). */
  private async round(run: Run): Promise<boolean> {
    const { manager } = this.deps;
    let sent = false;
    const cancels = manager
      .orders()
      .filter((r) => !r.link && !isTerminal(r.order.status) && CANCELLABLE.has(r.order.status) && !this.killOrders.has(r.order.clientOrderId) && !run.cancelSent.has(r.order.clientOrderId))
      .filter((r) => r.order.botId !== undefined)
      .sort((a, b) => Number(a.reduceOnly) - Number(b.reduceOnly));
    for (const r of cancels) run.cancelSent.add(r.order.clientOrderId);
    const cancelled = await Promise.all(
      cancels.map((r) => manager.submit({ kind: 'cancel', intentId: this.nextIntent(), botId: r.order.botId as BotId, clientOrderId: r.order.clientOrderId, reason: `kill switch (${run.source})` })),
    );
    run.cancelled += cancelled.filter((c) => c.ok).length;
    sent ||= cancels.length > 0;

    const exits: Promise<unknown>[] = [];
    for (const s of manager.structures()) {
      if (isStructureTerminal(s.status)) continue;
      if ((s.status === 'open' || s.status === 'entering') && !run.exited.has(s.structureId)) {
        run.exited.add(s.structureId);
        exits.push(manager.submit({ kind: 'exit-structure', intentId: this.nextIntent(), botId: s.botId, structureId: s.structureId, reason: `kill switch (${run.source})` }));
      } else if (s.status === 'orphaned' && !run.retried.has(s.structureId)) {
        run.retried.add(s.structureId);
        manager.retryStructure(s.structureId);
        sent = true;
      }
    }
    sent ||= exits.length > 0;
    await Promise.all(exits);

    const closes = this.dueCloses(run);
    const placed = await Promise.all(closes.map((c) => this.sendClose(run, c)));
    sent ||= placed.some(Boolean);
    return sent;
  }

  /** Loose positions to close now: per bot and product, hedge last, the current phase only. */
  private dueCloses(run: Run): { botId: BotId; product: HeldLeg['product']; action: CloseAction }[] {
    const { portfolio, manager } = this.deps;
    const loose = portfolio.holdings().legs.filter((l) => l.structureId === undefined && l.botId !== undefined);
    const open = manager.orders().filter((r) => !isTerminal(r.order.status));
    const busy = new Set(open.filter((r) => !r.link && !this.killOrders.has(r.order.clientOrderId)).map((r) => legKey(r.order.botId, r.order.instrumentId, r.order.product)));
    const working = open.filter((r) => this.killOrders.has(r.order.clientOrderId));
    const pending = new Map<string, PendingOrder[]>();
    for (const w of working) {
      const instrument = portfolio.holdings().legs.find((l) => l.instrument.id === w.order.instrumentId)?.instrument;
      if (!instrument) continue;
      const k = `${w.order.botId ?? ''}|${w.order.product}`;
      pending.set(k, [...(pending.get(k) ?? []), { clientOrderId: w.order.clientOrderId, instrument, side: w.order.side, remainingQuantity: w.order.quantity - w.order.filledQuantity, reduceOnly: true, killSwitch: true }]);
    }
    const groups = new Map<string, HeldLeg[]>();
    for (const l of loose) {
      const k = `${l.botId ?? ''}|${l.product}`;
      groups.set(k, [...(groups.get(k) ?? []), l]);
    }
    const candidates: { botId: BotId; product: HeldLeg['product']; action: CloseAction }[] = [];
    for (const [k, legs] of groups) {
      const { botId, product } = legs[0]!;
      for (const action of closeActions(legs, pending.get(k) ?? [])) {
        if (busy.has(legKey(botId, action.instrument.id, product))) continue;
        if ((run.attempts.get(legKey(botId, action.instrument.id, product)) ?? 0) >= CLOSE_ATTEMPTS) continue;
        candidates.push({ botId: botId!, product, action });
      }
    }
    const workingPhases = working.map((w) => this.phaseOf.get(w.order.clientOrderId)).filter((p): p is ClosePhase => p !== undefined);
    const phase = Math.min(...workingPhases, ...candidates.map((c) => c.action.phase));
    return candidates.filter((c) => c.action.phase === phase);
  }

  private async sendClose(run: Run, c: { botId: BotId; product: HeldLeg['product']; action: CloseAction }): Promise<boolean> {
    const { manager, portfolio } = this.deps;
    const key = legKey(c.botId, c.action.instrument.id, c.product);
    run.attempts.set(key, (run.attempts.get(key) ?? 0) + 1);
    const r = await manager.submit({
      kind: 'place',
      intentId: this.nextIntent(),
      botId: c.botId,
      instrumentId: c.action.instrument.id,
      side: c.action.side,
      quantity: c.action.quantity,
      type: 'MARKET',
      product: c.product,
      reason: `kill switch (${run.source}): close, phase ${c.action.phase}`,
    });
    if (!r.ok) {
      run.errors.set(key, r.error.message);
      return false;
    }
    for (const id of r.value.orders) {
      this.killOrders.add(clientOrderId(id));
      this.phaseOf.set(clientOrderId(id), c.action.phase);
    }
    portfolio.invalidate();
    run.closeOrders += r.value.orders.length;
    return true;
  }

  private flat(): boolean {
    const { portfolio, manager } = this.deps;
    const h = portfolio.holdings();
    return h.legs.length === 0 && h.unknown.length === 0 && !this.working() && manager.structures().every((s) => isStructureTerminal(s.status));
  }

  /** Orders still open, or structures still legging, closing or waiting for the trader. */
  private working(): boolean {
    const { manager } = this.deps;
    return manager.orders().some((r) => !isTerminal(r.order.status)) || manager.structures().some((s) => !isStructureTerminal(s.status) && s.status !== 'orphaned');
  }

  private report(run: Run, flat: boolean): KillReport {
    const { clock, ledger, portfolio, manager } = this.deps;
    return killReport(run, { flat, working: this.working(), holdings: portfolio.holdings(), structures: manager.structures(), now: clock.now(), state: ledger.state().state });
  }

  private waitForChange(deadline: number): Promise<void> {
    const { clock, manager } = this.deps;
    return new Promise((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        off();
        timer.cancel();
        resolve();
      };
      const off = manager.onOrderChange(finish);
      const timer = clock.setTimer(Math.min(deadline, clock.now() + ROUND_MS), finish);
    });
  }

  private nextIntent() {
    return intentId(this.deps.intentIds.next());
  }
}
