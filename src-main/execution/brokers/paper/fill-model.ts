import { roundToTick } from '#model/instrument';
import type { OrderSide, OrderType } from '#model/order';
import type { DepthLevel, Quote } from '#execution/quotes';

export interface WorkingTerms {
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
  /** Units still to fill. */
  readonly remaining: number;
  readonly lotSize: number;
  readonly tickSize: number;
  /** SL and SL-M orders rest untriggered until the last price crosses the trigger. */
  readonly triggered: boolean;
}

export interface FillSlice {
  readonly price: number;
  readonly quantity: number;
  /** Index of the book level it took (for depth consumption). */
  readonly level: number;
}

/** A stop triggers when the last price reaches the trigger: at or above for a buy, at or below for a sell. */
export function stopTriggered(t: Pick<WorkingTerms, 'side' | 'triggerPrice'>, q: Quote): boolean {
  if (t.triggerPrice === undefined) return false;
  return t.side === 'BUY' ? q.ltp >= t.triggerPrice : q.ltp <= t.triggerPrice;
}

/**
 * The levels a buy takes from (asks) or a sell from (bids), best first: the depth when the quote has
 * it, else the touch with its displayed size (unbounded when none is shown), else the last price.
 */
export function opposingLevels(side: OrderSide, q: Quote): DepthLevel[] {
  const depth = side === 'BUY' ? q.depth?.asks : q.depth?.bids;
  if (depth && depth.length > 0) return [...depth];
  const price = side === 'BUY' ? q.ask : q.bid;
  const size = side === 'BUY' ? q.askQty : q.bidQty;
  if (price !== undefined && price > 0) return [{ price, quantity: size ?? Number.POSITIVE_INFINITY }];
  return [{ price: q.ltp, quantity: Number.POSITIVE_INFINITY }];
}

/**
 * What a working order takes from a quote now: level by level, whole lots only, never more than a
 * level shows (less what earlier orders took, `taken`), never beyond a limit. `slip` moves each price
 * against the order. The rest of the order keeps working.
 */
export function fillAgainstQuote(t: WorkingTerms, q: Quote, taken: readonly number[], slip: (price: number) => number): FillSlice[] {
  const behavesAsLimit = t.type === 'LIMIT' || t.type === 'SL';
  if ((t.type === 'SL' || t.type === 'SL-M') && !t.triggered) return [];
  const out: FillSlice[] = [];
  let left = t.remaining;
  for (const [i, level] of opposingLevels(t.side, q).entries()) {
    if (left <= 0) break;
    if (behavesAsLimit && t.limitPrice !== undefined && (t.side === 'BUY' ? level.price > t.limitPrice : level.price < t.limitPrice)) break;
    const available = level.quantity - (taken[i] ?? 0);
    const lots = Math.floor(Math.min(left, available) / t.lotSize);
    if (lots <= 0) continue;
    let price = slip(level.price);
    if (behavesAsLimit && t.limitPrice !== undefined) price = t.side === 'BUY' ? Math.min(price, t.limitPrice) : Math.max(price, t.limitPrice);
    out.push({ price: roundToTick(price, t.tickSize), quantity: lots * t.lotSize, level: i });
    left -= lots * t.lotSize;
  }
  return out;
}

/** Moves a price against the trader by ticks or basis points, onto the tick grid, never below one tick. */
export function slipped(price: number, side: OrderSide, ticks: number, bps: number, tickSize: number): number {
  const dir = side === 'BUY' ? 1 : -1;
  const raw = price * (1 + (dir * bps) / 10_000) + dir * ticks * tickSize;
  const onGrid = dir > 0 ? Math.ceil(raw / tickSize - 1e-9) : Math.floor(raw / tickSize + 1e-9);
  return roundToTick(Math.max(onGrid, 1) * tickSize, tickSize);
}
