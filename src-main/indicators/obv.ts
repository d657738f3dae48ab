import { BarCursor, checkBar, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';

/**
 * On-balance volume, TA-Lib `OBV`: starts at the first bar's volume, then adds the volume of an up close
 * and subtracts that of a down close. Tulip starts at 0 and technicalindicators/trading-signals one bar
 * later; the level is arbitrary, differences between bars are what all of them agree on.
 */
export class Obv implements Indicator<BarInput> {
  readonly warmUp = 1;
  readonly outputs = ['obv'] as const;
  value = NaN;
  private n = 0;
  private pending = false;
  private close = 0;
  private prevClose = 0;
  private base = 0;

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= 1;
  }

  output(): number {
    return this.value;
  }

  update(bar: BarInput): number {
    checkBar(bar);
    if (this.pending) {
      this.prevClose = this.close;
      this.base = this.value;
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
    this.value = NaN;
  }

  private compute(bar: BarInput): number {
    const c = bar.close;
    this.close = c;
    if (this.n === 0) return (this.value = bar.volume);
    const prev = this.prevClose;
    return (this.value = c > prev ? this.base + bar.volume : c < prev ? this.base - bar.volume : this.base);
  }
}

export function obvBatch(cols: OhlcvColumns): Float64Array {
  const ind = new Obv();
  const bar = new BarCursor();
  const { close } = cols;
  const volume = cols.volume ?? new Float64Array(close.length);
  const out = new Float64Array(close.length);
  for (let i = 0; i < close.length; i++) {
    bar.close = close[i] as number;
    bar.volume = volume[i] as number;
    out[i] = ind.update(bar);
  }
  return out;
}
