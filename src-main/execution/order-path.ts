import { err, ok, type Result } from '#core/result';
import type { Intent } from '#model/intent';
import { AuditKind, botActor } from './audit.ts';
import { sleep, type ExecutionContext } from './execution-context.ts';
import type { PlannedOrder } from './order-planner.ts';
import type { OrderSender } from './order-sender.ts';
import { auditDecisions, gateOrders, rejectionText, type GateVerdict } from './risk-gating.ts';
import type { SubmitError } from './submit-errors.ts';

/**
 * Risk, then the store, then the broker, for a batch of planned orders. The intent (when new) and all
 * its orders are written in one transaction before the first is sent; a refusal by risk is written
 * too, as denied orders, so the trader can see what a bot tried.
 */
export class OrderPath {
  private readonly ctx: ExecutionContext;
  readonly sender: OrderSender;

  constructor(ctx: ExecutionContext, sender: OrderSender) {
    this.ctx = ctx;
    this.sender = sender;
  }

  /**
   * Gates and writes. When only the order rate refuses, it waits the gate's retry-after and asks again
   * (`rateWaits` times at most) before writing anything; the intent is held in memory meanwhile.
   */
  async writeGated(intent: Intent | undefined, planned: readonly PlannedOrder[]): Promise<Result<readonly PlannedOrder[], SubmitError>> {
    let verdict = gateOrders(this.ctx, planned);
    for (let i = 0; verdict.kind === 'wait' && i < this.ctx.config.rateWaits; i++) {
      await sleep(this.ctx.clock, verdict.ms);
      verdict = gateOrders(this.ctx, planned);
    }
    return this.write(intent, planned, verdict);
  }

  /** Writes after the gate's verdict; on success the orders are `initialized` and ready for `send`. */
  write(intent: Intent | undefined, planned: readonly PlannedOrder[], verdict: GateVerdict): Result<readonly PlannedOrder[], SubmitError> {
    const { ledger, clock, audit } = this.ctx;
    const rejection = verdict.kind === 'pass' ? undefined : verdict.rejection;
    const created = planned.map((p) => ({ record: p.record, spec: p.spec }));
    ledger.transaction(() => {
      if (intent) ledger.recordIntent(intent, clock.now(), created);
      else ledger.addOrders(created);
      auditDecisions(audit, verdict.decisions);
      if (rejection) {
        const reason = rejectionText(rejection);
        for (const p of planned) ledger.apply(p.spec.clientOrderId, { kind: 'denied', reason, ts: clock.now() }, { actor: 'risk' });
      }
    });
    if (rejection) return err({ kind: 'risk-denied', message: rejectionText(rejection), rejection });
    return ok(planned);
  }

  /**
   * Sends one after another: slices of one intent keep their order and the broker's rate limit. Once one
   * is refused or its answer is lost, the rest are not sent (denied, saying why): more identical orders
   * into a failing connection would only make more unknown outcomes that nobody can tell apart.
   */
  async send(planned: readonly PlannedOrder[]): Promise<void> {
    const { ledger, clock } = this.ctx;
    let failed: string | undefined;
    for (const p of planned) {
      const id = p.spec.clientOrderId;
      if (failed !== undefined) {
        ledger.apply(id, { kind: 'denied', reason: `not sent: ${failed}`, ts: clock.now() });
        continue;
      }
      await this.sender.place(id, p.proposal);
      const status = ledger.get(id)?.order.status;
      if (status === 'rejected' || status === 'unknown') failed = `order ${id} before it was ${status === 'unknown' ? 'left without an answer' : 'rejected'}`;
    }
  }

  /** Records an intent refused before any order existed (bad instrument, no quote, blocked bot). */
  refuse(intent: Intent, error: SubmitError, writeIntent: boolean): void {
    const { ledger, audit, clock } = this.ctx;
    ledger.transaction(() => {
      if (writeIntent) ledger.recordIntent(intent, clock.now());
      audit.record(AuditKind.intentRefused, botActor(intent.botId), { intentId: intent.intentId, error }, intent.intentId);
    });
  }
}
