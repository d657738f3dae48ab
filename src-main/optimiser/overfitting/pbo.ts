/**
 * Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein,
 * López de Prado & Zhu, "The Probability of Backtest Overfitting", J. Computational Finance 2017).
 *
 * The T × N matrix of per-period returns (N trials) is cut into S contiguous blocks of rows. For each of
 * the C(S, S/2) ways to pick half the blocks as in-sample, the trial that is best in-sample is ranked
 * out-of-sample among all N: ω = rank / (N + 1) (rank 1 the worst, ties averaged), λ = ln(ω / (1 − ω)).
 * PBO is the share of splits with λ ≤ 0: the in-sample winner lands at or below the out-of-sample median.
 */
export type PerformanceMeasure = 'sharpe' | 'mean';

export interface PboResult {
  readonly pbo: number;
  /** λ of each split, in the order the splits are enumerated (lexicographic block sets). */
  readonly logits: readonly number[];
  readonly splits: number;
}

export interface PboOptions {
  /** Even number of blocks, 2..16 (C(16, 8) = 12,870 splits). */
  readonly blocks: number;
  readonly measure?: PerformanceMeasure;
}

/** `returns[n][t]`: trial n's return in period t; every trial has the same periods. */
export function probabilityOfOverfitting(returns: readonly (readonly number[])[], options: PboOptions): PboResult {
  const { blocks: s } = options;
  const measure = options.measure ?? 'sharpe';
  const n = returns.length;
  if (n < 2) throw new RangeError(`PBO needs at least two trials, got ${n}`);
  const t = returns[0]!.length;
  if (returns.some((r) => r.length !== t)) throw new RangeError('every trial must have returns for the same periods');
  if (!Number.isInteger(s) || s < 2 || s > 16 || s % 2 !== 0) throw new RangeError(`blocks must be an even number 2..16, got ${s}`);
  if (t < s) throw new RangeError(`${t} periods are too few for ${s} blocks`);

  const bounds = Array.from({ length: s + 1 }, (_, g) => Math.floor((g * t) / s));
  // Per trial and block: count, sum and sum of squares, so a split costs S additions per trial, not T.
  const stats = returns.map((r) =>
    Array.from({ length: s }, (_, g) => {
      let sum = 0;
      let sq = 0;
      for (let row = bounds[g]!; row < bounds[g + 1]!; row++) {
        sum += r[row]!;
        sq += r[row]! * r[row]!;
      }
      return { n: bounds[g + 1]! - bounds[g]!, sum, sq };
    }),
  );
  const logits: number[] = [];
  for (const inSample of halves(s)) {
    const outOfSample = complement(inSample, s);
    const isPerf = stats.map((b) => perf(b, inSample, measure));
    const oosPerf = stats.map((b) => perf(b, outOfSample, measure));
    let best = 0;
    for (let i = 1; i < n; i++) if (isPerf[i]! > isPerf[best]!) best = i;
    const omega = averageRank(oosPerf, best) / (n + 1);
    logits.push(Math.log(omega / (1 - omega)));
  }
  return { pbo: logits.filter((l) => l <= 0).length / logits.length, logits, splits: logits.length };
}

/** Every set of s/2 block indices out of s, in lexicographic order. */
function halves(s: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, chosen: number[]): void => {
    if (chosen.length === s / 2) {
      out.push([...chosen]);
      return;
    }
    for (let g = start; g < s; g++) pick(g + 1, [...chosen, g]);
  };
  pick(0, []);
  return out;
}

const complement = (set: readonly number[], s: number): number[] => Array.from({ length: s }, (_, g) => g).filter((g) => !set.includes(g));

interface BlockStats {
  readonly n: number;
  readonly sum: number;
  readonly sq: number;
}

function perf(blocks: readonly BlockStats[], groups: readonly number[], measure: PerformanceMeasure): number {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (const g of groups) {
    n += blocks[g]!.n;
    sum += blocks[g]!.sum;
    sq += blocks[g]!.sq;
  }
  const mean = sum / n;
  if (measure === 'mean') return mean;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (sq - sum * mean) / (n - 1))) : 0;
  // No variance: the sign of the mean is all there is to rank by.
  return sd > 1e-15 ? mean / sd : mean === 0 ? 0 : Math.sign(mean) * Number.MAX_VALUE;
}

/** 1-based rank of xs[i] among xs ascending, ties given their average rank. */
export function averageRank(xs: readonly number[], i: number): number {
  const v = xs[i]!;
  let below = 0;
  let equal = 0;
  for (const x of xs) {
    if (x < v) below++;
    else if (x === v) equal++;
  }
  return below + (equal + 1) / 2;
}
