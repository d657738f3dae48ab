import type { OptionRight } from '#model/instrument';
import type { DayBasis } from './black.ts';
import { enrichQuote, nearestStrike, quoteAtVol, quotePrice, type ChainRow, type EnrichOptions, type OptionChain, type OptionQuote } from './chain.ts';
import { yearsToExpiry } from './expiry.ts';

export interface ChainBookSpec {
  readonly underlying: string;
  readonly exchange: string;
  /** Expiry trading day, YYYY-MM-DD. */
  readonly expiry: string;
  /** Expiry instant, epoch ms. */
  readonly expiryTs: number;
  readonly lotSize?: number;
  readonly tickSize: number;
  /** Risk-free rate for Black-76, decimal. */
  readonly r: number;
  readonly basis?: DayBasis;
}

interface LegState {
  quote: OptionQuote;
  /** Whether `quote`'s price has had its IV solved (false after a price change). */
  solved: boolean;
  /** IV solved from the quote's price, undefined when the solve failed. */
  vol: number | undefined;
  /** Quote fields other than the price changed: the output must take them, Greeks stay. */
  stale: boolean;
  /** F and T the output was computed at. */
  F: number;
  T: number;
  out: OptionQuote | undefined;
}

interface RowState {
  readonly strike: number;
  ce?: LegState;
  pe?: LegState;
  out?: ChainRow;
}

export interface ChainBookStats {
  /** IV solves run (one per quote price change, plus retries of failed solves when F or T moved). */
  ivSolves: number;
  /** Legs whose Greeks were recomputed at a kept IV because F or T moved. */
  greekUpdates: number;
  /** Snapshots built, and reads answered with the previous snapshot because nothing moved. */
  snapshots: number;
  reused: number;
}

const sameQuote = (a: OptionQuote, b: OptionQuote): boolean =>
  a.ltp === b.ltp && a.bid === b.bid && a.ask === b.ask && a.bidQty === b.bidQty && a.askQty === b.askQty && a.volume === b.volume && a.oi === b.oi && a.symbol === b.symbol;

/**
 * One option chain (underlying + expiry) kept up to date incrementally. Quotes arrive per leg or as a
 * whole chain; a snapshot is priced only when read, and then only what moved is recomputed: a leg's IV
 * is solved once per change of its quote price, and a leg whose quote did not change keeps its IV while
 * its Greeks follow the forward and the time to expiry (sticky strike). Reading twice with nothing
 * changed returns the same frozen snapshot, so every bot reading this chain shares one object.
 */
export class ChainBook {
  readonly spec: ChainBookSpec;
  readonly stats: ChainBookStats = { ivSolves: 0, greekUpdates: 0, snapshots: 0, reused: 0 };
  private readonly rowsByStrike = new Map<number, RowState>();
  private strikes: number[] = [];
  private pinned = new Set<number>();
  private spot = NaN;
  private forward: number | undefined;
  private quoteTs = 0;
  private changed = true;
  private last: OptionChain | undefined;
  private lastT = NaN;

  constructor(spec: ChainBookSpec) {
    this.spec = spec;
  }

  /** Spot (and the forward, when the source knows it from futures); without a forward the synthetic one is used. */
  setUnderlying(spot: number, forward: number | undefined, ts: number): void {
    if (spot !== this.spot || forward !== this.forward) this.changed = true;
    this.spot = spot;
    this.forward = forward;
    this.quoteTs = Math.max(this.quoteTs, ts);
  }

  /** One leg's quote (a streaming update). Returns whether anything changed. */
  applyQuote(strike: number, right: OptionRight, quote: OptionQuote, ts: number): boolean {
    this.quoteTs = Math.max(this.quoteTs, ts);
    let row = this.rowsByStrike.get(strike);
    if (!row) {
      row = { strike };
      this.rowsByStrike.set(strike, row);
      this.strikes = [...this.rowsByStrike.keys()].sort((a, b) => a - b);
    }
    const leg = right === 'CE' ? row.ce : row.pe;
    if (!leg) {
      const fresh: LegState = { quote, solved: false, vol: undefined, stale: false, F: NaN, T: NaN, out: undefined };
      if (right === 'CE') row.ce = fresh;
      else row.pe = fresh;
      this.changed = true;
      return true;
    }
    if (sameQuote(leg.quote, quote)) return false;
    if (quotePrice(quote) !== quotePrice(leg.quote)) leg.solved = false;
    else leg.stale = true;
    leg.quote = quote;
    this.changed = true;
    return true;
  }

  /**
   * Strikes kept when a whole chain no longer lists them: the engine pins the strikes of held legs, whose
   * quotes it streams with `applyQuote`, so a position stays marked after spot runs away from it.
   */
  pin(strikes: Iterable<number>): void {
    this.pinned = new Set(strikes);
  }

