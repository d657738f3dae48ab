import { checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';

/**
 * Exponential moving average, TA-Lib default compatibility: seeded with the SMA of the first N inputs
 * (first value at input N−1), then `ema += (x − ema)·k` with k = 2/(N+1).
 */
export class Ema extends SeriesIndicator {
  readonly outputs = ['ema'] as const;
  private readonly period: number;
  readonly k: number;
  /** Seed sum, then the EMA, as of the last committed input. */
  private base = 0;
  private cur = 0;

  constructor(period: number) {
    checkPeriod(period, 'period');
    super(period);
    this.period = period;
    this.k = 2 / (period + 1);
  }

  protected commit(): void {
    this.base = this.cur;
  }

  protected clear(): void {
    this.base = 0;
  }

  /** The EMA before the forming input (composites' batch loops carry it in a register). */
  get previous(): number {
    return this.base;
  }

  /** Hands back the state after `count` more steady-state updates, the last from `previous` to `last`. */
  resume(count: number, previous: number, last: number): void {
    this.n += count;
    this.base = previous;
    this.cur = last;
    this.value = last;
  }

  /**
   * `update` for each of `xs` in turn, writing each value to `out`, with the steady-state recurrence run
   * on local variables: the batch form. It leaves the indicator exactly where the updates would (the last
   * input is the forming one), so history can be folded in and live bars streamed after it.
   */
  fold(xs: ArrayLike<number>, out: Float64Array): void {
    this.drive(xs.length, 0, (i) => (out[i] = this.update(xs[i] as number)), (from, to) => this.run(xs, out, from, to));
  }

  /** The steady-state loop over inputs [from, to); stops at a non-finite input and returns where it stopped. */
  private run(xs: ArrayLike<number>, out: Float64Array, from: number, to: number): number {
    let i = from;
    const k = this.k;
    let cur = this.cur;
    let base = this.base;
    let done = 0;
    for (; i < to; i++) {
      const x = xs[i] as number;
      if (x - x !== 0) break;
      base = cur;
      cur = (x - base) * k + base;
      out[i] = cur;
      done++;
    }
    this.n += done;
    this.base = base;
    this.cur = cur;
    this.value = cur;
    return i;
  }

  protected compute(x: number): number {
    const n = this.n + 1;
    if (n < this.period) {
      this.cur = this.base + x;
      this.value = NaN;
    } else if (n === this.period) {
      this.cur = (this.base + x) / this.period;
      this.value = this.cur;
    } else {
      this.cur = (x - this.base) * this.k + this.base;
      this.value = this.cur;
    }
    return this.value;
  }
}

export function emaBatch(xs: ArrayLike<number>, period: number): Float64Array {
  const out = new Float64Array(xs.length);
  new Ema(period).fold(xs, out);
  return out;
}
