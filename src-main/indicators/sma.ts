import { checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';
import { Float64Window } from './window.ts';

/**
 * Simple moving average, TA-Lib `SMA`: a running total (add the new value, divide, drop the trailing
 * one), in TA-Lib's order of operations. First value at input N−1.
 */
export class Sma extends SeriesIndicator {
  readonly outputs = ['sma'] as const;
  private readonly period: number;
  private readonly window: Float64Window;
  private x = 0;
  /** Sum of the last N−1 committed inputs. */
  private base = 0;
  private cur = 0;

  constructor(period: number) {
    checkPeriod(period, 'period');
    super(period);
    this.period = period;
    this.window = new Float64Window(period - 1);
  }

  protected compute(x: number): number {
    this.x = x;
    this.cur = this.base + x;
    return (this.value = this.n + 1 >= this.period ? this.cur / this.period : NaN);
  }

  protected commit(): void {
    this.base = this.cur - this.window.push(this.x);
  }

  protected clear(): void {
    this.window.clear();
    this.base = 0;
  }

  /** `update` for each of `xs` into `out`: the batch form, leaving the indicator where the updates would. */
  fold(xs: ArrayLike<number>, out: Float64Array): void {
    this.drive(xs.length, this.period, (i) => (out[i] = this.update(xs[i] as number)), (from, to) => this.run(xs, out, from, to));
  }

  /** The steady state over [from, to): the trailing input is read back from `xs`, not the window. */
  private run(xs: ArrayLike<number>, out: Float64Array, from: number, to: number): number {
    const p = this.period;
    let base = this.base;
    let cur = this.cur;
    let i = from;
    for (; i < to; i++) {
      const x = xs[i] as number;
      if (x - x !== 0) break;
      base = cur - (xs[i - p] as number);
      cur = base + x;
      out[i] = cur / p;
    }
    if (i > from) this.resume(xs, i, i - from, base, cur);
    return i;
  }

  /**
   * `update` for each of `xs[from..to)` into `out[q + shift]`: a composite's batch loop over a series it
   * computed (known finite), with the average already ready. Reads back from `xs[from − period]`; the same
   * operations as `update`, so the same bits.
   */
  steady(xs: Float64Array, from: number, to: number, out: Float64Array, shift: number): void {
    const p = this.period;
    let base = this.base;
    let cur = this.cur;
    for (let q = from; q < to; q++) {
      base = cur - (xs[q - p] as number);
      cur = base + (xs[q] as number);
      out[q + shift] = cur / p;
    }
    this.resume(xs, to, to - from, base, cur);
  }

  /** The running sums without and with the forming input, for a composite's batch loop to carry on. */
  get sums(): { readonly base: number; readonly cur: number } {
    return { base: this.base, cur: this.cur };
  }

  /**
   * Hands a batch loop's state back: `count` more inputs of `xs` applied up to `end`, the last
   * (`xs[end − 1]`) forming, `base` and `cur` the running sums without and with it.
   */
  resume(xs: ArrayLike<number>, end: number, count: number, base: number, cur: number): void {
    this.n += count;
    this.base = base;
    this.cur = cur;
    this.x = xs[end - 1] as number;
    this.value = cur / this.period;
    this.window.fill(xs, end - this.period, end - 1);
  }
}

export function smaBatch(xs: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(xs.length);
  new Sma(period).fold(xs, out);
  return out;
}
