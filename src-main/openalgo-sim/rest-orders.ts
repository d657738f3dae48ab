import { derivativeExchange } from '#openalgo/symbol-codec';
import type { SimMarket } from './market.ts';
import type { NewSimOrder, SimOrder, SimOrderBook } from './order-book.ts';

/**
 * Order-management endpoints of the simulator, answering with OpenAlgo's shapes (openalgo.md §3.1).
 * Each handler gets the validated body (without `apikey`) and returns an HTTP status and a JSON body.
 */
export type Reply = readonly [number, Record<string, unknown>];
type Body = Record<string, unknown>;

export interface OrderContext {
  readonly book: SimOrderBook;
  readonly market: SimMarket;
}

const tag = (ctx: OrderContext, body: Record<string, unknown>): Record<string, unknown> => (ctx.book.analyze ? { ...body, mode: 'analyze' } : body);
const fail = (ctx: OrderContext, status: number, message: string): Reply => [status, tag(ctx, { status: 'error', message })];

function placeOne(ctx: OrderContext, o: NewSimOrder): SimOrder | string {
  return ctx.book.place(o);
}

function toOrder(b: Body, strategy: string): NewSimOrder {
  return {
    strategy,
    symbol: b.symbol as string,
    exchange: b.exchange as string,
    action: b.action as 'BUY' | 'SELL',
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
    const r = placeOne(ctx, { ...o, quantity });
    results.push(typeof r === 'string' ? { order_num: i + 1, quantity, status: 'error', message: r } : { order_num: i + 1, orderid: r.orderid, quantity, status: 'success' });
  }
  return results;
}

/** Resolves ATM/ITMn/OTMn to a listed strike from the underlying's price, as /optionsorder does. */
export function resolveOption(ctx: OrderContext, b: Body): { symbol: string; exchange: string; ltp: number } | string {
  const underlying = b.underlying as string;
  const exchange = b.exchange as string;
  const chain = ctx.market.chainFor(underlying, exchange);
  if (!chain) return `No option chain for ${underlying} on ${exchange}`;
  const expiry = (b.expiry_date as string | undefined) ?? chain.expiries[0];
  if (!expiry || !chain.expiries.includes(expiry)) return `Expiry ${expiry} not found for ${underlying}`;
  const ltp = ctx.market.quote(chain.underlyingExchange, underlying)?.ltp ?? 0;
  const step = (b.strike_int as number | undefined) ?? chain.strikeStep;
  const atm = Math.round(ltp / step) * step;
  const offset = String(b.offset).toUpperCase();
  const n = offset === 'ATM' ? 0 : Number(offset.slice(3));
  const right = String(b.option_type).toUpperCase() as 'CE' | 'PE';
  const itm = offset.startsWith('ITM');
  const direction = offset === 'ATM' ? 0 : (right === 'CE') === itm ? -1 : 1;
  const strike = atm + direction * n * step;
  const optExchange = derivativeExchange(exchange);
  const symbol = `${underlying}${expiry}${strike}${right}`;
  if (!ctx.market.info(optExchange, symbol)) return `Option symbol ${symbol} not found in ${optExchange}. Symbol may not exist or master contract needs update.`;
  return { symbol, exchange: optExchange, ltp };
}

function legOrder(b: Body, strategy: string, symbol: string, exchange: string): NewSimOrder {
  return { ...toOrder({ ...b, symbol, exchange }, strategy) };
}

