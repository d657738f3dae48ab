import type { Clock } from '#core/clock';
import type { Unsubscribe } from '#core/bus';
import { instrumentId, type InstrumentId } from '#model/ids';
import type { Feed } from '#market/feed';
import { parseSymbol, optionSymbol, parseExpiryCode, formatExpiryCode } from '#openalgo/symbol-codec';
import { istToEpoch } from '#core/time-ist';
import { blackScholes } from './black-scholes.ts';

/** What the simulator knows of an instrument: enough for /symbol, /search and the order book. */
export interface SimInstrument {
  readonly symbol: string;
  readonly exchange: string;
  /** Price before the first tick arrives. */
  readonly price: number;
  readonly lotSize?: number;
  readonly tickSize?: number;
  readonly freezeQty?: number;
}

/** Option chains the simulator prices itself from the underlying's price (Black-Scholes, flat vol). */
export interface SimOptionChain {
  readonly underlying: string;
  /** Where the underlying is quoted, e.g. NSE_INDEX. */
  readonly underlyingExchange: string;
  /** Derivatives exchange, e.g. NFO. */
  readonly exchange: string;
  /** Expiry codes, DDMMMYY. */
  readonly expiries: readonly string[];
  readonly strikeStep: number;
  readonly strikesEachSide: number;
  readonly lotSize: number;
  readonly vol?: number;
  /** Legs the master contract lacks, by strikes from the first ATM (`1` = one step above): OpenAlgo sends them as `null`. */
  readonly missingLegs?: readonly { readonly expiry: string; readonly steps: number; readonly right: 'CE' | 'PE' }[];
}

export interface Quote {
  ltp: number;
  open: number;
  high: number;
  low: number;
  prevClose: number;
  volume: number;
  oi: number;
  bid: number;
  ask: number;
  ts: number;
}

export interface SimSymbolInfo {
  readonly symbol: string;
  readonly exchange: string;
  readonly name: string;
  readonly instrumenttype: string;
  readonly expiry: string;
  readonly strike: number;
  readonly lotsize: number;
  readonly tick_size: number;
  readonly freeze_qty: number;
  readonly token: string;
}

const key = (exchange: string, symbol: string): string => `${exchange}:${symbol}`;
const YEAR_MS = 365 * 86_400_000;

function dashed(code: string): string {
  return `${code.slice(0, 2)}-${code.slice(2, 5)}-${code.slice(5)}`;
}

/**
 * The simulator's view of the market: last quotes of every known instrument, fed by any `Feed`, plus
 * option chains priced from their underlyings. Listeners hear each updated symbol.
 */
export class SimMarket {
  private readonly quotes = new Map<string, Quote>();
  private readonly infos = new Map<string, SimSymbolInfo>();
  /** Each chain's listed options: a tick of its underlying reprices these, not every instrument. */
  private readonly chainInfos = new Map<SimOptionChain, SimSymbolInfo[]>();
  private readonly chains: SimOptionChain[];
  private readonly listeners = new Set<(exchange: string, symbol: string, q: Quote) => void>();
  private readonly clock: Clock;
  private readonly feed: Feed;
  private offTick: Unsubscribe | undefined;
  private isLive = false;

  constructor(options: { clock: Clock; feed: Feed; instruments: readonly SimInstrument[]; optionChains?: readonly SimOptionChain[] }) {
    this.clock = options.clock;
    this.feed = options.feed;
    this.chains = [...(options.optionChains ?? [])];
    let token = 1000;
    for (const i of options.instruments) {
      const parsed = parseSymbol(i.symbol, i.exchange);
      const kind = parsed?.kind ?? 'equity';
      this.infos.set(key(i.exchange, i.symbol), {
        symbol: i.symbol,
        exchange: i.exchange,
        name: parsed && 'underlying' in parsed ? parsed.underlying : i.symbol,
        instrumenttype: kind === 'future' ? 'FUT' : kind === 'index' ? 'INDEX' : kind === 'option' && parsed?.kind === 'option' ? parsed.right : 'EQ',
        expiry: parsed && 'expiry' in parsed ? dashed(formatExpiryCode(parsed.expiry)) : '',
        strike: parsed?.kind === 'option' ? parsed.strike : 0,
        lotsize: i.lotSize ?? 1,
        tick_size: i.tickSize ?? 0.05,
        freeze_qty: i.freezeQty ?? 1,
        token: String(token++),
      });
      this.quotes.set(key(i.exchange, i.symbol), this.freshQuote(i.price));
    }
    for (const c of this.chains) {
      const spot = this.quotes.get(key(c.underlyingExchange, c.underlying))?.ltp ?? 0;
      const step = c.strikeStep;
      const atm = Math.round(spot / step) * step;
      for (const code of c.expiries) {
        for (let k = -c.strikesEachSide; k <= c.strikesEachSide; k++) {
          const strike = atm + k * step;
          if (strike <= 0) continue;
          for (const right of ['CE', 'PE'] as const) {
            if (c.missingLegs?.some((m) => m.expiry === code && m.steps === k && m.right === right)) continue;
            const symbol = optionSymbol(c.underlying, parseExpiryCode(code)!, strike, right);
            const info: SimSymbolInfo = {
              symbol, exchange: c.exchange, name: c.underlying, instrumenttype: right, expiry: dashed(code), strike,
              lotsize: c.lotSize, tick_size: 0.05, freeze_qty: c.lotSize * 20, token: String(token++),
            };
            this.infos.set(key(c.exchange, symbol), info);
          }
        }
      }
      this.repriceChain(c);
    }
  }

