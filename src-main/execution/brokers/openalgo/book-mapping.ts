import { brokerOrderId, instrumentId, type BrokerOrderId, type InstrumentId } from '#model/ids';
import type { OrderSide, OrderType, Product } from '#model/order';
import type { ResponseOf } from '#openalgo/endpoints';
import type { BrokerOrderRow, BrokerOrderStatus, BrokerPosition, BrokerTrade } from '#execution/broker';
import { parseOpenAlgoTime } from './ist-timestamp.ts';
import { deriveTradeIds } from './trade-ids.ts';

/**
 * OpenAlgo's books → the Broker port's rows. OpenAlgo's order book also lists orders the trader placed
 * elsewhere (the broker's own app), so a row the port cannot express (a cover or bracket product, an
 * unknown side or price type) is left out and named in `skipped`: the terminal never sends such orders,
 * so they cannot be its own.
 */
export type WireOrderRow = ResponseOf<'orderBook'>['data']['orders'][number];
export type WireTrade = ResponseOf<'tradeBook'>['data'][number];
export type WirePosition = ResponseOf<'positionBook'>['data'][number];

export interface Mapped<T> {
  readonly items: T[];
  /** One line per row left out, saying which and why. */
  readonly skipped: string[];
}

const SIDES: ReadonlySet<string> = new Set<OrderSide>(['BUY', 'SELL']);
const TYPES: ReadonlySet<string> = new Set<OrderType>(['MARKET', 'LIMIT', 'SL', 'SL-M']);
const PRODUCTS: ReadonlySet<string> = new Set<Product>(['MIS', 'NRML', 'CNC']);

/**
 * OpenAlgo's statuses are lowercase (openalgo.md §2); `canceled` and `expired` come from some broker
 * mappers, `pending` from older docs. A status nobody listed is read as still working: taking a dead
 * order for a live one costs only polling, while taking a live one for dead would lose its later fills.
 */
export function statusOf(wire: string): BrokerOrderStatus {
  switch (wire.trim().toLowerCase()) {
    case 'complete':
      return 'complete';
    case 'cancelled':
    case 'canceled':
    case 'expired':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
    case 'trigger pending':
    case 'trigger_pending':
      return 'trigger-pending';
    default:
      return 'open';
  }
}

interface Identity {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly product: Product;
}

/** Order ids are strings on the wire; one that is blank is no id at all. */
export function orderIdOf(wire: string): BrokerOrderId | undefined {
  const id = wire.trim();
  return id === '' ? undefined : brokerOrderId(id);
}

function identityOf(row: { symbol: string; exchange: string; action: string; product: string }): Identity | string {
  const side = row.action.trim().toUpperCase();
  if (!SIDES.has(side)) return `side "${row.action}"`;
  if (!PRODUCTS.has(row.product)) return `product "${row.product}"`;
  if (row.symbol.trim() === '' || row.exchange.trim() === '') return 'no symbol or exchange';
  return { instrumentId: instrumentId(row.exchange.trim(), row.symbol.trim()), side: side as OrderSide, product: row.product as Product };
}

export function mapTrades(rows: readonly WireTrade[], nowMs: number): Mapped<BrokerTrade> {
  const items: BrokerTrade[] = [];
  const skipped: string[] = [];
  const usable = rows.filter((r) => {
    // A fill of nothing (OpenAlgo's docs sample has quantity 0.0) is not a fill; it must not become one.
    if (r.quantity > 0) return true;
    skipped.push(`trade of order ${r.orderid}: quantity ${r.quantity}`);
    return false;
  });
  const priced = usable.map((r) => ({ row: r, price: r.price ?? r.average_price }));
  const ids = deriveTradeIds(priced.map(({ row, price }) => ({ orderid: row.orderid.trim(), tradeid: row.tradeid, quantity: row.quantity, price })));
  priced.forEach(({ row, price }, i) => {
    const who = identityOf(row);
    const orderId = orderIdOf(row.orderid);
    if (typeof who === 'string' || orderId === undefined) {
      skipped.push(`trade of order "${row.orderid}": ${typeof who === 'string' ? who : 'no order id'}`);
      return;
    }
    const ts = parseOpenAlgoTime(row.timestamp, nowMs);
    items.push({ tradeId: ids[i]!, brokerOrderId: orderId, ...who, quantity: row.quantity, price, ...(ts !== undefined ? { ts } : {}) });
  });
  return { items, skipped };
}

