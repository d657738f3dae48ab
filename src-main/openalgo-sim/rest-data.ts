import { createRandom } from '#core/random';
import { istMidnight, istParts } from '#core/time-ist';
import { derivativeExchange } from '#openalgo/symbol-codec';
import { blackScholes, impliedVol } from './black-scholes.ts';
import { formatOrderTime, type SimOrder } from './order-book.ts';
import { resolveOption, type OrderContext, type Reply } from './rest-orders.ts';

/** Account, market-data, symbol and utility endpoints of the simulator (openalgo.md §3.2–3.5). */
type Body = Record<string, unknown>;

export interface DataContext extends OrderContext {
  readonly now: () => number;
  readonly seed: number;
}

const tag = (ctx: OrderContext, body: Record<string, unknown>): Record<string, unknown> => (ctx.book.analyze ? { ...body, mode: 'analyze' } : body);
const r2 = (n: number): number => Math.round(n * 100) / 100;

function orderRow(ctx: DataContext, o: SimOrder): Record<string, unknown> {
  return {
    action: o.action,
    exchange: o.exchange,
    order_status: o.status,
    orderid: o.orderid,
    price: o.pricetype === 'MARKET' ? 0 : o.price,
    [ctx.book.analyze ? 'price_type' : 'pricetype']: o.pricetype,
    product: o.product,
    quantity: String(o.quantity),
    symbol: o.symbol,
    timestamp: formatOrderTime(o.ts),
    trigger_price: o.triggerPrice,
    average_price: r2(o.avgPrice),
    filled_quantity: o.filled,
    pending_quantity: o.quantity - o.filled,
    ...(o.rejectionReason ? { rejection_reason: o.rejectionReason } : {}),
  };
}

const INTERVAL_MS: Record<string, number> = { '1m': 60_000, '3m': 180_000, '5m': 300_000, '10m': 600_000, '15m': 900_000, '30m': 1_800_000, '1h': 3_600_000, D: 86_400_000 };

function history(ctx: DataContext, b: Body): Reply {
  const q = ctx.market.quote(b.exchange as string, b.symbol as string);
  if (!q) return [400, { status: 'error', message: `Invalid symbol ${b.symbol} for exchange ${b.exchange}` }];
  const step = INTERVAL_MS[b.interval as string];
  if (!step) return [400, { status: 'error', message: `Interval ${b.interval} is not supported by the simulator` }];
  const from = Date.parse(`${b.start_date as string}T00:00:00+05:30`);
  const to = Math.min(Date.parse(`${b.end_date as string}T23:59:59+05:30`), ctx.now());
  let seed = ctx.seed;
  for (const c of `${b.exchange}:${b.symbol}:${b.interval}:${b.start_date}`) seed = (Math.imul(seed, 31) + c.charCodeAt(0)) | 0;
  const rnd = createRandom(seed);
  const times: number[] = [];
  for (let day = istMidnight(from); day <= to && times.length < 5000; day += 86_400_000) {
    const wd = istParts(day).weekday;
    if (wd === 0 || wd === 6) continue;
    if (b.interval === 'D') times.push(day);
    else for (let t = day + 555 * 60_000; t < day + 930 * 60_000 && t <= to && times.length < 5000; t += step) if (t >= from) times.push(t);
  }
  const vol = b.interval === 'D' ? 0.01 : 0.001 * Math.sqrt(step / 60_000);
  const closes = new Array<number>(times.length);
  let price = q.ltp;
  for (let i = times.length - 1; i >= 0; i--) {
    closes[i] = price;
    price = price / (1 + vol * rnd.normal());
  }
  const data = times.map((t, i) => {
    const close = closes[i]!;
    const open = i > 0 ? closes[i - 1]! : close * (1 + vol * rnd.normal() * 0.5);
    const wiggle = Math.abs(vol * rnd.normal()) * close;
    return {
      close: r2(close), high: r2(Math.max(open, close) + wiggle), low: r2(Math.min(open, close) - wiggle), oi: 0, open: r2(open),
      timestamp: Math.floor(t / 1000), volume: b.exchange === 'NSE_INDEX' || b.exchange === 'BSE_INDEX' ? 0 : rnd.int(1000, 100_000),
    };
  });
  return [200, { status: 'success', data }];
}

function quoteBody(q: { ltp: number; open: number; high: number; low: number; prevClose: number; volume: number; oi: number; bid: number; ask: number }): Record<string, unknown> {
  return { ask: q.ask, bid: q.bid, high: r2(q.high), low: r2(q.low), ltp: q.ltp, oi: q.oi, open: r2(q.open), prev_close: r2(q.prevClose), volume: q.volume };
}

