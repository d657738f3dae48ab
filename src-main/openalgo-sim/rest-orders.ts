import type { Random } from '#core/random';
import { derivativeExchange } from '#openalgo/symbol-codec';
import type { JsonReply } from './http-answers.ts';
import type { SimMarket } from './market.ts';
import type { NewSimOrder, SimOrder, SimOrderBook } from './order-book.ts';

/**
 * Order-management services of the simulator, answering with OpenAlgo's shapes (openalgo.md §3.1).
 * Each handler gets the body as OpenAlgo's schema loaded it (defaults filled, `apikey` included).
 */
export type Reply = JsonReply;
type Body = Record<string, unknown>;

export interface OrderContext {
  readonly book: SimOrderBook;
  readonly market: SimMarket;
  /** Draws the completion order of concurrently placed basket legs. */
  readonly random: Random;
}

const tag = (ctx: OrderContext, body: Record<string, unknown>): Record<string, unknown> => (ctx.book.analyze ? { ...body, mode: 'analyze' } : body);
const fail = (ctx: OrderContext, status: number, message: string): Reply => [status, tag(ctx, { status: 'error', message })];
const upper = (v: unknown): string => String(v ?? '').toUpperCase();
/**
 * A broker rejection keeps the broker's HTTP status (`res.status if res.status != 200 else 500`); the
 * simulated broker refuses with 400, as Kite does for an input error.
 */
const BROKER_REJECTION = 400;

function toOrder(b: Body, strategy: string): NewSimOrder {
  return {
    strategy,
    symbol: b.symbol as string,
    exchange: b.exchange as string,
    action: upper(b.action) as 'BUY' | 'SELL',
    quantity: b.quantity as number,
    pricetype: b.pricetype as NewSimOrder['pricetype'],
    product: b.product as string | undefined,
    price: b.price as number | undefined,
    trigger_price: b.trigger_price as number | undefined,
  };
}

function split(ctx: OrderContext, o: NewSimOrder, size: number): Record<string, unknown>[] | string {
  const count = Math.ceil(o.quantity / size);
  if (count > 100) return 'Total number of orders would exceed maximum limit of 100';
  const results: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const quantity = i === count - 1 ? o.quantity - size * (count - 1) : size;
    const r = ctx.book.place({ ...o, quantity });
    results.push(typeof r === 'string' ? { order_num: i + 1, quantity, status: 'error', message: r } : { order_num: i + 1, orderid: r.orderid, quantity, status: 'success' });
  }
  return results;
}

export type Resolved = { ok: true; symbol: string; exchange: string; ltp: number } | { ok: false; status: number; message: string };

/** Resolves ATM/ITMn/OTMn to a listed strike from the underlying's price, as `option_symbol_service` does. */
export function resolveOption(ctx: OrderContext, b: Body): Resolved {
  // `parse_underlying_symbol`: an expiry embedded in the underlying (NIFTY28OCT25FUT) wins.
  const embedded = /^([A-Z]+)(\d{2}[A-Z]{3}\d{2})(?:FUT)?$/.exec(upper(b.underlying));
  const underlying = embedded ? embedded[1]! : upper(b.underlying);
  const exchange = b.exchange as string;
  const chain = ctx.market.chainFor(underlying, exchange);
  const expiry = embedded?.[2] ?? (b.expiry_date as string | undefined);
  if (!expiry) return { ok: false, status: 400, message: 'Expiry date required. Provide via expiry_date parameter or embed in underlying (e.g., NIFTY28OCT25FUT).' };
  if (!chain || !chain.expiries.includes(expiry.toUpperCase())) {
    return { ok: false, status: 404, message: `No strikes found for ${underlying} expiring ${expiry}. Please check expiry date or update master contract.` };
  }
  const offset = upper(b.offset);
  if (!/^(ATM|(ITM|OTM)([1-9]|[1-4][0-9]|50))$/.test(offset)) return { ok: false, status: 400, message: `Invalid offset: ${offset}` };
  const ltp = ctx.market.quote(chain.underlyingExchange, underlying)?.ltp ?? 0;
  const step = (b.strike_int as number | null | undefined) ?? chain.strikeStep;
  const atm = Math.round(ltp / step) * step;
  const n = offset === 'ATM' ? 0 : Number(offset.slice(3));
  const right = upper(b.option_type) as 'CE' | 'PE';
  const itm = offset.startsWith('ITM');
  const direction = offset === 'ATM' ? 0 : (right === 'CE') === itm ? -1 : 1;
  const strike = atm + direction * n * step;
  const optExchange = derivativeExchange(exchange);
  const symbol = `${underlying}${expiry.toUpperCase()}${strike}${right}`;
  if (!ctx.market.info(optExchange, symbol)) {
    return { ok: false, status: 404, message: `Option symbol ${symbol} not found in ${optExchange}. Symbol may not exist or master contract needs update.` };
  }
  return { ok: true, symbol, exchange: optExchange, ltp };
}

