import { checkPeriod, firstNonFinite } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';
import { Float64Window } from './window.ts';

/**
 * Rate of change in percent, TA-Lib `ROC`: `(x / x[t−N] − 1)·100`, first value at input N.
 * A zero reference value gives 0, as in TA-Lib. (Tulip's `roc` is the same ratio without the ·100.)
 */
export class Roc extends SeriesIndicator {
  readonly outputs = ['roc'] as const;
  private readonly period: number;
  private readonly window: Float64Window;
  private x = 0;

  constructor(period = 10) {
    checkPeriod(period, 'period');
    super(period + 1);
    this.period = period;
    this.window = new Float64Window(period);
  }

  protected compute(x: number): number {
    this.x = x;
    if (this.n < this.period) return (this.value = NaN);
    const ref = this.window.oldest();
    return (this.value = ref !== 0 ? (x / ref - 1) * 100 : 0);
  }

  protected commit(): void {
    this.window.push(this.x);
  }

  protected clear(): void {
    this.window.clear();
  }

  /** `update` for each of `xs` into `out`: the batch form, leaving the indicator where the updates would. */
  fold(xs: ArrayLike<number>, out: Float64Array): void {
    this.drive(xs.length, this.period + 1, (i) => (out[i] = this.update(xs[i] as number)), (from, to) => this.run(xs, out, from, to));
  }

  /**
   * The steady state over [from, to): the reference input is read back from `xs`. No per-input check (it
   * cost a sixth of the time): the loop sums its inputs, an add beside the division, and only a
   * non-finite sum sends it looking for the input `update` would have rejected.
   */
  private run(xs: ArrayLike<number>, out: Float64Array, from: number, to: number): number {
    const p = this.period;
    let sum = 0;
    for (let i = from; i < to; i++) {
      const x = xs[i] as number;
      const ref = xs[i - p] as number;
      out[i] = ref !== 0 ? (x / ref - 1) * 100 : 0;
      sum += x;
    }
    const i = sum - sum !== 0 ? firstNonFinite(xs, from, to) : to;
    if (i === from) return i;
    this.n += i - from;
    this.window.fill(xs, i - 1 - p, i - 1);
    this.compute(xs[i - 1] as number);
    return i;
  }
}

export function rocBatch(xs: ArrayLike<number>, period = 10): Float64Array {
  const out = new Float64Array(xs.length);
  new Roc(period).fold(xs, out);
  return out;
}