export const orderHandlers: Record<string, (ctx: OrderContext, b: Body) => Reply> = {
  placeorder(ctx, b) {
    const r = placeOne(ctx, toOrder(b, b.strategy as string));
    return typeof r === 'string' ? fail(ctx, 500, r) : [200, tag(ctx, { status: 'success', orderid: r.orderid })];
  },
  placesmartorder(ctx, b) {
    const product = (b.product as string | undefined) ?? 'MIS';
    const current = ctx.book.position(b.exchange as string, b.symbol as string, product)?.quantity ?? 0;
    const diff = (b.position_size as number) - current;
    if (diff === 0) return [200, tag(ctx, { status: 'success', message: 'Positions Already Matched. No Action needed.' })];
    const r = placeOne(ctx, { ...toOrder(b, b.strategy as string), action: diff > 0 ? 'BUY' : 'SELL', quantity: Math.abs(diff), product });
    return typeof r === 'string' ? fail(ctx, 500, r) : [200, tag(ctx, { status: 'success', orderid: r.orderid })];
  },
  optionsorder(ctx, b) {
    const resolved = resolveOption(ctx, b);
    if (typeof resolved === 'string') return fail(ctx, 400, resolved);
    const base = {
      status: 'success', exchange: resolved.exchange, offset: b.offset, option_type: b.option_type, symbol: resolved.symbol,
      underlying: b.underlying, underlying_ltp: resolved.ltp,
    };
    const o = legOrder(b, b.strategy as string, resolved.symbol, resolved.exchange);
    const splitsize = (b.splitsize as number | undefined) ?? 0;
    if (splitsize > 0) {
      const results = split(ctx, o, splitsize);
      if (typeof results === 'string') return fail(ctx, 400, results);
      return [200, tag(ctx, { ...base, total_quantity: o.quantity, split_size: splitsize, results })];
    }
    const r = placeOne(ctx, o);
    return typeof r === 'string' ? fail(ctx, 500, r) : [200, tag(ctx, { ...base, orderid: r.orderid })];
  },
  optionsmultiorder(ctx, b) {
    const legs = (b.legs as Body[]).map((leg, i) => ({ leg, n: i + 1 }));
    legs.sort((x, y) => (x.leg.action === y.leg.action ? x.n - y.n : x.leg.action === 'BUY' ? -1 : 1));
    let ltp = 0;
    const results = legs.map(({ leg, n }) => {
      const resolved = resolveOption(ctx, { ...leg, underlying: b.underlying, exchange: b.exchange, expiry_date: leg.expiry_date ?? b.expiry_date, strike_int: b.strike_int });
      const head = { leg: n, offset: leg.offset, option_type: leg.option_type, action: leg.action, ...(ctx.book.analyze ? { mode: 'analyze' } : {}) };
      if (typeof resolved === 'string') return { ...head, status: 'error', message: resolved };
      ltp = resolved.ltp;
      const o = legOrder(leg, b.strategy as string, resolved.symbol, resolved.exchange);
      const size = (leg.splitsize as number | undefined) ?? 0;
      if (size > 0) {
        const split_results = split(ctx, o, size);
        if (typeof split_results === 'string') return { ...head, symbol: resolved.symbol, status: 'error', message: split_results };
        return { ...head, symbol: resolved.symbol, status: 'success', total_quantity: o.quantity, split_size: size, split_results };
      }
      const r = placeOne(ctx, o);
      return typeof r === 'string' ? { ...head, symbol: resolved.symbol, status: 'error', message: r } : { ...head, symbol: resolved.symbol, status: 'success', orderid: r.orderid };
    });
    return [200, tag(ctx, { status: 'success', underlying: b.underlying, underlying_ltp: ltp, results })];
  },
  basketorder(ctx, b) {
    const items = [...(b.orders as Body[])].sort((x, y) => (x.action === y.action ? 0 : x.action === 'BUY' ? -1 : 1));
    const results = items.map((item) => {
      const r = placeOne(ctx, toOrder(item, b.strategy as string));
      return typeof r === 'string'
        ? { symbol: item.symbol, status: 'error', message: r }
        : { symbol: item.symbol, exchange: item.exchange, product: item.product ?? 'MIS', status: 'success', orderid: r.orderid };
    });
    return [200, tag(ctx, { status: 'success', results })];
  },
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
    const failed: { orderid: string; reason: string }[] = [];
    for (const o of ctx.book.openOrders()) {
      const r = ctx.book.cancel(o.orderid);
      if (typeof r === 'string') failed.push({ orderid: o.orderid, reason: r });
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
      const r = placeOne(ctx, { strategy: 'closeposition', symbol: p.symbol, exchange: p.exchange, product: p.product, action: p.quantity > 0 ? 'SELL' : 'BUY', quantity: Math.abs(p.quantity) });
      if (typeof r !== 'string') closed++;
    }
    if (ctx.book.analyze) return [200, tag(ctx, { status: 'success', message: closed === 0 ? 'No open positions to close' : `Closed ${closed} positions` })];
    return [200, { status: 'success', message: 'All Open Positions Squared Off' }];
  },
};