/**
 * `basket_order_service`: BUY legs are sent before SELL legs, in batches of ten placed concurrently, and
 * the results come back in the order the broker answered (`as_completed`), so within a batch the order
 * is the broker's, not the request's. A failed leg carries only its symbol. Analyze mode places them
 * one by one and marks the batch.
 */
function basket(ctx: OrderContext, b: Body): Reply {
  const items = b.orders as Body[];
  const sorted = [...items.filter((i) => upper(i.action) === 'BUY'), ...items.filter((i) => upper(i.action) === 'SELL')];
  const place = (item: Body, i: number): Record<string, unknown> => {
    const r = ctx.book.place(toOrder(item, b.strategy as string));
    if (typeof r === 'string') return { symbol: item.symbol, status: 'error', message: r };
    const done = { symbol: item.symbol, exchange: item.exchange ?? '', product: item.product ?? '', status: 'success', orderid: r.orderid };
    return ctx.book.analyze ? { ...done, batch_order: true, is_last_order: i === items.length - 1 } : done;
  };
  if (ctx.book.analyze) return [200, { mode: 'analyze', status: 'success', results: sorted.map(place) }];
  const results: Record<string, unknown>[] = [];
  for (let start = 0; start < sorted.length; start += 10) {
    const batch = sorted.slice(start, start + 10).map((item, k) => place(item, start + k));
    for (let i = batch.length - 1; i > 0; i--) {
      const j = ctx.random.int(0, i);
      [batch[i], batch[j]] = [batch[j]!, batch[i]!];
    }
    results.push(...batch);
  }
  return [200, { status: 'success', results }];
}

