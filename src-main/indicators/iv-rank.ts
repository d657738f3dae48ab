import { FOLD_CHUNK, checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';
import { ExtremesScratch, windowExtremes } from './rolling-max.ts';
import { RawK, rawK } from './stochastic.ts';

/**
 * IV rank over any series (implied volatility, or anything else): where the latest value sits between
 * the lowest and highest of the last N values, current included, in percent:
 * `(x − min)/((max − min)/100)`, TA-Lib's fast-%K arithmetic on a single series. A flat window gives 50.
 * First value at input N (e.g. N = 252 daily closes of India VIX for a one-year rank).
 */
export class IvRank extends SeriesIndicator {
  readonly outputs = ['ivRank'] as const;
  /** The window's extremes, as the stochastics keep them (high = low = close = the value). */
  private readonly window: RawK;

  constructor(period = 252) {
    checkPeriod(period, 'period', 2);
    super(period);
    this.window = new RawK(period);
  }

  protected compute(x: number): number {
    const rank = this.window.compute(x, x, x);
    return (this.value = this.n < this.window.period - 1 ? NaN : rank);
  }

  protected commit(): void {
    this.window.commit();
  }

  protected clear(): void {
    this.window.clear();
  }

  /** `update` for each of `xs` into `out`: the batch form, leaving the indicator where the updates would. */
  fold(xs: ArrayLike<number>, out: Float64Array): void {
    const span = this.window.period;
    // Handing the window back costs O(N) per chunk: long windows get long chunks.
    const chunk = Math.max(FOLD_CHUNK, 32 * span);
    const ext = new ExtremesScratch(chunk, span);
    this.drive(xs.length, span, (i) => (out[i] = this.update(xs[i] as number)), (from, to) => this.run(xs, ext, out, from, to), chunk);
  }

  private run(xs: ArrayLike<number>, ext: ExtremesScratch, out: Float64Array, from: number, to: number): number {
    windowExtremes(xs, xs, this.window.period, from, to, ext);
    const { hh, ll } = ext;
    let i = from;
    for (; i < to; i++) {
      const x = xs[i] as number;
      if (x - x !== 0) break;
      out[i] = rawK(hh[i - from] as number, ll[i - from] as number, x);
    }
    if (i === from) return i;
    this.n += i - from;
    this.window.fill(xs, xs, i);
    this.value = out[i - 1] as number;
    return i;
  }
}

export function ivRankBatch(xs: ArrayLike<number>, period = 252): Float64Array {
  const out = new Float64Array(xs.length);
  new IvRank(period).fold(xs, out);
  return out;
}
