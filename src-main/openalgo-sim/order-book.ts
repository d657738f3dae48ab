import type { Clock } from '#core/clock';
import type { Random } from '#core/random';
import { IST_OFFSET_MS } from '#core/time-ist';
import type { Quote, SimMarket } from './market.ts';

/**
 * The simulator's broker: orders that fill, partially fill, rest, trigger, get rejected and cancelled,
 * trades, net positions and funds. Fills follow OpenAlgo's sandbox rules (openalgo.md §7): MARKET at the
 * ask/bid, marketable LIMIT at once, resting LIMIT when the price crosses, SL/SL-M after the trigger.
 */
export interface SimOrder {
  orderid: string;
  strategy: string;
  symbol: string;
  exchange: string;
  action: 'BUY' | 'SELL';
  quantity: number;
  filled: number;
  avgPrice: number;
  price: number;
  triggerPrice: number;
  pricetype: 'MARKET' | 'LIMIT' | 'SL' | 'SL-M';
  product: string;
  status: 'open' | 'complete' | 'cancelled' | 'rejected' | 'trigger pending';
  rejectionReason: string;
  ts: number;
}

export interface SimTrade {
  orderid: string;
  tradeid: string;
  symbol: string;
  exchange: string;
  action: 'BUY' | 'SELL';
  product: string;
  quantity: number;
  price: number;
  ts: number;
}

export interface SimPosition {
  symbol: string;
  exchange: string;
  product: string;
  quantity: number;
  avgPrice: number;
  realized: number;
}

export interface NewSimOrder {
  strategy: string;
  symbol: string;
  exchange: string;
  action: 'BUY' | 'SELL';
  quantity: number;
  pricetype?: 'MARKET' | 'LIMIT' | 'SL' | 'SL-M' | undefined;
  product?: string | undefined;
  price?: number | undefined;
  trigger_price?: number | undefined;
}

export interface BookBehaviour {
  /** Chance that a MARKET order fills only part now and the rest on the next price update. */
  partialFillRate: number;
  /** Chance that an accepted order is then rejected by the broker's risk checks. */
  rejectRate: number;
}