export const orderHandlers: Record<string, (ctx: OrderContext, b: Body) => Reply> = {
  placeorder(ctx, b) {
    const r = ctx.book.place(toOrder(b, b.strategy as string));
    return typeof r === 'string' ? fail(ctx, BROKER_REJECTION, r) : [200, tag(ctx, { status: 'success', orderid: r.orderid })];
  },
  placesmartorder(ctx, b) {
    const product = b.product as string;
    const current = ctx.book.position(b.exchange as string, b.symbol as string, product)?.quantity ?? 0;
    const diff = (b.position_size as number) - current;
    if (diff === 0) return [200, tag(ctx, { status: 'success', message: 'Positions Already Matched. No Action needed.' })];
    const r = ctx.book.place({ ...toOrder(b, b.strategy as string), action: diff > 0 ? 'BUY' : 'SELL', quantity: Math.abs(diff), product });
    return typeof r === 'string' ? fail(ctx, BROKER_REJECTION, r) : [200, tag(ctx, { status: 'success', orderid: r.orderid })];
  },
  optionsorder(ctx, b) {
    const resolved = resolveOption(ctx, b);
    if (!resolved.ok) return fail(ctx, resolved.status, resolved.message);
    const base = {
      status: 'success', exchange: resolved.exchange, offset: b.offset, option_type: upper(b.option_type), symbol: resolved.symbol,
      underlying: b.underlying, underlying_ltp: resolved.ltp,
    };
    const o = toOrder({ ...b, symbol: resolved.symbol, exchange: resolved.exchange }, b.strategy as string);
    const splitsize = (b.splitsize as number | null) ?? 0;
    if (splitsize > 0) {
      const results = split(ctx, o, splitsize);
      if (typeof results === 'string') return fail(ctx, 400, results);
      return [200, tag(ctx, { ...base, total_quantity: o.quantity, split_size: splitsize, results })];
    }
    const r = ctx.book.place(o);
    return typeof r === 'string' ? fail(ctx, BROKER_REJECTION, r) : [200, tag(ctx, { ...base, orderid: r.orderid })];
  },
  optionsmultiorder(ctx, b) {
    const legs = (b.legs as Body[]).map((leg, i) => ({ leg, n: i + 1 }));
    legs.sort((x, y) => (upper(x.leg.action) === upper(y.leg.action) ? x.n - y.n : upper(x.leg.action) === 'BUY' ? -1 : 1));
    let ltp = 0;
    const results = legs.map(({ leg, n }) => {
      const resolved = resolveOption(ctx, { ...leg, underlying: b.underlying, exchange: b.exchange, expiry_date: leg.expiry_date ?? b.expiry_date, strike_int: b.strike_int });
      const head = { leg: n, offset: leg.offset, option_type: upper(leg.option_type), action: upper(leg.action), ...(ctx.book.analyze ? { mode: 'analyze' } : {}) };
      if (!resolved.ok) return { ...head, status: 'error', message: resolved.message };
      ltp = resolved.ltp;
      const o = toOrder({ ...leg, symbol: resolved.symbol, exchange: resolved.exchange }, b.strategy as string);
      const size = (leg.splitsize as number | null) ?? 0;
      if (size > 0) {
        const splitResults = split(ctx, o, size);
        if (typeof splitResults === 'string') return { ...head, symbol: resolved.symbol, status: 'error', message: splitResults };
        return { ...head, symbol: resolved.symbol, status: 'success', total_quantity: o.quantity, split_size: size, split_results: splitResults };
      }
      const r = ctx.book.place(o);
      return typeof r === 'string' ? { ...head, symbol: resolved.symbol, status: 'error', message: r } : { ...head, symbol: resolved.symbol, status: 'success', orderid: r.orderid };
    });
    return [200, tag(ctx, { status: 'success', underlying: b.underlying, underlying_ltp: ltp, results })];
  },
  basketorder: basket,
  splitorder(ctx, b) {
    const o = toOrder(b, b.strategy as string);
    const results = split(ctx, o, b.splitsize as number);
    if (typeof results === 'string') return fail(ctx, 400, results);
    return [200, tag(ctx, { status: 'success', split_size: b.splitsize, total_quantity: o.quantity, results })];
  },
  modifyorder(ctx, b) {
    const r = ctx.book.modify(b.orderid as string, {
      quantity: b.quantity as number, price: b.price as number, trigger_price: b.trigger_price as number, pricetype: b.pricetype as SimOrder['pricetype'],
    });
    if (typeof r === 'string') return fail(ctx, r.endsWith('not found') ? 404 : 400, r);
    return [200, tag(ctx, { status: 'success', orderid: r.orderid, ...(ctx.book.analyze ? { message: 'Order modified successfully' } : {}) })];
  },
  cancelorder(ctx, b) {
    const r = ctx.book.cancel(b.orderid as string);
    if (typeof r === 'string') return fail(ctx, r.endsWith('not found') ? 404 : 400, r);
    return [200, tag(ctx, { status: 'success', orderid: r.orderid, ...(ctx.book.analyze ? { message: 'Order cancelled successfully' } : {}) })];
  },
  cancelallorder(ctx) {
    const canceled: string[] = [];
    // Most broker modules report a failed cancellation as the bare order id (openalgo.md §3.1).
    const failed: string[] = [];
    for (const o of ctx.book.openOrders()) {
      const r = ctx.book.cancel(o.orderid);
      if (typeof r === 'string') failed.push(o.orderid);
      else canceled.push(o.orderid);
    }
    return [
      200,
      tag(ctx, { status: 'success', message: `Canceled ${canceled.length} orders. Failed to cancel ${failed.length} orders.`, canceled_orders: canceled, failed_cancellations: failed }),
    ];
  },
  closeposition(ctx) {
    let closed = 0;
    for (const p of ctx.book.positionList()) {
      if (p.quantity === 0) continue;
      const r = ctx.book.place({ strategy: 'closeposition', symbol: p.symbol, exchange: p.exchange, product: p.product, action: p.quantity > 0 ? 'SELL' : 'BUY', quantity: Math.abs(p.quantity) });
      if (typeof r !== 'string') closed++;
    }
    if (ctx.book.analyze) return [200, tag(ctx, { status: 'success', message: closed === 0 ? 'No open positions to close' : `Closed ${closed} positions` })];
    return [200, { status: 'success', message: 'All Open Positions Squared Off' }];
  },
};
