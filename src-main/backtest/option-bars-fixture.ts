import type { Bar, IntradayTimeframe } from '#model/bar';
import { TIMEFRAME_MINUTES } from '#model/bar';
import { instrumentId, type InstrumentId } from '#model/ids';
import { roundToTick, type OptionRight } from '#model/instrument';
import { black76Price } from '#options/black';
import { yearsToExpiry } from '#options/expiry';
import { optionSymbol } from '#options/option-symbol';

export interface OptionBarsSpec {
  readonly underlying: string;
  /** NFO or BFO. */
  readonly exchange: string;
  /** YYYY-MM-DD, and the instant it expires. */
  readonly expiry: string;
  readonly expiryTs: number;
  /** The session's open and close: bars are written from the open, each ending by the close. */
  readonly session: { readonly open: number; readonly close: number };
  readonly timeframe: IntradayTimeframe;
  readonly strikes: readonly number[];
  readonly r: number;
  /** Dividend yield: the forward is spot·e^{(r−q)T} (default 0). */
  readonly q?: number;
  /** The index at an instant (a bar is priced at its end). */
  readonly spot: (ts: number) => number;
  /** The implied vol of a strike at an instant. */
  readonly vol: (strike: number, ts: number) => number;
  /** True: the contract did not trade in the bar starting at `tsStart`, so it has no bar. */
  readonly skip?: (strike: number, right: OptionRight, tsStart: number) => boolean;
}

/**
 * Intraday bars of an expiry's calls and puts, as OpenAlgo history or a CSV import stores them: each
 * bar's close is Black-76 at its end (forward spot·e^{(r−q)T}, the spec's vol), rounded to ₹0.05, with a
 * volume of 100. Synthetic data for tests and benches, never an exchange's.
 */
export function optionBars(spec: OptionBarsSpec): Bar[] {
  const barMs = TIMEFRAME_MINUTES[spec.timeframe] * 60_000;
  const out: Bar[] = [];
  for (let start = spec.session.open; start < spec.session.close; start += barMs) {
    const end = Math.min(start + barMs, spec.session.close);
    const T = yearsToExpiry(end, spec.expiryTs, 'calendar');
    if (!(T > 0)) break;
    const F = spec.spot(end) * Math.exp((spec.r - (spec.q ?? 0)) * T);
    for (const K of spec.strikes) {
      for (const right of ['CE', 'PE'] as const) {
        if (spec.skip?.(K, right, start)) continue;
        const close = Math.max(roundToTick(black76Price(right, F, K, T, spec.r, spec.vol(K, end)), 0.05), 0.05);
        const id = instrumentId(spec.exchange, optionSymbol(spec.underlying, spec.expiry, K, right));
        out.push({ instrumentId: id, timeframe: spec.timeframe, tsStart: start, open: close, high: close, low: close, close, volume: 100, closed: true });
      }
    }
  }
  return out;
}

/** Intraday bars of an index, each closing at `spot` of its end (the instant the option bars are priced at); `skip`: no bar starting then. */
export function indexBars(o: { readonly id: InstrumentId; readonly session: OptionBarsSpec['session']; readonly timeframe: IntradayTimeframe; readonly spot: (ts: number) => number; readonly skip?: (tsStart: number) => boolean }): Bar[] {
  const barMs = TIMEFRAME_MINUTES[o.timeframe] * 60_000;
  const out: Bar[] = [];
  for (let start = o.session.open; start < o.session.close; start += barMs) {
    if (o.skip?.(start)) continue;
    const close = o.spot(Math.min(start + barMs, o.session.close));
    out.push({ instrumentId: o.id, timeframe: o.timeframe, tsStart: start, open: close, high: close, low: close, close, volume: 0, closed: true });
  }
  return out;
}
