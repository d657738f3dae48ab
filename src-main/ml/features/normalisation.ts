import { z } from 'zod';

/**
 * Per-column z-score, fitted on training samples only and stored in the model's manifest. A missing
 * value (NaN, only in a feature set's optional columns) becomes the column's mean, i.e. 0 after
 * scaling; a column never seen in training is `absent` and always reads 0, whatever inference passes.
 */
export const normSchema = z.object({
  mean: z.array(z.number()),
  std: z.array(z.number().positive()),
  absent: z.array(z.number().int().min(0)).default([]),
});
export type Norm = z.infer<typeof normSchema>;

/** Below this a column is treated as constant: it is centred, not scaled up. */
const MIN_STD = 1e-6;

/** Fits mean and σ of each of `columns` interleaved columns of `x` (flat, row-major), skipping NaN. */
export function fitNorm(x: Float32Array, columns: number): Norm {
  if (x.length === 0 || x.length % columns !== 0) throw new RangeError(`cannot fit a normalisation on ${x.length} values of ${columns} columns`);
  const sum = new Array<number>(columns).fill(0);
  const count = new Array<number>(columns).fill(0);
  const sq = new Array<number>(columns).fill(0);
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]!)) continue;
    sum[i % columns]! += x[i]!;
    count[i % columns]!++;
  }
  const mean = sum.map((s, k) => (count[k]! > 0 ? s / count[k]! : 0));
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]!)) continue;
    const d = x[i]! - mean[i % columns]!;
    sq[i % columns]! += d * d;
  }
  const absent = count.flatMap((c, k) => (c === 0 ? [k] : []));
  return { mean, std: sq.map((s, k) => (count[k]! > 0 ? Math.max(MIN_STD, Math.sqrt(s / count[k]!)) : 1)), absent };
}

/** Normalises `x[from, to)` in place; `from` is the start of a sample. */
export function applyNorm(norm: Norm, x: Float32Array, from = 0, to = x.length): void {
  const k = norm.mean.length;
  for (let i = from; i < to; i++) {
    const c = (i - from) % k;
    const v = x[i]!;
    x[i] = Number.isNaN(v) || norm.absent.includes(c) ? 0 : (v - norm.mean[c]!) / norm.std[c]!;
  }
}
