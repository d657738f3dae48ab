import type { OptionRight } from '#model/instrument';
import { black76 } from './black.ts';
import { impliedVolBlack76 } from './implied-vol.ts';
import { DAYS_PER_YEAR, type DayBasis } from './black.ts';

/**
 * An option chain at one instant: one row per strike with CE and PE quotes. Greeks are in trader
 * units (vega per vol point, theta per day of the chain's basis); `iv` is a decimal (0.15 = 15 %).
 */
export interface OptionQuote {
  readonly symbol?: string;
  readonly ltp: number;
  readonly bid: number;
  readonly ask: number;
  readonly bidQty: number;
  readonly askQty: number;
  readonly volume: number;
  readonly oi: number;
  readonly iv?: number;
  readonly delta?: number;
  readonly gamma?: number;
  readonly theta?: number;
  readonly vega?: number;
  /** Why iv is missing: the IV solver's failure kind. */
  readonly ivFailure?: string;
}

export interface ChainRow {
  readonly strike: number;
  readonly ce?: OptionQuote;
  readonly pe?: OptionQuote;
}

export interface OptionChain {
  readonly underlying: string;
  readonly exchange: string;
  /** Expiry trading day, YYYY-MM-DD. */
  readonly expiry: string;
  /** Expiry instant, epoch ms (15:30 IST). */
  readonly expiryTs: number;
  readonly ts: number;
  readonly spot: number;
  /** Forward for the expiry: futures or synthetic (put–call parity); undefined until known. */
  readonly forward?: number;
  readonly atmStrike: number;
  readonly lotSize?: number;
  readonly tickSize: number;
  /** Sorted by strike, ascending. */
  readonly rows: readonly ChainRow[];
}

/**
 * A chain whose legs are priced when first asked for: a simulated market's reader asks for a wide window
 * and reads a few legs of it. Every listed strike has both legs; `leg` gives the same object on every call.
 */
export interface DeferredChain extends Omit<OptionChain, 'rows'> {
  /** Sorted ascending. */
  readonly strikes: readonly number[];
  leg(strike: number, right: OptionRight): OptionQuote;
  /**
   * Two deferred chains of one underlying and expiry with the same key quote every leg they share alike
   * (the simulated market's reprice instant): a leg is not changed by the second, as a whole chain's equal
   * quote does not change it.
   */
  readonly key?: number;
}

/** Mid when both sides quote, else LTP. */
export function quotePrice(q: OptionQuote): number {
  return q.bid > 0 && q.ask > 0 && q.ask >= q.bid ? (q.bid + q.ask) / 2 : q.ltp;
}

export function spreadPct(q: OptionQuote): number {
  const mid = quotePrice(q);
  return q.bid > 0 && q.ask > 0 && mid > 0 ? ((q.ask - q.bid) / mid) * 100 : Infinity;
}

export function nearestStrike(rows: readonly ChainRow[], level: number): number {
  let best = rows[0]?.strike ?? NaN;
  for (const r of rows) if (Math.abs(r.strike - level) < Math.abs(best - level)) best = r.strike;
  return best;
}

/** Synthetic forward from the ATM pair: F = K + e^{rT}(C − P) (market.md §3.2). */
export function syntheticForward(chain: OptionChain, r: number, T: number): number | undefined {
  const row = chain.rows.find((x) => x.strike === nearestStrike(chain.rows, chain.spot));
  if (!row?.ce || !row.pe) return undefined;
  return row.strike + Math.exp(r * T) * (quotePrice(row.ce) - quotePrice(row.pe));
}

export interface EnrichOptions {
  readonly r: number;
  /** Years to expiry, measured in `basis`. */
  readonly T: number;
  readonly basis?: DayBasis;
}

/** The quote with Black-76 Greeks at volatility `vol` (trader units), its IV set to `vol`. */
function quoteAtVol(q: OptionQuote, right: OptionRight, F: number, K: number, o: EnrichOptions, vol: number): OptionQuote {
  const g = black76(right, F, K, o.T, o.r, vol);
  return { ...q, iv: vol, delta: g.delta, gamma: g.gamma, theta: g.theta / DAYS_PER_YEAR[o.basis ?? 'calendar'], vega: g.vega * 0.01, ivFailure: undefined };
}

