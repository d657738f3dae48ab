import { BarCursor, checkBar, type BarInput, type Indicator, type OhlcvColumns } from './indicator.ts';

/** max(H − L, |H − prevC|, |L − prevC|), in TA-Lib's order of comparisons. */
export function trueRangeOf(high: number, low: number, prevClose: number): number {
  let tr = high - low;
  const up = Math.abs(prevClose - high);
  if (up > tr) tr = up;
  const down = Math.abs(prevClose - low);
  if (down > tr) tr = down;
  return tr;
}

/**
 * True range, TA-Lib `TRANGE`: needs the previous close, so the first value is at bar 1
 * (Tulip and trading-signals use H − L at bar 0).
 */
export class TrueRange implements Indicator<BarInput> {
  readonly warmUp = 2;
  readonly outputs = ['tr'] as const;
  value = NaN;
  private n = 0;
  private pending = false;
  private close = 0;
  private prevClose = 0;

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= 2;
  }

  output(): number {
    return this.value;
  }

  update(bar: BarInput): number {
    checkBar(bar);
    if (this.pending) {
      this.prevClose = this.close;
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
    this.value = NaN;
  }

  private compute(bar: BarInput): number {
    this.close = bar.close;
    this.value = this.n === 0 ? NaN : trueRangeOf(bar.high, bar.low, this.prevClose);
    return this.value;
  }
}

export function trueRangeBatch(cols: OhlcvColumns): Float64Array {
  const ind = new TrueRange();
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
