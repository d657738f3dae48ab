import { checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';
import { Float64Window } from './window.ts';

/**
 * Linearly weighted moving average (weights 1..N, newest heaviest), TA-Lib `WMA`: O(1) through a running
 * plain sum and weighted sum, in TA-Lib's order of operations. First value at input N−1.
 */
export class Wma extends SeriesIndicator {
  readonly outputs = ['wma'] as const;
  private readonly period: number;
  private readonly divider: number;
  /** The last N committed inputs (the oldest is the next to leave the plain sum). */
  private readonly window: Float64Window;
  private x = 0;
  private baseSub = 0;
  private baseSum = 0;
  private baseTrailing = 0;
  private curSub = 0;
  private curSum = 0;

  constructor(period: number) {
    checkPeriod(period, 'period');
    super(period);
    this.period = period;
    this.divider = (period * (period + 1)) / 2;
    this.window = new Float64Window(period);
  }

  protected compute(x: number): number {
    this.x = x;
    const n = this.n + 1;
    if (n < this.period) {
      this.curSub = this.baseSub + x;
      this.curSum = this.baseSum + x * n;
      return (this.value = NaN);
    }
    this.curSub = this.baseSub + x - this.baseTrailing;
    this.curSum = this.baseSum + x * this.period;
    return (this.value = this.curSum / this.divider);
  }

  protected commit(): void {
    this.window.push(this.x);
    this.baseSub = this.curSub;
    if (this.n + 1 >= this.period) {
      this.baseSum = this.curSum - this.curSub;
      this.baseTrailing = this.window.oldest();
    } else {
      this.baseSum = this.curSum;
    }
  }

  protected clear(): void {
    this.window.clear();
    this.baseSub = this.baseSum = this.baseTrailing = 0;
  }

  /** `update` for each of `xs` into `out`: the batch form, leaving the indicator where the updates would. */
  fold(xs: ArrayLike<number>, out: Float64Array): void {
    this.drive(xs.length, this.period + 1, (i) => (out[i] = this.update(xs[i] as number)), (from, to) => this.run(xs, out, from, to));
  }

  /** The steady state over [from, to): the input leaving the window is read back from `xs`. */
  private run(xs: ArrayLike<number>, out: Float64Array, from: number, to: number): number {
    const p = this.period;
    const divider = this.divider;
    let baseSub = this.baseSub;
    let baseSum = this.baseSum;
    let curSub = this.curSub;
    let curSum = this.curSum;
    let i = from;
    for (; i < to; i++) {
      const x = xs[i] as number;
      if (x - x !== 0) break;
      baseSub = curSub;
      baseSum = curSum - curSub;
      curSub = baseSub + x - (xs[i - p] as number);
      curSum = baseSum + x * p;
      out[i] = curSum / divider;
    }
    if (i === from) return i;
    this.n += i - from;
    this.baseSub = baseSub;
    this.baseSum = baseSum;
    this.baseTrailing = xs[i - 1 - p] as number;
    this.window.fill(xs, i - 1 - p, i - 1);
    this.compute(xs[i - 1] as number);
    return i;
  }
}

export function wmaBatch(xs: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(xs.length);
  new Wma(period).fold(xs, out);
  return out;
}
