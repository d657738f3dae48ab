import type { BarColumns } from '../features/series.ts';

/** One instrument's closed bars on the models' timeframe, with India VIX's bars when the data has them. */
export interface SeriesInput {
  readonly instrumentId: string;
  readonly bars: BarColumns;
  readonly vix?: BarColumns;
}

export interface TrainingInput {
  readonly timeframe: '5m';
  readonly series: readonly SeriesInput[];
  /** Where the bars came from, for the manifest: `simulator seed 20261124`, `history NSE_INDEX:NIFTY`. */
  readonly source: string;
}

/** Samples of one model: raw features, when each was known and when its label was, and raw labels. */
export interface KindDataset {
  readonly n: number;
  readonly sampleSize: number;
  readonly x: Float32Array;
  /** Start of the bar the features describe. */
  readonly ts: Float64Array;
  /** Start of the last bar the label reads. */
  readonly labelEnd: Float64Array;
  /** Raw labels, `labelWidth` per sample. */
  readonly labels: Float32Array;
  readonly labelWidth: number;
}

/** Grows a dataset sample by sample. */
export class DatasetBuilder {
  private readonly x: number[] = [];
  private readonly ts: number[] = [];
  private readonly end: number[] = [];
  private readonly labels: number[] = [];
  readonly scratch: Float32Array;
  readonly sampleSize: number;
  readonly labelWidth: number;

  constructor(sampleSize: number, labelWidth: number) {
    this.sampleSize = sampleSize;
    this.labelWidth = labelWidth;
    this.scratch = new Float32Array(sampleSize);
  }

  /** Adds the sample in `scratch`. */
  push(ts: number, labelEnd: number, labels: readonly number[]): void {
    for (let i = 0; i < this.sampleSize; i++) this.x.push(this.scratch[i]!);
    this.ts.push(ts);
    this.end.push(labelEnd);
    this.labels.push(...labels);
  }

  build(): KindDataset {
    return {
      n: this.ts.length,
      sampleSize: this.sampleSize,
      x: Float32Array.from(this.x),
      ts: Float64Array.from(this.ts),
      labelEnd: Float64Array.from(this.end),
      labels: Float32Array.from(this.labels),
      labelWidth: this.labelWidth,
    };
  }
}

export interface TimeSplit {
  readonly train: number[];
  readonly test: number[];
  /** First instant of the test window; training labels end before `testStart − embargoMs`. */
  readonly testStart: number;
  readonly embargoMs: number;
}

/**
 * Train on the past, test on the future: the last `testFraction` of the samples (by time) are the test
 * window; a training sample is kept only if its label ended `embargoMs` before the test window starts
 * (purging plus embargo, López de Prado), so no training label overlaps a test bar.
 */
export function timeSplit(d: KindDataset, testFraction: number, embargoMs: number): TimeSplit {
  if (d.n === 0) throw new RangeError('no samples to split');
  const sorted = Array.from(d.ts).sort((a, b) => a - b);
  const testStart = sorted[Math.min(d.n - 1, Math.floor(d.n * (1 - testFraction)))]!;
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < d.n; i++) {
    if (d.ts[i]! >= testStart) test.push(i);
    else if (d.labelEnd[i]! < testStart - embargoMs) train.push(i);
  }
  return { train, test, testStart, embargoMs };
}

/** Rows of `src` (width per row) gathered in order. */
export function rows(src: Float32Array, width: number, idx: readonly number[]): Float32Array {
  const out = new Float32Array(idx.length * width);
  idx.forEach((r, i) => out.set(src.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

/** India VIX's last close at or before each bar of `bars` (NaN before the first VIX bar or without VIX). */
export function alignVix(bars: BarColumns, vix: BarColumns | undefined): Float64Array {
  const out = new Float64Array(bars.length).fill(NaN);
  if (!vix) return out;
  let j = -1;
  for (let i = 0; i < bars.length; i++) {
    while (j + 1 < vix.length && vix.tsStart[j + 1]! <= bars.tsStart[i]!) j++;
    if (j >= 0) out[i] = vix.close[j]!;
  }
  return out;
}