  start(): void {
    const ids: InstrumentId[] = [...this.infos.values()].filter((i) => !this.isChainOption(i)).map((i) => instrumentId(i.exchange, i.symbol));
    this.offTick = this.feed.onTick((t) => {
      const sep = t.instrumentId.indexOf(':');
      const exchange = t.instrumentId.slice(0, sep);
      const symbol = t.instrumentId.slice(sep + 1);
      const q = this.quotes.get(key(exchange, symbol));
      if (!q) return;
      this.apply(q, t.ltp, t.tsEvent, t.bid, t.ask, t.volume, t.oi);
      this.emit(exchange, symbol, q);
      // The feed's replay of the session so far (its ticks before `start` resolves) moves no option: pricing every
      // listed option on each of those ticks was most of the simulator's start. `live` prices them once after it.
      if (!this.isLive) return;
      for (const c of this.chains) if (c.underlying === symbol && c.underlyingExchange === exchange) this.repriceChain(c, true);
    });
    this.feed.subscribe(ids, 'depth');
  }

  /** The feed has started: what follows is the market moving now. Every chain is priced at the replay's last spot. */
  live(): void {
    this.isLive = true;
    for (const c of this.chains) this.repriceChain(c, true);
  }

  stop(): void {
    this.offTick?.();
  }

  onUpdate(handler: (exchange: string, symbol: string, q: Quote) => void): () => void {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  quote(exchange: string, symbol: string): Quote | undefined {
    return this.quotes.get(key(exchange, symbol));
  }

  info(exchange: string, symbol: string): SimSymbolInfo | undefined {
    return this.infos.get(key(exchange, symbol));
  }

  allInfos(): SimSymbolInfo[] {
    return [...this.infos.values()];
  }

  chainFor(underlying: string, exchange: string): SimOptionChain | undefined {
    return this.chains.find((c) => c.underlying === underlying && (c.underlyingExchange === exchange || c.exchange === exchange));
  }

  /** Years from now to the 15:30 IST cut-off of an expiry code. */
  yearsTo(code: string): number {
    const d = parseExpiryCode(code);
    if (!d) return 0;
    return Math.max(0, (istToEpoch(d.year, d.month, d.day, 15, 30) - this.clock.now()) / YEAR_MS);
  }

  /** Sets a price by hand: tests and fault scripts move the market this way. */
  setPrice(exchange: string, symbol: string, ltp: number): void {
    const q = this.quotes.get(key(exchange, symbol));
    if (!q) return;
    this.apply(q, ltp, this.clock.now());
    this.emit(exchange, symbol, q);
    for (const c of this.chains) if (c.underlying === symbol && c.underlyingExchange === exchange) this.repriceChain(c, true);
  }

  private isChainOption(i: SimSymbolInfo): boolean {
    return (i.instrumenttype === 'CE' || i.instrumenttype === 'PE') && this.chains.some((c) => c.exchange === i.exchange && c.underlying === i.name);
  }

  private freshQuote(price: number): Quote {
    return { ltp: price, open: price, high: price, low: price, prevClose: price, volume: 0, oi: 0, bid: price, ask: price, ts: this.clock.now() };
  }

  private apply(q: Quote, ltp: number, ts: number, bid?: number, ask?: number, volume?: number, oi?: number): void {
    q.ltp = ltp;
    q.high = Math.max(q.high, ltp);
    q.low = Math.min(q.low, ltp);
    q.ts = ts;
    const spread = Math.max(0.05, Math.round(ltp * 0.0002 * 20) / 20);
    q.bid = bid !== undefined && bid > 0 ? bid : Math.max(0.05, Number((ltp - spread / 2).toFixed(2)));
    q.ask = ask !== undefined && ask > 0 ? ask : Number((ltp + spread / 2).toFixed(2));
    if (volume !== undefined) q.volume = volume;
    else q.volume += 1;
    if (oi !== undefined) q.oi = oi;
  }

  private repriceChain(c: SimOptionChain, emit = false): void {
    const spot = this.quotes.get(key(c.underlyingExchange, c.underlying))?.ltp;
    if (spot === undefined) return;
    let listed = this.chainInfos.get(c);
    if (!listed) {
      listed = [...this.infos.values()].filter((info) => info.exchange === c.exchange && info.name === c.underlying && (info.instrumenttype === 'CE' || info.instrumenttype === 'PE'));
      this.chainInfos.set(c, listed);
    }
    for (const info of listed) {
      const code = info.expiry.replaceAll('-', '');
      const price = Math.max(0.05, Math.round(blackScholes(spot, info.strike, this.yearsTo(code), c.vol ?? 0.14, 0, info.instrumenttype as 'CE' | 'PE').price * 20) / 20);
      const k = key(info.exchange, info.symbol);
      const q = this.quotes.get(k);
      if (!q) this.quotes.set(k, { ...this.freshQuote(price), oi: openInterest(info.strike, spot, c.lotSize) });
      else this.apply(q, price, this.clock.now());
      if (emit) this.emit(info.exchange, info.symbol, this.quotes.get(k)!);
    }
  }

  private emit(exchange: string, symbol: string, q: Quote): void {
    for (const h of [...this.listeners]) h(exchange, symbol, q);
  }
}

/**
 * A listed option's open interest when it is first quoted, in whole lots: heaviest at the money and
 * thinning out a few percent away, as index option books look, so liquidity rules (OI thresholds) have
 * something real to read. It is not moved by the simulator's own trades.
 */
function openInterest(strike: number, spot: number, lotSize: number): number {
  const z = (strike - spot) / (spot * 0.03);
  return lotSize * (50 + Math.round(2000 * Math.exp(-0.5 * z * z)));
}

