import { FOLD_CHUNK, checkFinite, checkPeriod, type Indicator } from './indicator.ts';
import { TA_EPSILON } from './rsi.ts';
import { Float64Window } from './window.ts';

/**
 * Rolling population standard deviation (÷N), TA-Lib `STDDEV(N, 1)`: running sums of x and x², then
 * `√(E[x²] − E[x]²)`, 0 where that is below TA-Lib's epsilon. First value at input N−1. Also exposes the
 * window mean (equal to `SMA(N)`), which Bollinger Bands use as the middle band.
 */
export class StdDev implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['stddev', 'mean'] as const;
  value = NaN;
  mean = NaN;
  private readonly period: number;
  private readonly window: Float64Window;
  private n = 0;
  private pending = false;
  private x = 0;
  private sum = 0;
  private sumSq = 0;
  private curSum = 0;
  private curSumSq = 0;

  constructor(period = 20) {
    checkPeriod(period, 'period');
    this.period = period;
    this.warmUp = period;
    this.window = new Float64Window(period - 1);
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= this.period;
  }

  output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.mean : NaN;
  }

  update(x: number): number {
    checkFinite(x, 'input');
    if (this.pending) this.commit();
    this.pending = true;
    return this.compute(x);
  }

  replace(x: number): number {
    if (!this.pending) return this.update(x);
    checkFinite(x, 'input');
    return this.compute(x);
  }

  reset(): void {
    this.window.clear();
    this.n = 0;
    this.pending = false;
    this.sum = this.sumSq = 0;
    this.value = this.mean = NaN;
  }

  /** `update` over `xs` into σ and mean outputs, the steady state on local variables: the batch form (see `Ema.fold`). */
  fold(xs: ArrayLike<number>, out: Float64Array, meanOut?: Float64Array): void {
    const len = xs.length;
    let i = 0;
    for (; i < len && !this.isReady; i++) {
      out[i] = this.update(xs[i] as number);
      if (meanOut) meanOut[i] = this.mean;
    }
    while (i < len) {
      const end = Math.min(len, i + FOLD_CHUNK);
      i = this.run(xs, out, meanOut, i, end);
      if (i < end) this.update(xs[i] as number);
    }
  }

  /** The steady-state loop over inputs [from, to); stops at a non-finite input and returns where it stopped. */
  private run(xs: ArrayLike<number>, out: Float64Array, meanOut: Float64Array | undefined, from: number, to: number): number {
    let i = from;
    const p = this.period;
    const window = this.window;
    let x = this.x;
    let curSum = this.curSum;
    let curSumSq = this.curSumSq;
    let sum = this.sum;
    let sumSq = this.sumSq;
    let mean = this.mean;
    let sd = this.value;
    let done = 0;
    for (; i < to; i++) {
      const next = xs[i] as number;
      if (next - next !== 0) break;
      const gone = window.push(x);
      sum = curSum - gone;
      sumSq = curSumSq - gone * gone;
      x = next;
      curSum = sum + x;
      curSumSq = sumSq + x * x;
      mean = curSum / p;
      const variance = curSumSq / p - mean * mean;
      sd = variance < TA_EPSILON ? 0 : Math.sqrt(variance);
      out[i] = sd;
      if (meanOut) meanOut[i] = mean;
      done++;
    }
    this.n += done;
    this.x = x;
    this.sum = sum;
    this.sumSq = sumSq;
    this.curSum = curSum;
    this.curSumSq = curSumSq;
    this.mean = mean;
    this.value = sd;
    return i;
  }

  private compute(x: number): number {
    this.x = x;
    this.curSum = this.sum + x;
    this.curSumSq = this.sumSq + x * x;
    if (this.n + 1 < this.period) return (this.value = NaN);
    const mean = this.curSum / this.period;
    const variance = this.curSumSq / this.period - mean * mean;
    this.mean = mean;
    return (this.value = variance < TA_EPSILON ? 0 : Math.sqrt(variance));
  }

  private commit(): void {
    const out = this.window.push(this.x);
    this.sum = this.curSum - out;
    this.sumSq = this.curSumSq - out * out;
    this.n++;
  }
}

export function stdDevBatch(xs: ArrayLike<number>, period = 20): Float64Array {
  const out = new Float64Array(xs.length);
  new StdDev(period).fold(xs, out);
  return out;
}
