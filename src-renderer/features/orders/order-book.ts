import type { OrderDto, TradeDto } from '#contract/trading-dto';

/** One status an order passed through, with the engine-clock instant it was seen in. */
export interface Transition {
  readonly status: OrderDto['status'];
  readonly ts: number;
}

export interface OrderBook {
  /** Newest first. */
  readonly orders: readonly OrderDto[];
  /**
   * Statuses seen per order, oldest first: from the snapshot on, as the deltas arrive. Updated in place
   * (copying thousands of entries per delta would cost more than the row it changes); every change also
   * replaces `orders`, which is what a view re-renders on.
   */
  readonly transitions: Map<string, Transition[]>;
}

/** Statuses where the order is still at (or on its way to) the broker and may be changed or cancelled. */
const WORKING = new Set<OrderDto['status']>(['accepted', 'triggered', 'partially-filled', 'pending-update']);
const IN_FLIGHT = new Set<OrderDto['status']>(['initialized', 'submitted', 'unknown', 'pending-cancel']);

export const isWorking = (o: OrderDto): boolean => WORKING.has(o.status) || IN_FLIGHT.has(o.status);
/** Cancel and modify are offered only on orders of a bot the broker holds (the kill switch's are left alone). */
export const canCancel = (o: OrderDto): boolean => WORKING.has(o.status) && o.botId !== undefined && !o.killSwitch;
export const canModify = (o: OrderDto): boolean => canCancel(o) && o.type !== 'MARKET';

/** Orders the book keeps in memory: the engine sends its open orders and the latest finished ones. */
export const ORDERS_KEPT = 5000;
/** Fills kept in memory, newest last. */
export const TRADES_KEPT = 20_000;

export function emptyBook(): OrderBook {
  return { orders: [], transitions: new Map() };
}

export function bookFromSnapshot(list: readonly OrderDto[]): OrderBook {
  const orders = [...list].sort((a, b) => b.tsInit - a.tsInit).slice(0, ORDERS_KEPT);
  const transitions = new Map<string, Transition[]>();
  for (const o of orders) transitions.set(o.clientOrderId, [{ status: o.status, ts: o.tsLast }]);
  return { orders, transitions };
}

/** One order as it is now: replaces its row (or adds it on top) and records a new status once. */
export function applyOrder(book: OrderBook, o: OrderDto): OrderBook {
  const at = book.orders.findIndex((x) => x.clientOrderId === o.clientOrderId);
  let orders: OrderDto[];
  let evicted: OrderDto | undefined;
  if (at >= 0) {
    orders = [...book.orders];
    orders[at] = o;
  } else {
    orders = [o, ...book.orders];
    if (orders.length > ORDERS_KEPT) evicted = orders.pop();
  }
  const { transitions } = book;
  const seen = transitions.get(o.clientOrderId);
  if (!seen) transitions.set(o.clientOrderId, [{ status: o.status, ts: o.tsLast }]);
  else if (seen.at(-1)?.status !== o.status) seen.push({ status: o.status, ts: o.tsLast });
  if (evicted) transitions.delete(evicted.clientOrderId);
  return { orders, transitions };
}

/** Appends fills once each (a fresh snapshot after a reconnect repeats them), keeping the newest TRADES_KEPT. */
export function appendTrades(list: readonly TradeDto[], add: readonly TradeDto[]): TradeDto[] {
  const known = new Set(list.map((t) => t.tradeId));
  const out = [...list];
  for (const t of add) {
    if (known.has(t.tradeId)) continue;
    known.add(t.tradeId);
    out.push(t);
  }
  return out.length > TRADES_KEPT ? out.slice(out.length - TRADES_KEPT) : out;
}

/** What an order asks for, in a trader's words: `BUY 130 @ 152.50 LMT`, `SELL 65 MKT`, `BUY 65 SL 140 / 141`. */
export function orderTerms(o: OrderDto): string {
  const head = `${o.side} ${o.quantity}`;
  switch (o.type) {
    case 'MARKET':
      return `${head} MKT`;
    case 'LIMIT':
      return `${head} @ ${o.limitPrice?.toFixed(2) ?? '?'} LMT`;
    case 'SL':
      return `${head} SL ${o.triggerPrice?.toFixed(2) ?? '?'} / ${o.limitPrice?.toFixed(2) ?? '?'}`;
    case 'SL-M':
      return `${head} SL-M ${o.triggerPrice?.toFixed(2) ?? '?'}`;
  }
}