function depthSide(q: { bid: number; ask: number }, side: 'bids' | 'asks'): { price: number; quantity: number }[] {
  return Array.from({ length: 5 }, (_, i) => ({ price: r2(side === 'bids' ? q.bid - i * 0.05 : q.ask + i * 0.05), quantity: 100 * (i + 1) }));
}

function greeks(ctx: DataContext, b: Body): Reply {
  const info = ctx.market.info(b.exchange as string, b.symbol as string);
  const chain = info ? ctx.market.chainFor(info.name, info.exchange) : undefined;
  const q = ctx.market.quote(b.exchange as string, b.symbol as string);
  if (!info || !chain || !q || (info.instrumenttype !== 'CE' && info.instrumenttype !== 'PE')) return [400, { status: 'error', message: `${b.symbol} is not an option on ${b.exchange}` }];
  const spot = ctx.market.quote(chain.underlyingExchange, chain.underlying)?.ltp ?? 0;
  const code = info.expiry.replaceAll('-', '');
  const years = ctx.market.yearsTo(code);
  const rate = ((b.interest_rate as number | undefined) ?? 0) / 100;
  const iv = impliedVol(q.ltp, spot, info.strike, years, rate, info.instrumenttype);
  const g = blackScholes(spot, info.strike, years, iv, rate, info.instrumenttype);
  const round = (n: number, d: number): number => Number(n.toFixed(d));
  const d = `${code.slice(0, 2)}-${code.slice(2, 3)}${code.slice(3, 5).toLowerCase()}-20${code.slice(5)}`;
  return [
    200,
    {
      status: 'success', symbol: info.symbol, exchange: info.exchange, underlying: chain.underlying, strike: info.strike, option_type: info.instrumenttype,
      expiry_date: d, days_to_expiry: round(years * 365, 4), spot_price: spot, option_price: q.ltp, interest_rate: rate * 100,
      implied_volatility: round(iv * 100, 2),
      greeks: { delta: round(g.delta, 4), gamma: round(g.gamma, 6), theta: round(g.theta, 4), vega: round(g.vega, 4), rho: round(g.rho, 6) },
    },
  ];
}

function optionChain(ctx: DataContext, b: Body): Reply {
  const chain = ctx.market.chainFor(b.underlying as string, b.exchange as string);
  if (!chain || !chain.expiries.includes(b.expiry_date as string)) return [400, { status: 'error', message: `No option chain for ${b.underlying} ${b.expiry_date}` }];
  const spotQ = ctx.market.quote(chain.underlyingExchange, chain.underlying)!;
  const atm = Math.round(spotQ.ltp / chain.strikeStep) * chain.strikeStep;
  const exp = `${(b.expiry_date as string).slice(0, 2)}-${(b.expiry_date as string).slice(2, 5)}-${(b.expiry_date as string).slice(5)}`;
  const infos = ctx.market.allInfos().filter((i) => i.exchange === chain.exchange && i.name === chain.underlying && i.expiry === exp);
  let strikes = [...new Set(infos.map((i) => i.strike))].sort((x, y) => x - y);
  const count = b.strike_count as number | undefined;
  if (count !== undefined) strikes = strikes.filter((s) => Math.abs(s - atm) <= count * chain.strikeStep);
  const leg = (right: 'CE' | 'PE', strike: number): Record<string, unknown> | undefined => {
    const info = infos.find((i) => i.strike === strike && i.instrumenttype === right);
    const q = info && ctx.market.quote(info.exchange, info.symbol);
    if (!info || !q) return undefined;
    const n = Math.round(Math.abs(strike - atm) / chain.strikeStep);
    const itm = right === 'CE' ? strike < atm : strike > atm;
    return {
      symbol: info.symbol, label: n === 0 ? 'ATM' : `${itm ? 'ITM' : 'OTM'}${n}`, ltp: q.ltp, bid: q.bid, ask: q.ask, bid_qty: 100, ask_qty: 100,
      open: q.open, high: q.high, low: q.low, prev_close: q.prevClose, volume: q.volume, oi: q.oi, lotsize: info.lotsize, tick_size: info.tick_size,
    };
  };
  return [
    200,
    {
      status: 'success', underlying: chain.underlying, underlying_ltp: spotQ.ltp, underlying_prev_close: spotQ.prevClose, expiry_date: b.expiry_date,
      atm_strike: atm, quotes_included: true, greeks_included: false, server_ts: Math.floor(ctx.now() / 1000),
      chain: strikes.map((strike) => ({ strike, ce: leg('CE', strike), pe: leg('PE', strike) })),
    },
  ];
}

