import { checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';
import { TA_EPSILON } from './rsi.ts';
import { Float64Window } from './window.ts';

/**
 * Rolling population standard deviation (÷N), TA-Lib `STDDEV(N, 1)`: running sums of x and x², then
 * `√(E[x²] − E[x]²)`, 0 where that is below TA-Lib's epsilon. First value at input N−1. Also exposes the
 * window mean (equal to `SMA(N)`), which Bollinger Bands use as the middle band.
 */
export class StdDev extends SeriesIndicator {
  readonly outputs = ['stddev', 'mean'] as const;
  mean = NaN;
  private readonly period: number;
  private readonly window: Float64Window;
  private x = 0;
  /** Sums of x and x² over the last N−1 committed inputs, then with the forming one. */
  private sum = 0;
  private sumSq = 0;
  private curSum = 0;
  private curSumSq = 0;

  constructor(period = 20) {
    checkPeriod(period, 'period');
    super(period);
    this.period = period;
    this.window = new Float64Window(period - 1);
  }

  override output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.mean : NaN;
  }

  protected compute(x: number): number {
    this.x = x;
    this.curSum = this.sum + x;
    this.curSumSq = this.sumSq + x * x;
    if (this.n + 1 < this.period) return (this.value = NaN);
    const mean = this.curSum / this.period;
    const variance = this.curSumSq / this.period - mean * mean;
    this.mean = mean;
    return (this.value = variance < TA_EPSILON ? 0 : Math.sqrt(variance));
  }

  protected commit(): void {
    const gone = this.window.push(this.x);
    this.sum = this.curSum - gone;
    this.sumSq = this.curSumSq - gone * gone;
  }

  protected clear(): void {
    this.window.clear();
    this.sum = this.sumSq = 0;
    this.mean = NaN;
  }

  /** `update` for each of `xs` into σ (and the mean): the batch form, leaving the indicator where the updates would. */
  fold(xs: ArrayLike<number>, out: Float64Array, meanOut?: Float64Array): void {
    const step = (i: number): void => {
      out[i] = this.update(xs[i] as number);
      if (meanOut) meanOut[i] = this.mean;
    };
    this.drive(xs.length, this.period, step, (from, to) => this.run(xs, out, meanOut, from, to));
  }

  /** The steady state over [from, to): the input leaving the window is read back from `xs`. */
  private run(xs: ArrayLike<number>, out: Float64Array, meanOut: Float64Array | undefined, from: number, to: number): number {
    const p = this.period;
    let curSum = this.curSum;
    let curSumSq = this.curSumSq;
    let sum = this.sum;
    let sumSq = this.sumSq;
    let mean = this.mean;
    let i = from;
    for (; i < to; i++) {
      const x = xs[i] as number;
      if (x - x !== 0) break;
      const gone = xs[i - p] as number;
      sum = curSum - gone;
      sumSq = curSumSq - gone * gone;
      curSum = sum + x;
      curSumSq = sumSq + x * x;
      mean = curSum / p;
      const variance = curSumSq / p - mean * mean;
      out[i] = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
      if (meanOut) meanOut[i] = mean;
    }
    if (i === from) return i;
    this.n += i - from;
    this.x = xs[i - 1] as number;
    this.sum = sum;
    this.sumSq = sumSq;
    this.curSum = curSum;
    this.curSumSq = curSumSq;
    this.mean = mean;
    this.value = out[i - 1] as number;
    this.window.fill(xs, i - p, i - 1);
    return i;
  }
}

export function stdDevBatch(xs: ArrayLike<number>, period = 20): Float64Array {
  const out = new Float64Array(xs.length);
  new StdDev(period).fold(xs, out);
  return out;
}
