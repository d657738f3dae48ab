import { checkFinite, checkPeriod, type Indicator } from './indicator.ts';
import { Float64Window } from './window.ts';

/**
 * IV percentile over any series, with TradingView's `ta.percentrank(source, N)` definition: the percentage
 * of the previous N values (current excluded) that are less than or equal to the current value. First
 * value at input N. The previous N values are also kept sorted, so the count is a binary search
 * (O(log N)); a new bar moves at most N entries with `copyWithin`, no allocation.
 */
export class IvPercentile implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['ivPercentile'] as const;
  value = NaN;
  private readonly period: number;
  private readonly window: Float64Window;
  private readonly sorted: Float64Array;
  private size = 0;
  private n = 0;
  private pending = false;
  private x = 0;

  constructor(period = 252) {
    checkPeriod(period, 'period');
    this.period = period;
    this.warmUp = period + 1;
    this.window = new Float64Window(period);
    this.sorted = new Float64Array(period);
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) > this.period;
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
    this.size = 0;
    this.n = 0;
    this.pending = false;
    this.value = NaN;
  }

  /** Number of sorted entries ≤ x. */
  private countAtMost(x: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compute(x: number): number {
    this.x = x;
    if (this.n < this.period) return (this.value = NaN);
    return (this.value = (100 * this.countAtMost(x)) / this.period);
  }

  private commit(): void {
    const s = this.sorted;
    if (this.window.isFull) {
      const gone = this.window.oldest();
      const at = this.countAtMost(gone) - 1;
      s.copyWithin(at, at + 1, this.size);
      this.size--;
    }
    this.window.push(this.x);
    const at = this.countAtMost(this.x);
    s.copyWithin(at + 1, at, this.size);
    s[at] = this.x;
    this.size++;
    this.n++;
  }
}

export function ivPercentileBatch(xs: ArrayLike<number>, period = 252): Float64Array {
  const ind = new IvPercentile(period);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
