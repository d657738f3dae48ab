import { err, ok, type Result } from '#core/result';
import type { IntentId } from '#model/ids';
import type { StructureRecord } from '#store/structures-repository';
import type { ExecutionContext } from '../execution-context.ts';
import { planOrders, type PlannedOrder } from '../order-planner.ts';
import type { SubmitError } from '../submit-errors.ts';
import { legProgress } from './structure-progress.ts';

/**
 * The orders that close one leg of an open structure at market, reduce-only and linked to the leg as an
 * exit (so the structure counts it like any exit of its own), or why not: the structure is not open, the
 * leg holds nothing or is already being closed, or it is a long leg while a short leg is still held —
 * selling that hedge would leave the short naked, which the structure's own exit order never allows.
 */
export function planLegClose(ctx: ExecutionContext, s: StructureRecord, legIndex: number, intentId: IntentId): Result<readonly PlannedOrder[], SubmitError> {
  const refuse = (message: string): Result<readonly PlannedOrder[], SubmitError> => err({ kind: 'not-allowed', message });
  if (s.status !== 'open') return refuse(`structure ${s.structureId} is ${s.status}: only a leg of an open structure can be closed on its own`);
  const progress = legProgress(s, ctx.ledger.all());
  const p = progress.find((x) => x.leg.index === legIndex);
  if (!p || p.held <= 0) return refuse(`leg ${legIndex} of structure ${s.structureId} holds nothing to close`);
  if (p.workingExits.length > 0 || p.workingEntries.length > 0) return refuse(`leg ${legIndex} of structure ${s.structureId} has an order working: wait for it`);
  if (p.leg.side === 'BUY') {
    const shorts = progress.filter((x) => x.leg.side === 'SELL' && x.held > 0).map((x) => `${x.held} ${x.leg.instrumentId}`);
    if (shorts.length > 0) {
      return refuse(`leg ${legIndex} (${p.leg.instrumentId}) is the hedge of the short ${shorts.join(' and ')}: selling it would leave them naked. Buy back the short leg first, or exit the whole structure.`);
    }
  }
  const planned = planOrders(ctx, {
    intentId,
    botId: s.botId,
    instrumentId: p.leg.instrumentId,
    side: p.leg.side === 'BUY' ? 'SELL' : 'BUY',
    quantity: p.held,
    type: 'MARKET',
    product: s.product,
    reduceOnly: true,
    link: { structureId: s.structureId, legIndex: p.leg.index, role: 'exit' },
  });
  return planned.ok ? ok(planned.value) : planned;
}
