import type { Bar } from '#model/bar';

/** Closed bars of one instrument and timeframe as columns, oldest first: what features and labels read. */
export interface BarColumns {
  readonly length: number;
  readonly tsStart: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export function toColumns(bars: readonly Bar[]): BarColumns {
  const n = bars.length;
  const c = { length: n, tsStart: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  bars.forEach((b, i) => {
    c.tsStart[i] = b.tsStart;
    c.open[i] = b.open;
    c.high[i] = b.high;
    c.low[i] = b.low;
    c.close[i] = b.close;
    c.volume[i] = b.volume;
  });
  return c;
}

/** Bars [start, end) as views on the same memory (no copy). */
export function sliceColumns(c: BarColumns, start: number, end: number): BarColumns {
  if (start < 0 || end > c.length || start > end) throw new RangeError(`bars [${start}, ${end}) outside 0..${c.length}`);
  return {
    length: end - start,
    tsStart: c.tsStart.subarray(start, end),
    open: c.open.subarray(start, end),
    high: c.high.subarray(start, end),
    low: c.low.subarray(start, end),
    close: c.close.subarray(start, end),
    volume: c.volume.subarray(start, end),
  };
}
