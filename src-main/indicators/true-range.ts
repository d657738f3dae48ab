import { BarCursor, finite4, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';

/**
 * max(H − L, |H − prevC|, |L − prevC|), TA-Lib's three terms. `Math.max` compiles without branches: on
 * real prices the comparisons are a coin toss that a branch predictor keeps losing.
 */
export function trueRangeOf(high: number, low: number, prevClose: number): number {
  return Math.max(high - low, Math.abs(prevClose - high), Math.abs(prevClose - low));
}

/**
 * True range, TA-Lib `TRANGE`: needs the previous close, so the first value is at bar 1
 * (Tulip and trading-signals use H − L at bar 0).
 */
export class TrueRange extends BarIndicator {
  readonly outputs = ['tr'] as const;
  private close = 0;
  private prevClose = 0;

  constructor() {
    super(2);
  }

  protected compute(bar: BarInput): number {
    this.close = bar.close;
    return (this.value = this.n === 0 ? NaN : trueRangeOf(bar.high, bar.low, this.prevClose));
  }

  protected commit(): void {
    this.prevClose = this.close;
  }

  protected clear(): void {}

  /** `update` for each bar of `cols` into `out`: the batch form, leaving the indicator where the updates would. */
  fold(cols: OhlcvColumns, out: Float64Array): void {
    const bar = new BarCursor();
    this.drive(cols.close.length, 1, (i) => (out[i] = this.update(bar.load(cols, i))), (from, to) => this.run(cols, out, from, to));
  }

  private run(cols: OhlcvColumns, out: Float64Array, from: number, to: number): number {
    const { high, low, close, volume } = cols;
    let prevClose = close[from - 1] as number;
    let i = from;
    for (; i < to; i++) {
      const h = high[i] as number;
      const l = low[i] as number;
      const c = close[i] as number;
      const v = volume === undefined ? 0 : (volume[i] as number);
      if (!finite4(h, l, c, v)) break;
      out[i] = trueRangeOf(h, l, prevClose);
      prevClose = c;
    }
    if (i === from) return i;
    this.n += i - from;
    this.close = prevClose;
    this.prevClose = close[i - 2] as number;
    this.value = out[i - 1] as number;
    return i;
  }
}

export function trueRangeBatch(cols: OhlcvColumns): Float64Array {
  const out = new Float64Array(cols.close.length);
  new TrueRange().fold(cols, out);
  return out;
}
