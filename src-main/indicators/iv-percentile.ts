import { checkPeriod } from './indicator.ts';
import { SeriesIndicator } from './forming.ts';
import { Float64Window } from './window.ts';

/**
 * IV percentile over any series: the percentage of the previous N values (current excluded) strictly
 * below the current one, "the share of days in the lookback with IV lower than today's". One definition
 * in the project: `#options/iv-stats` `ivPercentile` counts the same way (ties do not count as lower, so
 * a flat history reads 0). It is the trader's usual IVP (e.g. the thinkorswim IV-percentile study counts
 * `iv < today`); TradingView's `ta.percentrank` counts ties as lower and is not used. First value at
 * input N. The previous N values are also kept sorted, so the count is a binary search (O(log N)); a new
 * bar moves at most N entries with `copyWithin`, no allocation.
 */
export class IvPercentile extends SeriesIndicator {
  readonly outputs = ['ivPercentile'] as const;
  private readonly period: number;
  private readonly window: Float64Window;
  private readonly sorted: Float64Array;
  private size = 0;
  private x = 0;

  constructor(period = 252) {
    checkPeriod(period, 'period');
    super(period + 1);
    this.period = period;
    this.window = new Float64Window(period);
    this.sorted = new Float64Array(period);
  }

  protected clear(): void {
    this.window.clear();
    this.size = 0;
  }

  /** Number of sorted entries < x. */
  private countBelow(x: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sorted[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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

  protected compute(x: number): number {
    this.x = x;
    if (this.n < this.period) return (this.value = NaN);
    return (this.value = (100 * this.countBelow(x)) / this.period);
  }

  protected commit(): void {
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
  }
}

export function ivPercentileBatch(xs: ArrayLike<number>, period = 252): Float64Array {
  const ind = new IvPercentile(period);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = ind.update(xs[i] as number);
  return out;
}
