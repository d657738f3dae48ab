import { sliceColumns, type BarColumns } from './series.ts';

/**
 * One feature definition, used by training and inference alike: the features of the bar at `t` are a
 * function of the `window` closed bars ending at `t` and nothing else. `featuresAt` hands the definition
 * only that slice, so it cannot read a later bar (look-ahead.test.ts proves the whole set).
 */
export interface FeatureSet<A = undefined> {
  /** Name and version, stored in the manifest: `rsi-sequence@1`. */
  readonly id: string;
  /** Closed bars read, ending at the bar the features describe. */
  readonly window: number;
  /** Shape of one sample; the last dimension is `columns`. */
  readonly dims: readonly number[];
  readonly columns: readonly string[];
  /** Columns that may be NaN (an input the data may not have, such as India VIX): imputed by the normalisation. */
  readonly optional?: readonly string[];
  /** Writes one sample at `offset`; false when the window cannot give finite features. */
  fromWindow(w: BarColumns, out: Float32Array, offset: number, arg: A): boolean;
}

export const sampleSize = (f: { readonly dims: readonly number[] }): number => f.dims.reduce((a, b) => a * b, 1);

/** The features of bar `t` of `c`, or false when fewer than `window` bars end at `t` or they are not finite. */
export function featuresAt<A>(set: FeatureSet<A>, c: BarColumns, t: number, out: Float32Array, offset: number, arg: A): boolean {
  if (t < set.window - 1 || t >= c.length) return false;
  if (!set.fromWindow(sliceColumns(c, t - set.window + 1, t + 1), out, offset, arg)) return false;
  const n = sampleSize(set);
  const k = set.columns.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(out[offset + i]!) && !set.optional?.includes(set.columns[i % k]!)) return false;
  }
  return true;
}
