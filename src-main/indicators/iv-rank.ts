import { checkFinite, checkPeriod, type Indicator } from './indicator.ts';
import { RollingMax } from './rolling-max.ts';

/**
 * IV rank over any series (implied volatility, or anything else): where the latest value sits between
 * the lowest and highest of the last N values, current included, in percent:
 * `(x − min)/((max − min)/100)`, TA-Lib's fast-%K arithmetic on a single series. A flat window gives 50.
 * First value at input N (e.g. N = 252 daily closes of India VIX for a one-year rank).
 */
export class IvRank implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['ivRank'] as const;
  value = NaN;
  private readonly period: number;
  private readonly highs: RollingMax;
  private readonly negLows: RollingMax;
  private n = 0;
  private pending = false;
  private x = 0;

  constructor(period = 252) {
    checkPeriod(period, 'period', 2);
    this.period = period;
    this.warmUp = period;
    this.highs = new RollingMax(period - 1);
    this.negLows = new RollingMax(period - 1);
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
      this.highs.push(this.x);
      this.negLows.push(-this.x);
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
    this.highs.clear();
    this.negLows.clear();
    this.n = 0;
    this.pending = false;
    this.value = NaN;
  }

  private compute(x: number): number {
    this.x = x;
    if (this.n < this.period - 1) return (this.value = NaN);
    const hi = Math.max(this.highs.max, x);
    const lo = -Math.max(this.negLows.max, -x);
    const diff = (hi - lo) / 100;
    return (this.value = diff !== 0 ? (x - lo) / diff : 50);
  }
}

export function ivRankBatch(xs: ArrayLike<number>, period = 252): Float64Array {
  const ind = new IvRank(period);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
