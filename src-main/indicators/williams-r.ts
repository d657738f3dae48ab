import { BarCursor, checkBar, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { RollingMax } from './rolling-max.ts';

/**
 * Williams %R, TA-Lib `WILLR`: `(HH − C) / ((HH − LL)/−100)` over the last N bars, current included;
 * first value at bar N−1. When HH = LL it is undefined; we report −50, the midpoint (TA-Lib and Tulip 0,
 * technicalindicators NaN, trading-signals −100; market.md §1.4), so %R = %K − 100 holds everywhere.
 */
export class WilliamsR implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['willr'] as const;
  value = NaN;
  private readonly period: number;
  private readonly highs: RollingMax;
  private readonly negLows: RollingMax;
  private n = 0;
  private pending = false;
  private h = 0;
  private l = 0;

  constructor(period = 14) {
    checkPeriod(period, 'period');
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

  update(bar: BarInput): number {
    checkBar(bar);
    if (this.pending) {
      this.highs.push(this.h);
      this.negLows.push(-this.l);
      this.n++;
    }
    this.pending = true;
    return this.compute(bar);
  }

  replace(bar: BarInput): number {
    if (!this.pending) return this.update(bar);
    checkBar(bar);
    return this.compute(bar);
  }

  reset(): void {
    this.highs.clear();
    this.negLows.clear();
    this.n = 0;
    this.pending = false;
    this.value = NaN;
  }

  private compute(bar: BarInput): number {
    this.h = bar.high;
    this.l = bar.low;
    if (this.n < this.period - 1) return (this.value = NaN);
    const hh = Math.max(this.highs.max, bar.high);
    const ll = -Math.max(this.negLows.max, -bar.low);
    const diff = (hh - ll) / -100;
    return (this.value = diff !== 0 ? (hh - bar.close) / diff : -50);
  }
}

export function williamsRBatch(cols: OhlcvColumns, period = 14): Float64Array {
  const ind = new WilliamsR(period);
  const bar = new BarCursor();
  const { high, low, close } = cols;
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) {
    bar.high = high[i] as number;
    bar.low = low[i] as number;
    bar.close = close[i] as number;
    out[i] = ind.update(bar);
  }
  return out;
}