export const dataHandlers: Record<string, (ctx: DataContext, b: Body) => Reply> = {
  orderstatus(ctx, b) {
    const o = ctx.book.orders.find((x) => x.orderid === b.orderid);
    if (!o) return [404, tag(ctx, { status: 'error', message: `Order ${b.orderid} not found` })];
    return [200, tag(ctx, { status: 'success', data: orderRow(ctx, o) })];
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
      total += Number(p.quantity) * q.ltp * (option && p.action === 'BUY' ? 1 : 0.2);
    }
    return [200, { status: 'success', data: { total_margin_required: r2(total), span_margin: r2(total * 0.7), exposure_margin: r2(total * 0.3) } }];
  },
  quotes(ctx, b) {
    const q = ctx.market.quote(b.exchange as string, b.symbol as string);
    if (!q) return [400, { status: 'error', message: `Invalid symbol ${b.symbol} for exchange ${b.exchange}` }];
    return [200, { status: 'success', data: quoteBody(q) }];
  },
  multiquotes(ctx, b) {
    const results = (b.symbols as Body[]).map((s) => {
      const q = ctx.market.quote(s.exchange as string, s.symbol as string);
      return q ? { symbol: s.symbol, exchange: s.exchange, data: quoteBody(q) } : { symbol: s.symbol, exchange: s.exchange, error: 'Symbol not found' };
    });
    if (results.every((r) => 'error' in r)) return [400, { status: 'error', message: 'No valid symbols', invalid_symbols: results.map((r) => r.symbol) }];
    return [200, { status: 'success', results }];
  },
  depth(ctx, b) {
    const q = ctx.market.quote(b.exchange as string, b.symbol as string);
    if (!q) return [400, { status: 'error', message: `Invalid symbol ${b.symbol} for exchange ${b.exchange}` }];
    return [200, { status: 'success', data: { ...quoteBody(q), ltq: 1, totalbuyqty: 1500, totalsellqty: 1500, asks: depthSide(q, 'asks'), bids: depthSide(q, 'bids') } }];
  },
  history,
  intervals() {
    return [200, { status: 'success', data: { days: ['D'], hours: ['1h'], minutes: ['1m', '3m', '5m', '10m', '15m', '30m'], months: [], seconds: [], weeks: [] } }];
  },
  symbol(ctx, b) {
    const info = ctx.market.info(b.exchange as string, b.symbol as string);
    if (!info) return [404, { status: 'error', message: `Symbol ${b.symbol} not found in exchange ${b.exchange}` }];
    return [200, { status: 'success', data: { ...info, brsymbol: info.symbol, brexchange: info.exchange } }];
  },
  search(ctx, b) {
    const query = String(b.query).toUpperCase();
    const data = ctx.market
      .allInfos()
      .filter((i) => (b.exchange === undefined || i.exchange === b.exchange) && (i.symbol.includes(query) || i.name.includes(query)))
      .slice(0, 200)
      .map((i) => ({ ...i, brsymbol: i.symbol, brexchange: i.exchange }));
    return [200, { status: 'success', message: data.length ? `Found ${data.length} matching symbols` : 'No matching symbols found', data }];
  },
  expiry(ctx, b) {
    const wanted = b.instrumenttype === 'futures' ? ['FUT'] : ['CE', 'PE'];
    const set = new Set(ctx.market.allInfos().filter((i) => i.exchange === b.exchange && i.name === b.symbol && wanted.includes(i.instrumenttype)).map((i) => i.expiry));
    const data = [...set].sort((x, y) => Date.parse(x) - Date.parse(y));
    return [200, { status: 'success', message: `Found ${data.length} expiry dates for ${b.symbol} ${b.instrumenttype} in ${b.exchange}`, data }];
  },
  optionsymbol(ctx, b) {
    const r = resolveOption(ctx, b);
    if (typeof r === 'string') return [400, { status: 'error', message: r }];
    const info = ctx.market.info(r.exchange, r.symbol)!;
    return [200, { status: 'success', symbol: r.symbol, exchange: derivativeExchange(b.exchange as string), lotsize: info.lotsize, tick_size: info.tick_size, freeze_qty: info.freeze_qty, underlying_ltp: r.ltp }];
  },
  optionchain: optionChain,
  optiongreeks: greeks,
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
