import { checkFinite, checkPeriod, type Indicator } from './indicator.ts';

/**
 * Exponential moving average, TA-Lib default compatibility: seeded with the SMA of the first N inputs
 * (first value at input N−1), then `ema += (x − ema)·k` with k = 2/(N+1).
 */
export class Ema implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['ema'] as const;
  value = NaN;
  private readonly period: number;
  private readonly k: number;
  private n = 0;
  private pending = false;
  /** Seed sum, then the EMA, as of the last committed input. */
  private base = 0;
  private cur = 0;

  constructor(period: number) {
    checkPeriod(period, 'period');
    this.period = period;
    this.warmUp = period;
    this.k = 2 / (period + 1);
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= this.period;
  }

  output(): number {
    return this.value;
  }

  update(x: number): number {
    checkFinite(x, 'input');
    if (this.pending) {
      this.base = this.cur;
      this.n++;
    }
    this.pending = true;
    return this.compute(x);
  }

  replace(x: number): number {
    if (!this.pending) return this.update(x);
    checkFinite(x, 'input');
    return this.compute(x);
  }

  reset(): void {
    this.n = 0;
    this.pending = false;
    this.base = 0;
    this.value = NaN;
  }

  private compute(x: number): number {
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
  const ind = new Ema(period);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