  /**
   * A whole chain (an OpenAlgo poll, the simulator): its strike set replaces this one's (pinned strikes
   * stay), and only legs whose quote differs are marked. Returns the number of legs that changed.
   */
  applyChain(chain: OptionChain): number {
    this.setUnderlying(chain.spot, chain.forward, chain.ts);
    let n = 0;
    const present = new Set<number>();
    for (const row of chain.rows) {
      present.add(row.strike);
      if (row.ce && this.applyQuote(row.strike, 'CE', row.ce, chain.ts)) n++;
      if (row.pe && this.applyQuote(row.strike, 'PE', row.pe, chain.ts)) n++;
    }
    if (present.size !== this.rowsByStrike.size) {
      for (const k of [...this.rowsByStrike.keys()]) if (!present.has(k) && !this.pinned.has(k)) this.rowsByStrike.delete(k);
      this.strikes = [...this.rowsByStrike.keys()].sort((a, b) => a - b);
      this.changed = true;
    }
    return n;
  }

  /** The chain priced at `now`: IV and Greeks on every leg, recomputed only where inputs moved. */
  snapshot(now: number): OptionChain | undefined {
    if (this.strikes.length === 0 || !(this.spot > 0)) return undefined;
    const T = yearsToExpiry(now, this.spec.expiryTs, this.spec.basis ?? 'calendar');
    if (!this.changed && this.last && T === this.lastT) {
      this.stats.reused++;
      return this.last;
    }
    const o: EnrichOptions = { r: this.spec.r, T, basis: this.spec.basis ?? 'calendar' };
    const F = this.forward ?? this.syntheticForward(T) ?? this.spot * Math.exp(o.r * T);
    let rowsChanged = this.last === undefined || this.last.rows.length !== this.strikes.length;
    const rows: ChainRow[] = [];
    for (const strike of this.strikes) {
      const row = this.rowsByStrike.get(strike)!;
      const ceMoved = row.ce ? this.price(row.ce, 'CE', strike, F, o) : false;
      const peMoved = row.pe ? this.price(row.pe, 'PE', strike, F, o) : false;
      if (ceMoved || peMoved || !row.out) {
        row.out = Object.freeze({ strike, ...(row.ce?.out ? { ce: row.ce.out } : {}), ...(row.pe?.out ? { pe: row.pe.out } : {}) });
        rowsChanged = true;
      }
      rows.push(row.out);
    }
    const { underlying, exchange, expiry, expiryTs, lotSize, tickSize } = this.spec;
    this.last = Object.freeze({
      underlying,
      exchange,
      expiry,
      expiryTs,
      ts: this.quoteTs,
      spot: this.spot,
      forward: F,
      atmStrike: nearestStrike(rows, F),
      ...(lotSize !== undefined ? { lotSize } : {}),
      tickSize,
      rows: rowsChanged || !this.last ? Object.freeze(rows) : this.last.rows,
    });
    this.lastT = T;
    this.changed = false;
    this.stats.snapshots++;
    return this.last;
  }

  /** Brings one leg's output up to date; returns whether it changed. */
  private price(leg: LegState, right: OptionRight, K: number, F: number, o: EnrichOptions): boolean {
    const moved = leg.F !== F || leg.T !== o.T;
    if (!leg.solved || (leg.vol === undefined && moved)) {
      const out = enrichQuote(leg.quote, right, F, K, o);
      leg.vol = out.iv;
      leg.solved = true;
      this.stats.ivSolves++;
      return this.settle(leg, out, F, o.T);
    }
    if (moved && leg.vol !== undefined) {
      this.stats.greekUpdates++;
      return this.settle(leg, quoteAtVol(leg.quote, right, F, K, o, leg.vol), F, o.T);
    }
    if (leg.stale && leg.out) {
      const { iv, delta, gamma, theta, vega, ivFailure } = leg.out;
      return this.settle(leg, { ...leg.quote, iv, delta, gamma, theta, vega, ivFailure }, F, o.T);
    }
    return false;
  }

  private settle(leg: LegState, out: OptionQuote, F: number, T: number): true {
    leg.out = Object.freeze(out);
    leg.F = F;
    leg.T = T;
    leg.stale = false;
    return true;
  }

  /** F = K + e^{rT}(C − P) from the pair nearest spot (market.md §3.2), as `syntheticForward`. */
  private syntheticForward(T: number): number | undefined {
    let best: RowState | undefined;
    for (const k of this.strikes) {
      if (!best || Math.abs(k - this.spot) < Math.abs(best.strike - this.spot)) best = this.rowsByStrike.get(k);
    }
    if (!best?.ce || !best.pe) return undefined;
    return best.strike + Math.exp(this.spec.r * T) * (quotePrice(best.ce.quote) - quotePrice(best.pe.quote));
  }
}
