import { checkFinite, checkPeriod, type Indicator } from './indicator.ts';
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
  const ind = new StdDev(period);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
