import { BarCursor, checkBar, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { trueRangeOf } from './true-range.ts';

/**
 * Average true range, TA-Lib `ATR`: the first value (bar N) is the mean of TR[1..N], then Wilder's
 * `(atr·(N−1) + tr)/N`. Tulip and trading-signals seed with TR[0] = H − L and start at bar N−1;
 * the two converge as the seed decays.
 */
export class Atr implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['atr'] as const;
  value = NaN;
  private readonly period: number;
  private n = 0;
  private pending = false;
  private close = 0;
  private prevClose = 0;
  private base = 0;
  private cur = 0;

  constructor(period = 14) {
    checkPeriod(period, 'period');
    this.period = period;
    this.warmUp = period + 1;
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) > this.period;
  }

  output(): number {
    return this.value;
  }

  update(bar: BarInput): number {
    checkBar(bar);
    if (this.pending) {
      this.prevClose = this.close;
      this.base = this.cur;
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
    this.n = 0;
    this.pending = false;
    this.base = 0;
    this.cur = 0;
    this.value = NaN;
  }

  private compute(bar: BarInput): number {
    this.close = bar.close;
    const t = this.n;
    const p = this.period;
    if (t === 0) return (this.value = NaN);
    const tr = trueRangeOf(bar.high, bar.low, this.prevClose);
    if (t < p) {
      this.cur = this.base + tr;
      return (this.value = NaN);
    }
    if (t === p) this.cur = (this.base + tr) / p;
    else {
      let a = this.base * (p - 1);
      a += tr;
      this.cur = a / p;
    }
    return (this.value = this.cur);
  }
}

export function atrBatch(cols: OhlcvColumns, period = 14): Float64Array {
  const ind = new Atr(period);
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
