import { checkFinite, checkPeriod, type Indicator } from './indicator.ts';
import { Float64Window } from './window.ts';

/**
 * Linearly weighted moving average (weights 1..N, newest heaviest), TA-Lib `WMA`: O(1) through a running
 * plain sum and weighted sum, in TA-Lib's order of operations. First value at input N−1.
 */
export class Wma implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['wma'] as const;
  value = NaN;
  private readonly period: number;
  private readonly divider: number;
  /** Committed inputs that can still leave the window (the trailing value is the oldest of N−1). */
  private readonly window: Float64Window;
  private n = 0;
  private pending = false;
  private x = 0;
  private baseSub = 0;
  private baseSum = 0;
  private baseTrailing = 0;
  private curSub = 0;
  private curSum = 0;

  constructor(period: number) {
    checkPeriod(period, 'period');
    this.period = period;
    this.warmUp = period;
    this.divider = (period * (period + 1)) / 2;
    this.window = new Float64Window(period);
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= this.period;
  }

  output(): number {
    return this.value;
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
    this.baseSub = 0;
    this.baseSum = 0;
    this.baseTrailing = 0;
    this.value = NaN;
  }

  private compute(x: number): number {
    this.x = x;
    const n = this.n + 1;
    if (n < this.period) {
      this.curSub = this.baseSub + x;
      this.curSum = this.baseSum + x * n;
      this.value = NaN;
    } else {
      this.curSub = this.baseSub + x - this.baseTrailing;
      this.curSum = this.baseSum + x * this.period;
      this.value = this.curSum / this.divider;
    }
    return this.value;
  }

  private commit(): void {
    this.window.push(this.x);
    this.n++;
    this.baseSub = this.curSub;
    if (this.n >= this.period) {
      this.baseSum = this.curSum - this.curSub;
      this.baseTrailing = this.window.oldest();
    } else {
      this.baseSum = this.curSum;
    }
  }
}

export function wmaBatch(xs: ArrayLike<number>, period: number): Float64Array {
  const ind = new Wma(period);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
