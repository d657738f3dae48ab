import type { BrokerOrderId } from '#model/ids';
import type { Order } from '#model/order';
import type { BrokerOrderRow } from './broker.ts';

const paise = (price: number | undefined): number => Math.round((price ?? 0) * 100);

/** What OpenAlgo's book shows of an order we sent: no tag of ours, only its terms. */
export function matchKey(o: Pick<Order, 'instrumentId' | 'side' | 'quantity' | 'type' | 'product' | 'limitPrice' | 'triggerPrice'>): string {
  const price = o.type === 'LIMIT' || o.type === 'SL' ? paise(o.limitPrice) : 0;
  const trigger = o.type === 'SL' || o.type === 'SL-M' ? paise(o.triggerPrice) : 0;
  return [o.instrumentId, o.side, o.quantity, o.type, o.product, price, trigger].join('|');
}

function rowKey(r: BrokerOrderRow): string {
  const price = r.type === 'LIMIT' || r.type === 'SL' ? paise(r.price) : 0;
  const trigger = r.type === 'SL' || r.type === 'SL-M' ? paise(r.triggerPrice) : 0;
  return [r.instrumentId, r.side, r.quantity, r.type, r.product, price, trigger].join('|');
}

/**
 * Book rows that could be the order whose placement answer was lost: not claimed by any order of
 * ours, the same symbol, exchange, side, quantity, product, price type and price, and placed after the
 * send (less `skewMs`). A row without a readable timestamp cannot be ruled out, so it is a candidate:
 * that errs toward asking the trader, never toward a second order.
 */
export function unknownOutcomeCandidates(
  order: Order,
  sentAt: number,
  rows: readonly BrokerOrderRow[],
  isClaimed: (id: BrokerOrderId) => boolean,
  skewMs: number,
): BrokerOrderRow[] {
  const key = matchKey(order);
  return rows.filter((r) => !isClaimed(r.brokerOrderId) && rowKey(r) === key && (r.placedAt === undefined || r.placedAt >= sentAt - skewMs));
}
