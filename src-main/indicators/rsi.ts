import { checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';

/** Below this, TA-Lib treats a sum as zero (`TA_IS_ZERO`). */
export const TA_EPSILON = 1e-14;

/**
 * Relative strength index, Wilder's smoothing exactly as TA-Lib: average gain and loss are the means of
 * the first N changes, then `(prev·(N−1) + x)/N`; first value at input N.
 * With no gains and no losses (a flat series) the RSI is undefined: we report 50, the midpoint
 * (TA-Lib reports 0, Tulip NaN, technicalindicators and trading-signals 100; market.md §1.4).
 */
export class Rsi extends SeriesIndicator {
  readonly outputs = ['rsi'] as const;
  private readonly period: number;
  /** 1/N: multiplying by it keeps divisions off the recurrence (results stay within 1e-15 of TA-Lib's). */
  private readonly inv: number;
  private x = 0;
  private prev = 0;
  private gain = 0;
  private loss = 0;
  private curGain = 0;
  private curLoss = 0;

  constructor(period = 14) {
    checkPeriod(period, 'period', 2);
    super(period + 1);
    this.period = period;
    this.inv = 1 / period;
  }

  protected clear(): void {
    this.gain = this.loss = this.curGain = this.curLoss = 0;
  }

  /** `update` over `xs` into `out`, the steady state on local variables: the batch form (see `Ema.fold`). */
  fold(xs: ArrayLike<number>, out: Float64Array): void {
    const pick = new Float64Array(4);
    this.drive(xs.length, 0, (i) => (out[i] = this.update(xs[i] as number)), (from, to) => this.run(xs, pick, out, from, to));
  }

  /** The steady-state loop over inputs [from, to); stops at a non-finite input and returns where it stopped. */
  /**
   * The averages' next values are picked out of `pick` = [gain up, gain down, loss up, loss down] by
   * index, not by a branch: whether the close fell is a coin toss that the branch predictor keeps losing
   * (this runs 1.5× faster). Each candidate is `update`'s own expression, so the same bits.
   */
  private run(xs: ArrayLike<number>, pick: Float64Array, out: Float64Array, from: number, to: number): number {
    let i = from;
    const m = this.period - 1;
    const inv = this.inv;
    let prev = this.prev;
    let x = this.x;
    let gain = this.gain;
    let loss = this.loss;
    let g = this.curGain;
    let l = this.curLoss;
    let done = 0;
    for (; i < to; i++) {
      const next = xs[i] as number;
      if (next - next !== 0) break;
      prev = x;
      gain = g;
      loss = l;
      x = next;
      const diff = x - prev;
      const gm = gain * m;
      const lm = loss * m;
      pick[0] = gm + diff;
      pick[1] = gm;
      pick[2] = lm;
      pick[3] = lm - diff;
      const down = +(diff < 0);
      g = pick[down] as number;
      l = pick[2 + down] as number;
      l *= inv;
      g *= inv;
      const s = g + l;
      out[i] = s > -TA_EPSILON && s < TA_EPSILON ? 50 : 100 * (g / s);
      done++;
    }
    this.n += done;
    this.prev = prev;
    this.x = x;
    this.gain = gain;
    this.loss = loss;
    this.curGain = g;
    this.curLoss = l;
    this.value = out[i - 1] as number;
    return i;
  }

  protected compute(x: number): number {
    this.x = x;
    const t = this.n;
    const p = this.period;
    const inv = this.inv;
    if (t === 0) return (this.value = NaN);
    const diff = x - this.prev;
    let g = this.gain;
    let l = this.loss;
    if (t > p) {
      l *= p - 1;
      g *= p - 1;
    }
    if (diff < 0) l -= diff;
    else g += diff;
    if (t >= p) {
      l *= inv;
      g *= inv;
    }
    this.curGain = g;
    this.curLoss = l;
    if (t < p) return (this.value = NaN);
    const s = g + l;
    this.value = s > -TA_EPSILON && s < TA_EPSILON ? 50 : 100 * (g / s);
    return this.value;
  }

  protected commit(): void {
    this.prev = this.x;
    this.gain = this.curGain;
    this.loss = this.curLoss;
  }
}

export function rsiBatch(xs: ArrayLike<number>, period = 14): Float64Array {
  const out = new Float64Array(xs.length);
  new Rsi(period).fold(xs, out);
  return out;
}
