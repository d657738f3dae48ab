import { averageRank } from './pbo.ts';

export interface RankedTrial {
  readonly trialId: number;
  readonly inSample: number;
  readonly outOfSample: number;
}

export interface OosRanking {
  /** The trials best out-of-sample first (ties by trial id). */
  readonly byOutOfSample: readonly RankedTrial[];
  /** Spearman rank correlation between in- and out-of-sample scores; null under three trials or no spread. */
  readonly spearman: number | null;
  /** Where the in-sample winner ranks out-of-sample: 1 is the best. */
  readonly oosRankOfInSampleBest: number;
}

/**
 * Out-of-sample ranking of the trials that were scored on both folds. A selection that holds up keeps its
 * order (Spearman near 1, in-sample best near the top out-of-sample); an overfitted one scatters.
 */
export function rankOutOfSample(trials: readonly RankedTrial[]): OosRanking {
  if (trials.length === 0) throw new RangeError('no trial was scored out of sample');
  const byOutOfSample = [...trials].sort((a, b) => b.outOfSample - a.outOfSample || a.trialId - b.trialId);
  const isBest = [...trials].sort((a, b) => b.inSample - a.inSample || a.trialId - b.trialId)[0]!;
  return {
    byOutOfSample,
    spearman: spearman(
      trials.map((t) => t.inSample),
      trials.map((t) => t.outOfSample),
    ),
    oosRankOfInSampleBest: byOutOfSample.findIndex((t) => t.trialId === isBest.trialId) + 1,
  };
}

/** Pearson correlation of the average ranks. */
export function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3 || ys.length !== n) return null;
  const rx = xs.map((_, i) => averageRank(xs, i));
  const ry = ys.map((_, i) => averageRank(ys, i));
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i]! - mean;
    const dy = ry[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
