import { err, ok, type Result } from '#core/result';
import type { ClientOrderId } from '#model/ids';
import type { OrderProposal } from '#risk/pre-trade';
import type { AuditActor } from './audit.ts';
import type { BrokerError } from './broker.ts';
import { sleep, strategyTag, type ExecutionContext } from './execution-context.ts';
import type { OrderSync } from './order-sync.ts';
import type { ModifyTerms, PendingRequests } from './pending-requests.ts';
import type { UnknownOutcomeResolver } from './unknown-outcome.ts';

const reasonOf = (e: BrokerError): string => `${e.kind}: ${e.message}`;

/**
 * Sends what the ledger already holds. Each send is preceded by its own write (`submitted`, with the
 * send instant; `update-requested`; `cancel-requested`), so a crash mid-send leaves a record that says a
 * request may be out. An unknown outcome is handed to the resolver and never re-sent; only a refusal
 * that guarantees nothing happened (rate-limited) is re-sent, a bounded number of times.
 */
export class OrderSender {
  private readonly ctx: ExecutionContext;
  private readonly sync: OrderSync;
  private readonly resolver: UnknownOutcomeResolver;
  private readonly requests: PendingRequests;

  constructor(ctx: ExecutionContext, sync: OrderSync, resolver: UnknownOutcomeResolver, requests: PendingRequests) {
    this.ctx = ctx;
    this.sync = sync;
    this.resolver = resolver;
    this.requests = requests;
  }

  async place(id: ClientOrderId, proposal: OrderProposal): Promise<void> {
    const { ledger, clock, broker, risk, config } = this.ctx;
    // Orders that passed the gate in the same instant queue here for the order rate. The check that lets
    // an order through runs without yielding before `recordSent`: two sends never take the last slot.
    for (let wait = this.rateWait(); wait > 0; wait = this.rateWait()) await sleep(clock, wait);
    const sentAt = clock.now();
    const submitted = ledger.apply(id, { kind: 'submitted', ts: sentAt }, { sentAt });
    if (!submitted.ok) return;
    const o = submitted.value;
    const request = {
      strategy: strategyTag(o.botId),
      instrumentId: o.instrumentId,
      side: o.side,
      quantity: o.quantity,
      type: o.type,
      product: o.product,
      ...(o.limitPrice !== undefined ? { limitPrice: o.limitPrice } : {}),
      ...(o.triggerPrice !== undefined ? { triggerPrice: o.triggerPrice } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      for (let wait = attempt > 0 ? this.rateWait() : 0; wait > 0; wait = this.rateWait()) await sleep(clock, wait);
      risk.recordSent({ ...proposal, ts: clock.now() });
      const r = await broker.place(request);
      if (r.ok) {
        const accepted = ledger.apply(id, { kind: 'accepted', brokerOrderId: r.value.brokerOrderId, ts: clock.now() }, { actor: 'broker' });
        if (accepted.ok) this.sync.claimed(r.value.brokerOrderId);
        return;
      }
      if (r.error.kind === 'rate-limited' && attempt < config.rateLimitRetries) {
        await sleep(clock, r.error.retryAfterMs ?? 1000);
        continue;
      }
      if (r.error.kind === 'unknown-outcome') {
        ledger.apply(id, { kind: 'outcome-unknown', reason: r.error.message, ts: clock.now() }, { actor: 'broker' });
        this.resolver.watch(id);
      } else {
        ledger.apply(id, { kind: 'rejected', reason: reasonOf(r.error), ts: clock.now() }, { actor: 'broker' });
      }
      return;
    }
  }

  /** Milliseconds until one more order fits under the order-rate limit (0: now). */
  private rateWait(): number {
    return this.ctx.risk.sendDelay?.(this.ctx.clock.now()) ?? 0;
  }

  async modify(id: ClientOrderId, terms: ModifyTerms, actor: AuditActor): Promise<Result<void, string>> {
    const { ledger, clock, broker, config } = this.ctx;
    const rec = ledger.get(id);
    if (!rec?.order.brokerOrderId) return err(`order ${id} has no broker order id yet and cannot be modified`);
    const requested = ledger.apply(id, { kind: 'update-requested', ...terms, ts: clock.now() }, { actor });
    if (!requested.ok) return err(requested.error.message);
    const o = requested.value;
    this.requests.awaitModify(id, terms, clock.now() + config.requestConfirmWaitMs);
    const next = { quantity: terms.quantity ?? o.quantity, limitPrice: terms.limitPrice ?? o.limitPrice, triggerPrice: terms.triggerPrice ?? o.triggerPrice };
    const r = await broker.modify({
      strategy: strategyTag(o.botId),
      brokerOrderId: rec.order.brokerOrderId,
      instrumentId: o.instrumentId,
      side: o.side,
      product: o.product,
      type: o.type,
      quantity: next.quantity,
      ...(next.limitPrice !== undefined ? { limitPrice: next.limitPrice } : {}),
      ...(next.triggerPrice !== undefined ? { triggerPrice: next.triggerPrice } : {}),
    });
    if (r.ok) {
      // The book may already have shown the new terms (a pushed row), which settled the request.
      if (this.requests.modifyOf(id) !== undefined) {
        this.requests.clear(id);
        ledger.apply(id, { kind: 'updated', ...terms, ts: clock.now() }, { actor: 'broker' });
      }
    } else if (r.error.kind !== 'unknown-outcome') {
      this.requests.clear(id);
      ledger.apply(id, { kind: 'update-rejected', reason: reasonOf(r.error), ts: clock.now() }, { actor: 'broker' });
      return err(reasonOf(r.error));
    }
    return ok(undefined);
  }

  /** Asks the broker to cancel; the order is cancelled when the book says so (fills may land first). */
  async cancel(id: ClientOrderId, actor: AuditActor): Promise<Result<void, string>> {
    const { ledger, clock, broker, config } = this.ctx;
    const rec = ledger.get(id);
    if (!rec?.order.brokerOrderId) return err(`order ${id} has no broker order id yet and cannot be cancelled`);
    const requested = ledger.apply(id, { kind: 'cancel-requested', ts: clock.now() }, { actor });
    if (!requested.ok) return err(requested.error.message);
    this.requests.awaitCancel(id, clock.now() + config.requestConfirmWaitMs);
    const r = await broker.cancel(rec.order.brokerOrderId, strategyTag(rec.order.botId));
    if (r.ok || r.error.kind === 'unknown-outcome') return ok(undefined);
    this.requests.clear(id);
    ledger.apply(id, { kind: 'cancel-rejected', reason: reasonOf(r.error), ts: clock.now() }, { actor: 'broker' });
    return err(reasonOf(r.error));
  }

  /** Requests past their deadline: the order stays as it was, and says why. */
  expireRequests(): void {
    const { ledger, clock, config } = this.ctx;
    const reason = `not confirmed by the broker's book within ${config.requestConfirmWaitMs / 1000} s`;
    for (const { id, kind } of this.requests.takeExpired(clock.now())) {
      const status = ledger.get(id)?.order.status;
      if (kind === 'modify' && status === 'pending-update') ledger.apply(id, { kind: 'update-rejected', reason, ts: clock.now() }, { actor: 'reconciliation' });
      if (kind === 'cancel' && status === 'pending-cancel') ledger.apply(id, { kind: 'cancel-rejected', reason, ts: clock.now() }, { actor: 'reconciliation' });
    }
  }
}
