import { checkFinite, checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';
import { TA_EPSILON } from './rsi.ts';
import { Float64Window } from './window.ts';

export interface BollingerBands {
  readonly middle: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

export interface BollingerSeries extends BollingerBands {
  readonly bandwidth: Float64Array;
  readonly percentB: Float64Array;
}

/**
 * Bollinger Bands, TA-Lib `BBANDS(N, k, k, SMA)`: SMA(N) ± k·σ with the population σ (÷N; all four
 * reference libraries agree), from running sums of x and x² in TA-Lib's order of operations, σ = 0
 * below TA-Lib's epsilon. Also bandwidth = (upper − lower)/middle (Bollinger's definition, a fraction)
 * and %B = (x − lower)/(upper − lower). With σ = 0 (a flat window) %B is undefined; we report 0.5.
 */
export class Bollinger extends SeriesIndicator {
  readonly outputs = ['middle', 'upper', 'lower', 'bandwidth', 'percentB'] as const;
  upper = NaN;
  lower = NaN;
  bandwidth = NaN;
  percentB = NaN;
  private readonly period: number;
  private readonly k: number;
  private readonly window: Float64Window;
  private x = 0;
  /** Sums of x and x² over the last N−1 committed inputs, then with the forming one. */
  private sum = 0;
  private sumSq = 0;
  private curSum = 0;
  private curSumSq = 0;

  constructor(period = 20, k = 2) {
    checkPeriod(period, 'period');
    checkFinite(k, 'k');
    super(period);
    this.period = period;
    this.k = k;
    this.window = new Float64Window(period - 1);
  }

  override output(index: number): number {
    switch (index) {
      case 0:
        return this.value;
      case 1:
        return this.upper;
      case 2:
        return this.lower;
      case 3:
        return this.bandwidth;
      case 4:
        return this.percentB;
      default:
        return NaN;
    }
  }

  protected compute(x: number): number {
    this.x = x;
    this.curSum = this.sum + x;
    this.curSumSq = this.sumSq + x * x;
    if (this.n + 1 < this.period) return (this.value = NaN);
    const mean = this.curSum / this.period;
    const variance = this.curSumSq / this.period - mean * mean;
    const dev = this.k * (variance < TA_EPSILON ? 0 : Math.sqrt(variance));
    const upper = mean + dev;
    const lower = mean - dev;
    const width = upper - lower;
    this.upper = upper;
    this.lower = lower;
    this.bandwidth = mean !== 0 ? width / mean : 0;
    this.percentB = width !== 0 ? (x - lower) / width : 0.5;
    return (this.value = mean);
  }

  protected commit(): void {
    const gone = this.window.push(this.x);
    this.sum = this.curSum - gone;
    this.sumSq = this.curSumSq - gone * gone;
  }

  protected clear(): void {
    this.window.clear();
    this.sum = this.sumSq = 0;
    this.upper = this.lower = this.bandwidth = this.percentB = NaN;
  }

  /**
   * `update` for each of `xs` into the outputs: the batch form, leaving the indicator where the updates
   * would. `bandwidth` and `percentB` are written only when `s` has them (TA-Lib's BBANDS has just the
   * three bands).
   */
  fold(xs: ArrayLike<number>, s: BollingerBands | BollingerSeries): void {
    const derived = 'percentB' in s ? s : undefined;
    const step = (i: number): void => {
      s.middle[i] = this.update(xs[i] as number);
      s.upper[i] = this.upper;
      s.lower[i] = this.lower;
      if (derived) {
        derived.bandwidth[i] = this.bandwidth;
        derived.percentB[i] = this.percentB;
      }
    };
    this.drive(xs.length, this.period, step, (from, to) => (derived ? this.runAll(xs, derived, from, to) : this.runBands(xs, s, from, to)));
  }

  /** The steady state over [from, to), three bands: the input leaving the window is read back from `xs`. */
  private runBands(xs: ArrayLike<number>, s: BollingerBands, from: number, to: number): number {
    const { middle, upper, lower } = s;
    const p = this.period;
    const k = this.k;
    let curSum = this.curSum;
    let curSumSq = this.curSumSq;
    let sum = this.sum;
    let sumSq = this.sumSq;
    let i = from;
    for (; i < to; i++) {
      const x = xs[i] as number;
      if (x - x !== 0) break;
      const gone = xs[i - p] as number;
      sum = curSum - gone;
      sumSq = curSumSq - gone * gone;
      curSum = sum + x;
      curSumSq = sumSq + x * x;
      const mean = curSum / p;
      const variance = curSumSq / p - mean * mean;
      const dev = k * (variance < TA_EPSILON ? 0 : Math.sqrt(variance));
      middle[i] = mean;
      upper[i] = mean + dev;
      lower[i] = mean - dev;
    }
    return this.settle(xs, from, i, sum, sumSq);
  }

  /** `runBands` that also writes bandwidth and %B. */
  private runAll(xs: ArrayLike<number>, s: BollingerSeries, from: number, to: number): number {
    const { middle, upper, lower, bandwidth, percentB } = s;
    const p = this.period;
    const k = this.k;
    let curSum = this.curSum;
    let curSumSq = this.curSumSq;
    let sum = this.sum;
    let sumSq = this.sumSq;
    let i = from;
    for (; i < to; i++) {
      const x = xs[i] as number;
      if (x - x !== 0) break;
      const gone = xs[i - p] as number;
      sum = curSum - gone;
      sumSq = curSumSq - gone * gone;
      curSum = sum + x;
      curSumSq = sumSq + x * x;
      const mean = curSum / p;
      const variance = curSumSq / p - mean * mean;
      const dev = k * (variance < TA_EPSILON ? 0 : Math.sqrt(variance));
      const u = mean + dev;
      const l = mean - dev;
      const width = u - l;
      middle[i] = mean;
      upper[i] = u;
      lower[i] = l;
      bandwidth[i] = mean !== 0 ? width / mean : 0;
      percentB[i] = width !== 0 ? (x - l) / width : 0.5;
    }
    return this.settle(xs, from, i, sum, sumSq);
  }

  /** Hands the loop's sums back and recomputes the last input's outputs as the forming one. */
  private settle(xs: ArrayLike<number>, from: number, i: number, sum: number, sumSq: number): number {
    if (i === from) return i;
    this.n += i - from;
    this.sum = sum;
    this.sumSq = sumSq;
    this.window.fill(xs, i - this.period, i - 1);
    this.compute(xs[i - 1] as number);
    return i;
  }
}

export function bollingerBatch(xs: ArrayLike<number>, period = 20, k = 2): BollingerSeries {
  const n = xs.length;
  const s = {
    middle: new Float64Array(n),
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    bandwidth: new Float64Array(n),
    percentB: new Float64Array(n),
  };
  new Bollinger(period, k).fold(xs, s);
  return s;
}