const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatOrderTime(ms: number): string {
  const d = new Date(ms + IST_OFFSET_MS);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}-${MONTH[d.getUTCMonth()]}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export class SimOrderBook {
  readonly orders: SimOrder[] = [];
  readonly trades: SimTrade[] = [];
  private readonly positions = new Map<string, SimPosition>();
  private seq = 0;
  private tradeSeq = 0;
  readonly capital: number;
  readonly behaviour: BookBehaviour = { partialFillRate: 0, rejectRate: 0 };
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly market: SimMarket;
  analyze = false;

  constructor(options: { clock: Clock; random: Random; market: SimMarket; capital?: number }) {
    this.clock = options.clock;
    this.random = options.random;
    this.market = options.market;
    this.capital = options.capital ?? 10_000_000;
    this.market.onUpdate((exchange, symbol, q) => this.onQuote(exchange, symbol, q));
  }

  /** 15-digit live ids (YYMMDD + 9), 14-digit analyze ids (YYMMDD + 8), as OpenAlgo issues them. */
  private nextId(): string {
    const d = new Date(this.clock.now() + IST_OFFSET_MS);
    const ymd = `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
    return `${ymd}${String(++this.seq).padStart(this.analyze ? 8 : 9, '0')}`;
  }

  /** Places an order; a string is a broker rejection message (no order is created). */
  place(o: NewSimOrder): SimOrder | string {
    const info = this.market.info(o.exchange, o.symbol);
    const quote = this.market.quote(o.exchange, o.symbol);
    if (!info || !quote) return `Symbol ${o.symbol} not found in exchange ${o.exchange}`;
    if (o.exchange.endsWith('_INDEX')) return `Orders are not allowed on ${o.exchange}`;
    if (o.quantity % info.lotsize !== 0) return `Quantity ${o.quantity} is not a multiple of the lot size ${info.lotsize}`;
    const pricetype = o.pricetype ?? 'MARKET';
    if ((pricetype === 'LIMIT' || pricetype === 'SL') && !(o.price && o.price > 0)) return `${pricetype} order needs a price`;
    if ((pricetype === 'SL' || pricetype === 'SL-M') && !(o.trigger_price && o.trigger_price > 0)) return `${pricetype} order needs a trigger price`;
    const order: SimOrder = {
      orderid: this.nextId(),
      strategy: o.strategy,
      symbol: o.symbol,
      exchange: o.exchange,
      action: o.action,
      quantity: o.quantity,
      filled: 0,
      avgPrice: 0,
      price: pricetype === 'MARKET' ? 0 : o.price ?? 0,
      triggerPrice: o.trigger_price ?? 0,
      pricetype,
      product: o.product ?? 'MIS',
      status: pricetype === 'SL' || pricetype === 'SL-M' ? 'trigger pending' : 'open',
      rejectionReason: '',
      ts: this.clock.now(),
    };
    this.orders.push(order);
    const required = o.quantity * (quote.ltp || 1) * (info.instrumenttype === 'CE' || info.instrumenttype === 'PE' ? (o.action === 'BUY' ? 1 : 0.15) : 0.2);
    if (this.behaviour.rejectRate > 0 && this.random.next() < this.behaviour.rejectRate) {
      this.reject(order, 'RMS: order rejected by the simulated broker');
    } else if (this.isOpening(order) && required > this.funds().availablecash) {
      this.reject(order, `RMS: insufficient funds, required ${required.toFixed(2)}`);
    } else {
      this.tryFill(order, quote, true);
    }
    return order;
  }

  modify(orderid: string, m: { quantity: number; price: number; trigger_price: number; pricetype: SimOrder['pricetype'] }): SimOrder | string {
    const order = this.orders.find((o) => o.orderid === orderid);
    if (!order) return `Order ${orderid} not found`;
    if (order.status !== 'open' && order.status !== 'trigger pending') return `Order ${orderid} is ${order.status} and cannot be modified`;
    if (m.quantity < order.filled) return `Quantity ${m.quantity} is below the filled ${order.filled}`;
    order.quantity = m.quantity;
    order.pricetype = m.pricetype;
    order.price = m.pricetype === 'MARKET' ? 0 : m.price;
    order.triggerPrice = m.trigger_price;
    const q = this.market.quote(order.exchange, order.symbol);
    if (q) this.tryFill(order, q, false);
    return order;
  }

  cancel(orderid: string): SimOrder | string {
    const order = this.orders.find((o) => o.orderid === orderid);
    if (!order) return `Order ${orderid} not found`;
    if (order.status !== 'open' && order.status !== 'trigger pending') return `Order ${orderid} is ${order.status} and cannot be cancelled`;
    order.status = 'cancelled';
    return order;
  }

  openOrders(): SimOrder[] {
    return this.orders.filter((o) => o.status === 'open' || o.status === 'trigger pending');
  }

  positionList(): SimPosition[] {
    return [...this.positions.values()];
  }

  position(exchange: string, symbol: string, product: string): SimPosition | undefined {
    return this.positions.get(`${exchange}:${symbol}:${product}`);
  }

  funds(): { availablecash: number; collateral: number; m2mrealized: number; m2munrealized: number; utiliseddebits: number } {
    let realized = 0;
    let unrealized = 0;
    let used = 0;
    for (const p of this.positions.values()) {
      realized += p.realized;
      const ltp = this.market.quote(p.exchange, p.symbol)?.ltp ?? p.avgPrice;
      unrealized += p.quantity * (ltp - p.avgPrice);
      const info = this.market.info(p.exchange, p.symbol);
      const isOption = info?.instrumenttype === 'CE' || info?.instrumenttype === 'PE';
      used += Math.abs(p.quantity) * p.avgPrice * (isOption && p.quantity > 0 ? 1 : 0.2);
    }
    const r = (n: number): number => Math.round(n * 100) / 100;
    return { availablecash: r(this.capital + realized - used), collateral: 0, m2mrealized: r(realized), m2munrealized: r(unrealized), utiliseddebits: r(used) };
  }

  private isOpening(order: SimOrder): boolean {
    const p = this.position(order.exchange, order.symbol, order.product);
    const signed = order.action === 'BUY' ? 1 : -1;
    return !p || p.quantity === 0 || Math.sign(p.quantity) === signed;
  }

  private reject(order: SimOrder, reason: string): void {
    order.status = 'rejected';
    order.rejectionReason = reason;
  }

  private onQuote(exchange: string, symbol: string, q: Quote): void {
    for (const o of this.orders) {
      if (o.exchange === exchange && o.symbol === symbol && (o.status === 'open' || o.status === 'trigger pending')) this.tryFill(o, q, false);
    }
  }

  private tryFill(order: SimOrder, q: Quote, firstLook: boolean): void {
    const buy = order.action === 'BUY';
    if (order.status === 'trigger pending') {
      const triggered = buy ? q.ltp >= order.triggerPrice : q.ltp <= order.triggerPrice;
      if (!triggered) return;
      order.status = 'open';
      order.pricetype = order.pricetype === 'SL' ? 'LIMIT' : 'MARKET';
    }
    const touch = buy ? q.ask || q.ltp : q.bid || q.ltp;
    let price: number;
    if (order.pricetype === 'MARKET') price = touch;
    else if (buy ? touch <= order.price : touch >= order.price) price = firstLook ? touch : order.price;
    else return;
    let qty = order.quantity - order.filled;
    const lot = this.market.info(order.exchange, order.symbol)?.lotsize ?? 1;
    if (firstLook && qty >= 2 * lot && this.behaviour.partialFillRate > 0 && this.random.next() < this.behaviour.partialFillRate) {
      qty = Math.max(lot, Math.floor(qty / lot / 2) * lot);
    }
    this.fill(order, qty, price);
  }

  private fill(order: SimOrder, qty: number, price: number): void {
    order.avgPrice = (order.avgPrice * order.filled + price * qty) / (order.filled + qty);
    order.filled += qty;
    if (order.filled >= order.quantity) order.status = 'complete';
    const ts = this.clock.now();
    this.trades.push({
      orderid: order.orderid, tradeid: `T${++this.tradeSeq}`, symbol: order.symbol, exchange: order.exchange,
      action: order.action, product: order.product, quantity: qty, price, ts,
    });
    const k = `${order.exchange}:${order.symbol}:${order.product}`;
    const p = this.positions.get(k) ?? { symbol: order.symbol, exchange: order.exchange, product: order.product, quantity: 0, avgPrice: 0, realized: 0 };
    const signed = order.action === 'BUY' ? qty : -qty;
    if (p.quantity === 0 || Math.sign(p.quantity) === Math.sign(signed)) {
      p.avgPrice = (p.avgPrice * Math.abs(p.quantity) + price * qty) / (Math.abs(p.quantity) + qty);
    } else {
      const closing = Math.min(Math.abs(p.quantity), qty);
      p.realized += closing * (price - p.avgPrice) * Math.sign(p.quantity);
      if (qty > Math.abs(p.quantity)) p.avgPrice = price;
      else if (qty === Math.abs(p.quantity)) p.avgPrice = 0;
    }
    p.quantity += signed;
    this.positions.set(k, p);
  }
}
