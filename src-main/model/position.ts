import type { InstrumentId } from './ids.ts';
import { signedQuantity, type Fill } from './fill.ts';

/**
 * A position is never stored as truth: it is the fold of its fills, so it can always be rebuilt from
 * the fill log after a crash and reconciled against the broker's position book.
 */
export interface Position {
  readonly instrumentId: InstrumentId;
  /** Signed units: positive long, negative short. */
  readonly netQuantity: number;
  /** Average entry price of the open quantity; 0 when flat. */
  readonly avgPrice: number;
  /** Realised P&L in rupees, before charges. */
  readonly realizedPnl: number;
  readonly charges: number;
  readonly buyQuantity: number;
  readonly sellQuantity: number;
  readonly tsLast: number;
}

export function emptyPosition(instrumentId: InstrumentId): Position {
  return { instrumentId, netQuantity: 0, avgPrice: 0, realizedPnl: 0, charges: 0, buyQuantity: 0, sellQuantity: 0, tsLast: 0 };
}

export function applyFill(position: Position, fill: Fill): Position {
  if (fill.instrumentId !== position.instrumentId) {
    throw new Error(`fill for ${fill.instrumentId} applied to the position in ${position.instrumentId}`);
  }
  const q = signedQuantity(fill);
  const open = position.netQuantity;
  let netQuantity = open + q;
  let avgPrice = position.avgPrice;
  let realizedPnl = position.realizedPnl;
  if (open === 0 || Math.sign(open) === Math.sign(q)) {
    avgPrice = (position.avgPrice * Math.abs(open) + fill.price * Math.abs(q)) / Math.abs(netQuantity);
  } else {
    const closing = Math.min(Math.abs(open), Math.abs(q));
    realizedPnl += closing * (fill.price - position.avgPrice) * Math.sign(open);
    if (netQuantity === 0) avgPrice = 0;
    else if (Math.sign(netQuantity) !== Math.sign(open)) avgPrice = fill.price;
  }
  if (Math.abs(netQuantity) < 1e-9) netQuantity = 0;
  return {
    instrumentId: position.instrumentId,
    netQuantity,
    avgPrice,
    realizedPnl,
    charges: position.charges + fill.charges,
    buyQuantity: position.buyQuantity + (fill.side === 'BUY' ? fill.quantity : 0),
    sellQuantity: position.sellQuantity + (fill.side === 'SELL' ? fill.quantity : 0),
    tsLast: Math.max(position.tsLast, fill.tsEvent),
  };
}

export function positionFromFills(instrumentId: InstrumentId, fills: Iterable<Fill>): Position {
  let p = emptyPosition(instrumentId);
  for (const f of fills) p = applyFill(p, f);
  return p;
}

export function unrealizedPnl(position: Position, lastPrice: number): number {
  return position.netQuantity * (lastPrice - position.avgPrice);
}

/** Net P&L: realised plus marked-to-market, less charges. */
export function netPnl(position: Position, lastPrice: number): number {
  return position.realizedPnl + unrealizedPnl(position, lastPrice) - position.charges;
}
