import { BarCursor, checkBar, checkPeriod, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';
import { Sma } from './sma.ts';
import { RawK } from './stochastic.ts';

/**
 * Fast stochastic, TA-Lib `STOCHF(fastK, fastD SMA)` (defaults 5, 3): %K is the raw %K, %D its SMA.
 * Both start together at bar fastK + fastD − 2, as TA-Lib's do. (technicalindicators' `Stochastic` is
 * this one: its `k` is raw %K.)
 */
export class StochasticFast implements Indicator<BarInput> {
  readonly warmUp: number;
  readonly outputs = ['k', 'd'] as const;
  value = NaN;
  d = NaN;
  private readonly period: number;
  private readonly raw: RawK;
  private readonly smoothD: Sma;
  private n = 0;
  private pending = false;

  constructor(fastK = 5, fastD = 3) {
    checkPeriod(fastK, 'fastK');
    checkPeriod(fastD, 'fastD');
    this.period = fastK;
    this.raw = new RawK(fastK);
    this.smoothD = new Sma(fastD);
    this.warmUp = fastK + fastD - 1;
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
    this.smoothD.reset();
    this.n = 0;
    this.pending = false;
    this.value = this.d = NaN;
  }

  private compute(bar: BarInput, revise: boolean): number {
    const k = this.raw.compute(bar);
    if (this.n < this.period - 1) return (this.value = NaN);
    const d = revise ? this.smoothD.replace(k) : this.smoothD.update(k);
    if (Number.isNaN(d)) return (this.value = NaN);
    this.d = d;
    return (this.value = k);
  }
}

export function stochasticFastBatch(cols: OhlcvColumns, fastK = 5, fastD = 3): { k: Float64Array; d: Float64Array } {
  const ind = new StochasticFast(fastK, fastD);
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
