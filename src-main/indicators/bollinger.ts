import { FOLD_CHUNK, checkFinite, checkPeriod, type Indicator } from './indicator.ts';
import { TA_EPSILON } from './rsi.ts';
import { Float64Window } from './window.ts';

export interface BollingerBands {
  readonly middle: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

export interface BollingerSeries extends BollingerBands {
  readonly bandwidth: Float64Array;
  readonly percentB: Float64Array;
}

/**
 * Bollinger Bands, TA-Lib `BBANDS(N, k, k, SMA)`: SMA(N) ± k·σ with the population σ (÷N; all four
 * reference libraries agree), from running sums of x and x² in TA-Lib's order of operations, σ = 0
 * below TA-Lib's epsilon. Also bandwidth = (upper − lower)/middle (Bollinger's definition, a fraction)
 * and %B = (x − lower)/(upper − lower). With σ = 0 (a flat window) %B is undefined; we report 0.5.
 */
export class Bollinger implements Indicator<number> {
  readonly warmUp: number;
  readonly outputs = ['middle', 'upper', 'lower', 'bandwidth', 'percentB'] as const;
  value = NaN;
  upper = NaN;
  lower = NaN;
  bandwidth = NaN;
  percentB = NaN;
  private readonly period: number;
  private readonly k: number;
  private readonly window: Float64Window;
  /** Scratch for `run` to restore the window when a chunk holds a non-finite input. */
  private readonly saved: Float64Array;
  private n = 0;
  private pending = false;
  private x = 0;
  /** Sums of x and x² over the last N−1 committed inputs. */
  private sum = 0;
  private sumSq = 0;
  private curSum = 0;
  private curSumSq = 0;

  constructor(period = 20, k = 2) {
    checkPeriod(period, 'period');
    checkFinite(k, 'k');
    this.period = period;
    this.k = k;
    this.warmUp = period;
    this.window = new Float64Window(period - 1);
    this.saved = new Float64Array(period + 1);
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= this.period;
  }

  output(index: number): number {
    switch (index) {
      case 0:
        return this.value;
      case 1:
        return this.upper;
      case 2:
        return this.lower;
      case 3:
        return this.bandwidth;
      case 4:
        return this.percentB;
      default:
        return NaN;
    }
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
    this.value = this.upper = this.lower = this.bandwidth = this.percentB = NaN;
  }

  /**
   * `update` over `xs` into the outputs: the batch form. `bandwidth` and `percentB` are written only when
   * `s` has them (TA-Lib's BBANDS has just the three bands). The steady state runs on local variables in
   * chunks (see `Ema.fold`), every input but a chunk's last fully committed; the last goes through
   * `update`, so the indicator ends exactly as the updates would leave it.
   */
  fold(xs: ArrayLike<number>, s: BollingerBands | BollingerSeries): void {
    const len = xs.length;
    const derived = 'percentB' in s ? s : undefined;
    let i = 0;
    for (; i < len && !this.isReady; i++) this.store(s, derived, i, this.update(xs[i] as number));
    while (i < len) {
      const to = Math.min(len, i + FOLD_CHUNK);
      if (to - i >= 2 && this.run(xs, s, derived, i, to - 1)) {
        this.store(s, derived, to - 1, this.update(xs[to - 1] as number));
      } else {
        // A non-finite input in the chunk (or a chunk of one): input by input, so the error is raised
        // there with every earlier input applied.
        for (let j = i; j < to; j++) this.store(s, derived, j, this.update(xs[j] as number));
      }
      i = to;
    }
  }

  private store(s: BollingerBands, derived: BollingerSeries | undefined, i: number, middle: number): void {
    s.middle[i] = middle;
    s.upper[i] = this.upper;
    s.lower[i] = this.lower;
    if (derived) {
      derived.bandwidth[i] = this.bandwidth;
      derived.percentB[i] = this.percentB;
    }
  }

  /**
   * Commits the forming input, then inputs [from, to), on local variables. Returns false with the state
   * restored if any of them is non-finite (checked by one running sum, not a branch per input).
   */
  private run(xs: ArrayLike<number>, s: BollingerBands, derived: BollingerSeries | undefined, from: number, to: number): boolean {
    const n0 = this.n;
    const sum0 = this.sum;
    const sumSq0 = this.sumSq;
    this.window.save(this.saved);
    this.commit();
    this.pending = false;
    let check = 0;
    const { middle, upper, lower } = s;
    const p = this.period;
    const k = this.k;
    const window = this.window;
    let sum = this.sum;
    let sumSq = this.sumSq;
    for (let i = from; i < to; i++) {
      const x = xs[i] as number;
      check += x;
      const curSum = sum + x;
      const curSumSq = sumSq + x * x;
      const mean = curSum / p;
      const variance = curSumSq / p - mean * mean;
      const dev = k * (variance < TA_EPSILON ? 0 : Math.sqrt(variance));
      const u = mean + dev;
      const l = mean - dev;
      middle[i] = mean;
      upper[i] = u;
      lower[i] = l;
      if (derived) {
        const width = u - l;
        derived.bandwidth[i] = mean !== 0 ? width / mean : 0;
        derived.percentB[i] = width !== 0 ? (x - l) / width : 0.5;
      }
      const gone = window.shift(x);
      sum = curSum - gone;
      sumSq = curSumSq - gone * gone;
    }
    if (check - check !== 0) {
      this.window.restore(this.saved);
      this.n = n0;
      this.sum = sum0;
      this.sumSq = sumSq0;
      this.pending = true;
      return false;
    }
    this.sum = sum;
    this.sumSq = sumSq;
    this.n += to - from;
    return true;
  }

  private compute(x: number): number {
    this.x = x;
    this.curSum = this.sum + x;
    this.curSumSq = this.sumSq + x * x;
    if (this.n + 1 < this.period) return (this.value = NaN);
    const mean = this.curSum / this.period;
    const variance = this.curSumSq / this.period - mean * mean;
    const dev = this.k * (variance < TA_EPSILON ? 0 : Math.sqrt(variance));
    const upper = mean + dev;
    const lower = mean - dev;
    const width = upper - lower;
    this.upper = upper;
    this.lower = lower;
    this.bandwidth = mean !== 0 ? width / mean : 0;
    this.percentB = width !== 0 ? (x - lower) / width : 0.5;
    return (this.value = mean);
  }

  private commit(): void {
    const gone = this.window.push(this.x);
    this.sum = this.curSum - gone;
    this.sumSq = this.curSumSq - gone * gone;
    this.n++;
  }
}

export function bollingerBatch(xs: ArrayLike<number>, period = 20, k = 2): BollingerSeries {
  const n = xs.length;
  const s = {
    middle: new Float64Array(n),
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    bandwidth: new Float64Array(n),
    percentB: new Float64Array(n),
  };
  new Bollinger(period, k).fold(xs, s);
  return s;
}
