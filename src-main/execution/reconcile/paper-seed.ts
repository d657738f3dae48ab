import type { Fill } from '#model/fill';
import type { InstrumentId } from '#model/ids';
import type { Order, Product } from '#model/order';
import { applyFill, emptyPosition, type Position } from '#model/position';
import type { OrderRecord } from '#store/orders-repository';
import type { BrokerOrderRow, BrokerOrderStatus, BrokerTrade } from '../broker.ts';
import type { PaperBookSnapshot } from '../brokers/paper/paper-broker.ts';
import { strategyTag } from '../execution-context.ts';

function rowStatus(o: Order): BrokerOrderStatus | undefined {
  switch (o.status) {
    case 'filled':
      return 'complete';
    case 'cancelled':
    case 'expired':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
    case 'accepted':
      return o.type === 'SL' || o.type === 'SL-M' ? 'trigger-pending' : 'open';
    case 'triggered':
    case 'partially-filled':
    case 'pending-update':
    case 'pending-cancel':
      return 'open';
    default:
      return undefined;
  }
}

/**
 * The paper broker's book as the store knows it, to re-seed the paper broker after a restart (its book
 * lives in memory): today's orders that reached it (rows with their fill progress; working ones keep
 * working, at the terms the store last confirmed), today's trades, and the net position per instrument
 * and product folded from every fill the store holds (adjustments included), so that the paper broker's
 * books equal the store's and reconciliation finds nothing that is not really there. A working order of
 * an earlier day is left out: a day order ends with its session, and reconciliation expires it. Every id
 * the store holds goes along, so the paper broker never hands out an id an earlier run used.
 */
export function paperSnapshotFromStore(records: readonly OrderRecord[], fills: readonly Fill[], dayStart: number): PaperBookSnapshot {
  const byId = new Map(records.map((r) => [r.order.clientOrderId as string, r]));
  const today = (r: OrderRecord): boolean => (r.sentAt ?? r.order.tsInit) >= dayStart;
  const orders: BrokerOrderRow[] = [];
  for (const r of records) {
    const o = r.order;
    const status = rowStatus(o);
    if (o.brokerOrderId === undefined || status === undefined || !today(r)) continue;
    orders.push({
      brokerOrderId: o.brokerOrderId,
      strategy: strategyTag(o.botId),
      instrumentId: o.instrumentId,
      side: o.side,
      quantity: o.quantity,
      type: o.type,
      product: o.product,
      price: o.type === 'LIMIT' || o.type === 'SL' ? (o.limitPrice ?? 0) : 0,
      triggerPrice: o.type === 'SL' || o.type === 'SL-M' ? (o.triggerPrice ?? 0) : 0,
      status,
      filledQuantity: o.filledQuantity,
      avgPrice: o.avgFillPrice,
      placedAt: r.sentAt ?? o.tsInit,
    });
  }
  const inBook = new Set<string>(orders.map((o) => o.brokerOrderId));
  const trades: BrokerTrade[] = [];
  const positions = new Map<string, { product: Product; position: Position }>();
  for (const f of fills) {
    const owner = byId.get(f.clientOrderId);
    if (!owner) throw new Error(`fill ${f.tradeId} belongs to order ${f.clientOrderId}, which the store does not hold`);
    const product = owner.order.product;
    if (f.brokerOrderId !== undefined && inBook.has(f.brokerOrderId)) {
      trades.push({ tradeId: f.tradeId, brokerOrderId: f.brokerOrderId, instrumentId: f.instrumentId, side: f.side, product, quantity: f.quantity, price: f.price, charges: f.charges, ts: f.tsEvent });
    }
    const key = `${f.instrumentId}|${product}`;
    const prev = positions.get(key)?.position ?? emptyPosition(f.instrumentId as InstrumentId);
    positions.set(key, { product, position: applyFill(prev, f) });
  }
  const usedIds = {
    orders: records.flatMap((r) => (r.order.brokerOrderId !== undefined ? [r.order.brokerOrderId as string] : [])),
    trades: fills.map((f) => f.tradeId as string),
  };
  return { orders, trades, positions: [...positions.values()], usedIds };
}