interface FillTotals {
  readonly quantity: number;
  readonly value: number;
}

function totalsByOrder(trades: readonly BrokerTrade[]): Map<BrokerOrderId, FillTotals> {
  const totals = new Map<BrokerOrderId, FillTotals>();
  for (const t of trades) {
    const prev = totals.get(t.brokerOrderId) ?? { quantity: 0, value: 0 };
    totals.set(t.brokerOrderId, { quantity: prev.quantity + t.quantity, value: prev.value + t.quantity * t.price });
  }
  return totals;
}

/** Live rows carry no fill progress (only the sandbox's do): the trade book must be read to know it. */
export function rowsNeedTrades(rows: readonly WireOrderRow[]): boolean {
  return rows.some((r) => r.filled_quantity === undefined || r.average_price === undefined);
}

/**
 * Order rows. Fill progress is the row's own when it has it (sandbox); otherwise a complete row is
 * filled in full and any other row by the sum of its trades (a cancelled or rejected row after a partial
 * fill must say so, or the fills it counts would be lost). `strategyOf` supplies the tag for orders this
 * process placed, since live rows do not carry it.
 */
export function mapOrderRows(
  rows: readonly WireOrderRow[],
  trades: readonly BrokerTrade[],
  strategyOf: (id: BrokerOrderId) => string | undefined,
  nowMs: number,
): Mapped<BrokerOrderRow> {
  const totals = totalsByOrder(trades);
  const items: BrokerOrderRow[] = [];
  const skipped: string[] = [];
  for (const r of rows) {
    const who = identityOf(r);
    const type = (r.pricetype ?? r.price_type ?? '').trim().toUpperCase();
    const id = orderIdOf(r.orderid);
    if (typeof who === 'string' || !TYPES.has(type) || id === undefined) {
      const why = typeof who === 'string' ? who : id === undefined ? 'no order id' : `price type "${r.pricetype ?? r.price_type ?? ''}"`;
      skipped.push(`order "${r.orderid}": ${why}`);
      continue;
    }
    const status = statusOf(r.order_status);
    const fills = totals.get(id);
    const filledQuantity = r.filled_quantity ?? (status === 'complete' ? r.quantity : (fills?.quantity ?? 0));
    const fromTrades = fills && fills.quantity > 0 ? fills.value / fills.quantity : 0;
    const avgPrice = r.average_price !== undefined && r.average_price > 0 ? r.average_price : fromTrades;
    const strategy = r.strategy ?? strategyOf(id);
    const placedAt = parseOpenAlgoTime(r.timestamp, nowMs);
    items.push({
      brokerOrderId: id,
      ...(strategy !== undefined ? { strategy } : {}),
      ...who,
      quantity: r.quantity,
      type: type as OrderType,
      // OpenAlgo forces 0 for MARKET rows; an SL-M has no limit price either.
      price: type === 'MARKET' || type === 'SL-M' ? 0 : r.price,
      triggerPrice: type === 'SL' || type === 'SL-M' ? r.trigger_price : 0,
      status,
      filledQuantity,
      avgPrice,
      ...(r.rejection_reason ? { rejectionReason: r.rejection_reason } : {}),
      ...(placedAt !== undefined ? { placedAt } : {}),
    });
  }
  return { items, skipped };
}

/** Net positions, closed ones (quantity 0) included as OpenAlgo lists them. */
export function mapPositions(rows: readonly WirePosition[]): Mapped<BrokerPosition> {
  const items: BrokerPosition[] = [];
  const skipped: string[] = [];
  for (const r of rows) {
    const who = identityOf({ ...r, action: 'BUY' });
    if (typeof who === 'string') {
      skipped.push(`position ${r.exchange}:${r.symbol}: ${who}`);
      continue;
    }
    items.push({ instrumentId: who.instrumentId, product: who.product, quantity: r.quantity, avgPrice: r.average_price });
  }
  return { items, skipped };
}
