import type { Order } from '#model/order';
import type { BotContext, BotStructureView } from '../contract/context.ts';
import { structureOf } from '../common/structure-of.ts';
import type { BuyerPosition } from './buyer-position.ts';

/**
 * What execution did to a position since the last bar. `exit-stalled`: an exit was sent a minute ago or
 * more, nothing is working on the legs and they are still held (risk refused it, the broker rejected it):
 * the caller sends it again.
 */
export type BuyerSyncEvent = 'none' | 'opened' | 'entry-failed' | 'closed' | 'exit-stalled' | 'stuck';

export interface BuyerSync<T extends BuyerPosition> {
  readonly position: T | undefined;
  readonly event: BuyerSyncEvent;
  /** What execution reported, for the signal. */
  readonly detail: string;
}

/** How long an exit may go without a working order before it is sent again. */
export const EXIT_RETRY_MS = 60_000;

const toPaise = (x: number): number => Math.round(x * 100) / 100;

function heldUnits<P, S>(ctx: BotContext<P, S>, instrumentId: string): number {
  return Math.max(0, ctx.positions.find((p) => p.instrumentId === instrumentId)?.netQuantity ?? 0);
}

const working = <P, S>(ctx: BotContext<P, S>, match: (o: Order) => boolean): boolean => ctx.openOrders.some(match);

/** A single leg bought with a `place` order: followed through the bot's orders and positions. */
function syncOrder<T extends BuyerPosition, P, S>(pos: T, ctx: BotContext<P, S>): BuyerSync<T> {
  const leg = pos.legs[0]!;
  const held = heldUnits(ctx, leg.instrumentId);
  const entryWorking = working(ctx, (o) => o.intentId === pos.intentId);
  if (pos.phase === 'entering') {
    const avg = ctx.positions.find((p) => p.instrumentId === leg.instrumentId)?.avgPrice ?? 0;
    if (held >= leg.quantity) return { position: { ...pos, phase: 'open', entryPremium: toPaise(avg), peakPremium: toPaise(avg), openedAt: ctx.now }, event: 'opened', detail: `filled ${held} at ${toPaise(avg)}` };
    if (entryWorking) return { position: pos, event: 'none', detail: '' };
    if (held > 0) {
      const legs = [{ ...leg, quantity: held }];
      return { position: { ...pos, legs, phase: 'open', entryPremium: toPaise(avg), peakPremium: toPaise(avg), openedAt: ctx.now }, event: 'opened', detail: `partly filled: ${held} of ${leg.quantity} at ${toPaise(avg)}` };
    }
    // The order manager answers an intent before the next bar: no order and nothing held a bar later means refused.
    if (ctx.now > pos.sentAt) return { position: undefined, event: 'entry-failed', detail: 'the entry order was refused, rejected or cancelled with nothing filled' };
    return { position: pos, event: 'none', detail: '' };
  }
  if (held === 0) return { position: undefined, event: 'closed', detail: pos.phase === 'exiting' ? 'exit filled' : `${leg.instrumentId} is no longer held (closed outside the bot)` };
  if (pos.phase === 'exiting' && !working(ctx, (o) => o.instrumentId === leg.instrumentId) && ctx.now - (pos.exitSentAt ?? ctx.now) >= EXIT_RETRY_MS) {
    return { position: pos, event: 'exit-stalled', detail: `${held} units of ${leg.instrumentId} still held and no exit order working` };
  }
  return { position: pos, event: 'none', detail: '' };
}

/** Premium per unit from a structure's entry fills (all buys). */
const filledPremium = (s: BotStructureView): number => toPaise(s.legs.reduce((sum, l) => sum + l.entryPrice, 0));

/** A straddle entered as one structure: followed through execution's structure view. */
function syncStructure<T extends BuyerPosition, P, S>(pos: T, ctx: BotContext<P, S>): BuyerSync<T> {
  const s = structureOf(ctx.structures, pos.intentId);
  if (!s) return { position: pos, event: 'none', detail: '' };
  if (s.status === 'orphaned') return { position: pos, event: 'stuck', detail: 'execution reports the structure orphaned: a leg could not be closed, the trader must act' };
  const done = s.status === 'closed' || s.status === 'denied' || s.status === 'unwound';
  if (pos.phase === 'entering') {
    if (s.status === 'open') {
      const premium = filledPremium(s);
      return { position: { ...pos, phase: 'open', structureId: s.structureId, entryPremium: premium, peakPremium: premium, openedAt: ctx.now }, event: 'opened', detail: `filled at ${premium}` };
    }
    if (done) return { position: undefined, event: 'entry-failed', detail: `the straddle entry ended ${s.status}` };
    return { position: pos, event: 'none', detail: '' };
  }
  if (done) return { position: undefined, event: 'closed', detail: pos.phase === 'exiting' ? 'exit filled' : `the structure was ${s.status} outside the bot` };
  if (pos.phase === 'exiting' && s.status === 'open' && ctx.now - (pos.exitSentAt ?? ctx.now) >= EXIT_RETRY_MS) {
    return { position: pos, event: 'exit-stalled', detail: 'the structure is still open and no exit is working' };
  }
  return { position: pos, event: 'none', detail: '' };
}

/** Moves a position along with what execution reports. */
export function syncBuyer<T extends BuyerPosition, P, S>(pos: T, ctx: BotContext<P, S>): BuyerSync<T> {
  return pos.entry === 'order' ? syncOrder(pos, ctx) : syncStructure(pos, ctx);
}
