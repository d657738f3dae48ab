import { err, ok, type Result } from '#core/result';
import type { Intent } from '#model/intent';
import { AuditKind, botActor } from './audit.ts';
import type { ExecutionContext } from './execution-context.ts';
import type { OrderPath } from './order-path.ts';
import { planOrders } from './order-planner.ts';
import { orderProposal } from './proposals.ts';
import { rejectionText } from './risk-gating.ts';
import type { SubmitError, SubmitOutcome } from './submit-errors.ts';

type OrderIntent = Extract<Intent, { kind: 'place' | 'modify' | 'cancel' }>;

/** Place, modify and cancel: one intent, written with its orders, then sent. */
export async function submitOrderIntent(ctx: ExecutionContext, path: OrderPath, intent: OrderIntent): Promise<Result<SubmitOutcome, SubmitError>> {
  const refuse = (e: SubmitError): Result<SubmitOutcome, SubmitError> => {
    path.refuse(intent, e, true);
    return err(e);
  };
  if (intent.kind === 'place') {
    const planned = planOrders(ctx, { ...intent, reduceOnly: 'auto' });
    if (!planned.ok) return refuse(planned.error);
    const written = await path.writeGated(intent, planned.value);
    if (!written.ok) return written;
    await path.send(written.value);
    return ok({ orders: written.value.map((p) => p.spec.clientOrderId) });
  }
  const rec = ctx.ledger.get(intent.clientOrderId);
  if (!rec || rec.order.botId !== intent.botId) return refuse({ kind: 'unknown-order', message: `bot ${intent.botId} has no order ${intent.clientOrderId}` });
  if (intent.kind === 'cancel') {
    ctx.ledger.recordIntent(intent, ctx.clock.now());
    const r = await path.sender.cancel(intent.clientOrderId, botActor(intent.botId));
    return r.ok ? ok({ orders: [intent.clientOrderId] }) : err({ kind: 'not-allowed', message: r.error });
  }
  const o = rec.order;
  const instrument = ctx.instruments.tradable(o.instrumentId);
  const quote = ctx.quotes.quote(o.instrumentId);
  if (!instrument || !quote) return refuse({ kind: 'no-quote', message: `no quote for ${o.instrumentId}: the modified order cannot be checked` });
  if (intent.quantity !== undefined && (!Number.isInteger(intent.quantity) || intent.quantity % instrument.lotSize !== 0 || intent.quantity < o.filledQuantity)) {
    return refuse({ kind: 'invalid-order', message: `new quantity ${intent.quantity} must be whole lots of ${instrument.lotSize} and at least the filled ${o.filledQuantity}` });
  }
  const terms = {
    ...(intent.quantity !== undefined ? { quantity: intent.quantity } : {}),
    ...(intent.limitPrice !== undefined ? { limitPrice: intent.limitPrice } : {}),
    ...(intent.triggerPrice !== undefined ? { triggerPrice: intent.triggerPrice } : {}),
  };
  const proposal = orderProposal(instrument, quote, { ...o, ...terms, reduceOnly: rec.reduceOnly }, ctx.clock.now());
  const verdict = ctx.risk.check(proposal);
  ctx.ledger.transaction(() => {
    ctx.ledger.recordIntent(intent, ctx.clock.now());
    ctx.audit.record(AuditKind.riskDecision, 'risk', { clientOrderId: o.clientOrderId, allowed: verdict.ok, ...(verdict.ok ? {} : { rejection: verdict.error }) }, o.clientOrderId);
  });
  if (!verdict.ok) return err({ kind: 'risk-denied', message: rejectionText(verdict.error), rejection: verdict.error });
  const r = await path.sender.modify(intent.clientOrderId, terms, botActor(intent.botId));
  return r.ok ? ok({ orders: [intent.clientOrderId] }) : err({ kind: 'not-allowed', message: r.error });
}
