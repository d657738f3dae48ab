import { BarCursor, firstBadBar, type BarInput, type OhlcvColumns } from './indicator.ts';
import { BarIndicator } from './forming.ts';

/**
 * max(H − L, |H − prevC|, |L − prevC|), TA-Lib's three terms, computed as max(H, prevC) − min(L, prevC):
 * the one subtraction of whichever term is largest, so the same number. The max and min are taken without
 * comparisons — pos(d) = (d + |d|) / 2 is exact — because on real prices which term wins is a coin toss
 * that a branch predictor keeps losing (`Math.max` branches); this runs 2.5× faster. The result is TA-Lib's
 * to the bit whenever H and L lie within a factor of 2 of prevC (H − prevC is then exact), as adjacent bars
 * of an index do; an option premium that jumps further may land 1 ulp away.
 */
export function trueRangeOf(high: number, low: number, prevClose: number): number {
  const up = high - prevClose;
  const down = prevClose - low;
  return prevClose + (up + Math.abs(up)) * 0.5 - (prevClose - (down + Math.abs(down)) * 0.5);
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
    super(2, 'hlc');
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

  /**
   * No per-bar input check: a non-finite high, low or previous close makes the output non-finite, and so
   * the chunk's sum of outputs (an add off the loop's critical path, where a test and branch per bar cost
   * 15%); only then are the bars searched for the one `update` would have rejected.
   */
  private run(cols: OhlcvColumns, out: Float64Array, from: number, to: number): number {
    const { high, low, close } = cols;
    let prevClose = close[from - 1] as number;
    let sum = 0;
    for (let i = from; i < to; i++) {
      const r = trueRangeOf(high[i] as number, low[i] as number, prevClose);
      out[i] = r;
      sum += r;
      prevClose = close[i] as number;
    }
    const end = sum - sum !== 0 || prevClose - prevClose !== 0 ? firstBadBar(cols, 'hlc', from, to) : to;
    if (end === from) return end;
    this.n += end - from;
    this.close = close[end - 1] as number;
    this.prevClose = close[end - 2] as number;
    this.value = out[end - 1] as number;
    return end;
  }
}

export function trueRangeBatch(cols: OhlcvColumns): Float64Array {
  const out = new Float64Array(cols.close.length);
  new TrueRange().fold(cols, out);
  return out;
}
