import { BarCursor, checkBar, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { RollingMax } from './rolling-max.ts';
import { Sma } from './sma.ts';

/**
 * Raw %K of the last `period` bars (current included), computed as TA-Lib does:
 * `(C − LL) / ((HH − LL)/100)`. When HH = LL it is undefined; we report 50, the midpoint
 * (TA-Lib, Tulip and the JS libraries report 0; market.md §1.4). Shared by the slow and fast stochastic.
 */
export class RawK {
  private readonly highs: RollingMax;
  private readonly negLows: RollingMax;
  private h = 0;
  private l = 0;

  constructor(period: number) {
    this.highs = new RollingMax(period - 1);
    this.negLows = new RollingMax(period - 1);
  }

  /** %K with the forming bar `bar` on top of the committed ones. */
  compute(bar: BarInput): number {
    this.h = bar.high;
    this.l = bar.low;
    const hh = Math.max(this.highs.max, bar.high);
    const ll = -Math.max(this.negLows.max, -bar.low);
    const diff = (hh - ll) / 100;
    return diff !== 0 ? (bar.close - ll) / diff : 50;
  }

  commit(): void {
    this.highs.push(this.h);
    this.negLows.push(-this.l);
  }

  clear(): void {
    this.highs.clear();
    this.negLows.clear();
  }
}

/**
 * Slow stochastic, TA-Lib `STOCH(fastK, slowK SMA, slowD SMA)` (defaults 5, 3, 3 as TA-Lib's C API; Tulip
 * and trading-signals agree): %K = SMA(slowK) of raw %K, %D = SMA(slowD) of %K. Both start together at
 * bar fastK + slowK + slowD − 3.
 */
export class Stochastic implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['k', 'd'] as const;
  value = NaN;
  d = NaN;
  private readonly period: number;
  private readonly raw: RawK;
  private readonly smoothK: Sma;
  private readonly smoothD: Sma;
  private n = 0;
  private pending = false;

  constructor(fastK = 5, slowK = 3, slowD = 3) {
    checkPeriod(fastK, 'fastK');
    checkPeriod(slowK, 'slowK');
    checkPeriod(slowD, 'slowD');
    this.period = fastK;
    this.raw = new RawK(fastK);
    this.smoothK = new Sma(slowK);
    this.smoothD = new Sma(slowD);
    this.warmUp = fastK + slowK + slowD - 2;
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= this.warmUp;
  }

  output(index: number): number {
    return index === 0 ? this.value : index === 1 ? this.d : NaN;
  }

  update(bar: BarInput): number {
    checkBar(bar);
    if (this.pending) {
      this.raw.commit();
      this.n++;
    }
    this.pending = true;
    return this.compute(bar, false);
  }

  replace(bar: BarInput): number {
    if (!this.pending) return this.update(bar);
    checkBar(bar);
    return this.compute(bar, true);
  }

  reset(): void {
    this.raw.clear();
    this.smoothK.reset();
    this.smoothD.reset();
    this.n = 0;
    this.pending = false;
    this.value = this.d = NaN;
  }

  private compute(bar: BarInput, revise: boolean): number {
    const raw = this.raw.compute(bar);
    if (this.n < this.period - 1) return (this.value = NaN);
    const k = revise ? this.smoothK.replace(raw) : this.smoothK.update(raw);
    if (Number.isNaN(k)) return (this.value = NaN);
    const d = revise ? this.smoothD.replace(k) : this.smoothD.update(k);
    if (Number.isNaN(d)) return (this.value = NaN);
    this.d = d;
    return (this.value = k);
  }
}

export interface StochasticSeries {
  readonly k: Float64Array;
  readonly d: Float64Array;
}

export function stochasticBatch(cols: OhlcvColumns, fastK = 5, slowK = 3, slowD = 3): StochasticSeries {
  const ind = new Stochastic(fastK, slowK, slowD);
  const bar = new BarCursor();
  const { high, low, close } = cols;
  const k = new Float64Array(close.length);
  const d = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) {
    bar.high = high[i] as number;
    bar.low = low[i] as number;
    bar.close = close[i] as number;
    k[i] = ind.update(bar);
    d[i] = ind.d;
  }
  return { k, d };
}
