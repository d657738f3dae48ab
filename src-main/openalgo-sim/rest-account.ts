import type { Clock } from '#core/clock';
import { IST_OFFSET_MS } from '#core/time-ist';
import { formatOrderTime, type SimOrder } from './order-book.ts';
import type { OrderContext, Reply } from './rest-orders.ts';

/** Order and account information, margin and utility services (openalgo.md §3.2, §3.5). */
type Body = Record<string, unknown>;

export interface DataContext extends OrderContext {
  readonly clock: Clock;
  readonly seed: number;
  /** The broker session behind OpenAlgo has expired (the API key is still valid). */
  readonly sessionExpired: () => boolean;
}

const tag = (ctx: OrderContext, body: Record<string, unknown>): Record<string, unknown> => (ctx.book.analyze ? { ...body, mode: 'analyze' } : body);
export const r2 = (n: number): number => Math.round(n * 100) / 100;

/**
 * A live row has the broker mapper's eleven keys (`broker/<name>/mapping/order_data.py`); the sandbox adds
 * fill progress, spells `price_type` and stamps `YYYY-MM-DD HH:MM:SS`.
 */
function orderRow(ctx: DataContext, o: SimOrder): Record<string, unknown> {
  const price = o.pricetype === 'MARKET' ? 0 : o.price;
  const common = { action: o.action, exchange: o.exchange, order_status: o.status, orderid: o.orderid, price, product: o.product, symbol: o.symbol, trigger_price: o.triggerPrice };
  if (!ctx.book.analyze) return { ...common, pricetype: o.pricetype, quantity: String(o.quantity), timestamp: formatOrderTime(o.ts) };
  return {
    ...common, price_type: o.pricetype, quantity: o.quantity, average_price: r2(o.avgPrice), filled_quantity: o.filled, pending_quantity: o.quantity - o.filled,
    timestamp: new Date(o.ts + IST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' '), strategy: o.strategy,
    ...(o.rejectionReason ? { rejection_reason: o.rejectionReason } : {}),
  };
}

export const accountHandlers: Record<string, (ctx: DataContext, b: Body) => Reply> = {
  orderstatus(ctx, b) {
    const o = ctx.book.orders.find((x) => x.orderid === b.orderid);
    if (!o) return [404, tag(ctx, { status: 'error', message: `Order ${b.orderid} not found` })];
    // Live: the order book row plus the tradebook's average price (`orderstatus_service`).
    const row = ctx.book.analyze ? orderRow(ctx, o) : { ...orderRow(ctx, o), average_price: r2(o.avgPrice) };
    return [200, tag(ctx, { status: 'success', data: row })];
  },
  openposition(ctx, b) {
    const p = ctx.book.position(b.exchange as string, b.symbol as string, b.product as string);
    return [200, tag(ctx, { status: 'success', quantity: p && p.quantity !== 0 ? String(p.quantity) : 0 })];
  },
  orderbook(ctx) {
    const orders = ctx.book.orders.map((o) => orderRow(ctx, o));
    const count = (f: (o: SimOrder) => boolean): number => ctx.book.orders.filter(f).length;
    const statistics = {
      total_buy_orders: count((o) => o.action === 'BUY'), total_sell_orders: count((o) => o.action === 'SELL'),
      total_completed_orders: count((o) => o.status === 'complete'), total_open_orders: count((o) => o.status === 'open'),
      total_rejected_orders: count((o) => o.status === 'rejected'),
      ...(ctx.book.analyze ? { total_trigger_pending_orders: count((o) => o.status === 'trigger pending') } : {}),
    };
    return [200, tag(ctx, { status: 'success', data: { orders, statistics } })];
  },
  tradebook(ctx) {
    const data = ctx.book.trades.map((t) => ({
      action: t.action, symbol: t.symbol, exchange: t.exchange, orderid: t.orderid, product: t.product, quantity: t.quantity,
      average_price: t.price, timestamp: formatOrderTime(t.ts).slice(12), trade_value: r2(t.price * t.quantity), ...(ctx.book.analyze ? { tradeid: t.tradeid, price: t.price } : {}),
    }));
    return [200, tag(ctx, { status: 'success', data })];
  },
  positionbook(ctx) {
    const data = ctx.book.positionList().map((p) => {
      const ltp = ctx.market.quote(p.exchange, p.symbol)?.ltp ?? p.avgPrice;
      const pnl = p.realized + p.quantity * (ltp - p.avgPrice);
      return { symbol: p.symbol, exchange: p.exchange, product: p.product, quantity: String(p.quantity), average_price: p.avgPrice.toFixed(2), ltp: String(ltp), pnl: pnl.toFixed(2) };
    });
    return [200, tag(ctx, { status: 'success', data })];
  },
  holdings(ctx) {
    const rows = ctx.book.positionList().filter((p) => p.product === 'CNC' && p.quantity > 0);
    let value = 0;
    let inv = 0;
    const holdings = rows.map((p) => {
      const ltp = ctx.market.quote(p.exchange, p.symbol)?.ltp ?? p.avgPrice;
      value += ltp * p.quantity;
      inv += p.avgPrice * p.quantity;
      const pnl = (ltp - p.avgPrice) * p.quantity;
      return { symbol: p.symbol, exchange: p.exchange, product: 'CNC', quantity: p.quantity, pnl: r2(pnl), pnlpercent: r2(p.avgPrice > 0 ? (100 * (ltp - p.avgPrice)) / p.avgPrice : 0) };
    });
    const statistics = { totalholdingvalue: r2(value), totalinvvalue: r2(inv), totalprofitandloss: r2(value - inv), totalpnlpercentage: r2(inv > 0 ? (100 * (value - inv)) / inv : 0) };
    return [200, tag(ctx, { status: 'success', data: { holdings, statistics } })];
  },
  funds(ctx) {
    const f = ctx.book.funds();
    if (ctx.book.analyze) return [200, tag(ctx, { status: 'success', data: f })];
    return [200, { status: 'success', data: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.toFixed(2)])) }];
  },
  margin(ctx, b) {
    let total = 0;
    for (const p of b.positions as Body[]) {
      const q = ctx.market.quote(p.exchange as string, p.symbol as string);
      if (!q) return [400, { status: 'error', message: `Invalid symbol ${p.symbol}` }];
      const info = ctx.market.info(p.exchange as string, p.symbol as string);
      const option = info?.instrumenttype === 'CE' || info?.instrumenttype === 'PE';
      total += Number(p.quantity) * q.ltp * (option && String(p.action).toUpperCase() === 'BUY' ? 1 : 0.2);
    }
    return [200, { status: 'success', data: { total_margin_required: r2(total), span_margin: r2(total * 0.7), exposure_margin: r2(total * 0.3) } }];
  },
  ping() {
    return [200, { status: 'success', data: { broker: 'simulator', message: 'pong' } }];
  },
  analyzer(ctx) {
    return [200, { status: 'success', data: { analyze_mode: ctx.book.analyze, mode: ctx.book.analyze ? 'analyze' : 'live', total_logs: 0 } }];
  },
  'analyzer/toggle'(ctx, b) {
    ctx.book.analyze = b.mode as boolean;
    const mode = ctx.book.analyze ? 'analyze' : 'live';
    return [200, { status: 'success', data: { analyze_mode: ctx.book.analyze, message: `Analyzer mode switched to ${mode}`, mode, total_logs: 0 } }];
  },
};