/**
 * The quote with its IV solved from its own price and the Greeks at that IV; a failed solve says why.
 * `guessVol` (the leg's previous IV) only starts the solver nearer its root.
 */
export function enrichQuote(q: OptionQuote, right: OptionRight, F: number, K: number, o: EnrichOptions, guessVol?: number): OptionQuote {
  const iv = impliedVolBlack76(right, quotePrice(q), F, K, o.T, o.r, guessVol);
  if (!iv.ok) return { ...q, iv: undefined, delta: undefined, gamma: undefined, theta: undefined, vega: undefined, ivFailure: iv.error.kind };
  return quoteAtVol(q, right, F, K, o, iv.value.vol);
}

/** Fills IV and Black-76 Greeks on every leg, off the chain's forward (synthetic when absent). */
export function enrichChain(chain: OptionChain, o: EnrichOptions): OptionChain {
  const F = chain.forward ?? syntheticForward(chain, o.r, o.T) ?? chain.spot * Math.exp(o.r * o.T);
  const rows = chain.rows.map((row) => ({
    strike: row.strike,
    ...(row.ce ? { ce: enrichQuote(row.ce, 'CE', F, row.strike, o) } : {}),
    ...(row.pe ? { pe: enrichQuote(row.pe, 'PE', F, row.strike, o) } : {}),
  }));
  return { ...chain, forward: F, atmStrike: nearestStrike(rows, F), rows };
}

const legOf = (row: ChainRow, right: OptionRight): OptionQuote | undefined => (right === 'CE' ? row.ce : row.pe);

/** ATM ± n strikes (n > 0 is higher strikes), or undefined past the chain's edge. */
export function strikeAtOffset(chain: OptionChain, n: number): number | undefined {
  const i = chain.rows.findIndex((r) => r.strike === chain.atmStrike);
  return i < 0 ? undefined : chain.rows[i + n]?.strike;
}

/** The strike whose delta is closest to `target` (e.g. 0.25 for a call, −0.25 for a put). */
export function strikeByDelta(chain: OptionChain, right: OptionRight, target: number): number | undefined {
  let best: { strike: number; d: number } | undefined;
  for (const row of chain.rows) {
    const delta = legOf(row, right)?.delta;
    if (delta === undefined) continue;
    const d = Math.abs(delta - target);
    if (!best || d < best.d) best = { strike: row.strike, d };
  }
  return best?.strike;
}

/** The strike whose premium (mid, else LTP) is closest to `premium`. */
export function strikeByPremium(chain: OptionChain, right: OptionRight, premium: number): number | undefined {
  let best: { strike: number; d: number } | undefined;
  for (const row of chain.rows) {
    const q = legOf(row, right);
    if (!q) continue;
    const d = Math.abs(quotePrice(q) - premium);
    if (!best || d < best.d) best = { strike: row.strike, d };
  }
  return best?.strike;
}

export interface LiquidityFilter {
  readonly minOi?: number;
  /** Maximum (ask − bid)/mid in percent. */
  readonly maxSpreadPct?: number;
}

export function isLiquid(q: OptionQuote | undefined, f: LiquidityFilter): boolean {
  if (!q) return false;
  if (f.minOi !== undefined && q.oi < f.minOi) return false;
  return f.maxSpreadPct === undefined || spreadPct(q) <= f.maxSpreadPct;
}

/** Drops legs that fail the filter, and rows left with no leg. */
export function filterLiquid(chain: OptionChain, f: LiquidityFilter): OptionChain {
  const rows: ChainRow[] = [];
  for (const row of chain.rows) {
    const ce = isLiquid(row.ce, f) ? row.ce : undefined;
    const pe = isLiquid(row.pe, f) ? row.pe : undefined;
    if (ce || pe) rows.push({ strike: row.strike, ...(ce ? { ce } : {}), ...(pe ? { pe } : {}) });
  }
  return { ...chain, rows };
}
