import { err, ok, type Result } from '#core/result';
import type { Intent } from '#model/intent';
import { botActor } from './audit.ts';
import type { ExecutionContext } from './execution-context.ts';
import type { OrderPath } from './order-path.ts';
import { planOrders, type PlannedOrder } from './order-planner.ts';
import type { StructureExecutor } from './structures/structure-executor.ts';
import { isStructureTerminal } from './structures/structure-fsm.ts';
import { legProgress } from './structures/structure-progress.ts';
import type { SubmitError, SubmitOutcome } from './submit-errors.ts';

type FlattenIntent = Extract<Intent, { kind: 'flatten' }>;

const CANCELLABLE = new Set(['accepted', 'triggered', 'partially-filled', 'pending-update']);

/**
 * Closes a bot's positions (in one instrument, or all). Its structures touching the scope exit through
 * their own hedge-last path; its other working orders in scope are cancelled; what it still holds
 * outside structures is closed at market, buys (short cover) sent before sells.
 */
export async function flatten(ctx: ExecutionContext, path: OrderPath, structures: StructureExecutor, intent: FlattenIntent): Promise<Result<SubmitOutcome, SubmitError>> {
  const { ledger } = ctx;
  const inScope = (id: string): boolean => intent.instrumentId === undefined || intent.instrumentId === id;
  const live = structures.all().filter((s) => s.botId === intent.botId && !isStructureTerminal(s.status) && s.legs.some((l) => inScope(l.instrumentId)));
  const structureHeld = new Map<string, number>();
  for (const s of structures.all().filter((x) => x.botId === intent.botId && !isStructureTerminal(x.status))) {
    for (const p of legProgress(s, ledger.all())) {
      const k = `${p.leg.instrumentId}|${s.product}`;
      structureHeld.set(k, (structureHeld.get(k) ?? 0) + (p.leg.side === 'BUY' ? p.held : -p.held));
    }
  }
  const planned: PlannedOrder[] = [];
  for (const bp of ledger.positions.byBot(intent.botId)) {
    const id = bp.position.instrumentId;
    const loose = bp.position.netQuantity - (structureHeld.get(`${id}|${bp.product}`) ?? 0);
    if (loose === 0 || !inScope(id)) continue;
    const r = planOrders(ctx, { intentId: intent.intentId, botId: intent.botId, instrumentId: id, side: loose < 0 ? 'BUY' : 'SELL', quantity: Math.abs(loose), type: 'MARKET', product: bp.product, reduceOnly: true });
    if (!r.ok) {
      path.refuse(intent, r.error, true);
      return err(r.error);
    }
    planned.push(...r.value);
  }
  planned.sort((a, b) => (a.spec.side === b.spec.side ? 0 : a.spec.side === 'BUY' ? -1 : 1));
  const written = await path.writeGated(intent, planned);
  if (!written.ok) return written;
  for (const s of live) structures.exit(s.structureId, `flatten: ${intent.reason}`, botActor(intent.botId));
  const cancels = ledger
    .open()
    .filter((r) => r.order.botId === intent.botId && !r.link && !r.reduceOnly && inScope(r.order.instrumentId) && CANCELLABLE.has(r.order.status));
  await Promise.all(cancels.map((r) => path.sender.cancel(r.order.clientOrderId, botActor(intent.botId))));
  await path.send(planned);
  return ok({ orders: planned.map((p) => p.spec.clientOrderId) });
}
