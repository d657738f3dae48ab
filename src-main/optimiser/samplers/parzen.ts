import type { Random } from '#core/random';
import { normCdf } from '#options/normal';

/**
 * A Parzen estimator over the index line 0..size−1 of a numeric dimension, as in TPE (Bergstra et al.,
 * "Algorithms for Hyper-Parameter Optimization", NeurIPS 2011): one Gaussian per observation plus a wide
 * prior at the centre, each truncated to [−½, size−½]; an observation's width is the larger gap to its
 * neighbours (the range ends count as neighbours), clipped to [range / min(100, n + 1), range].
 * Values are discrete, so it gives each index the mass of its unit bin.
 */
export interface Parzen {
  /** Log of the probability mass of index i. */
  logMass(i: number): number;
  /** An index drawn from the mixture. */
  sample(rng: Random): number;
}

export function parzen(observations: readonly number[], size: number): Parzen {
  const lo = -0.5;
  const hi = size - 0.5;
  const range = hi - lo;
  const sorted = [...observations].sort((a, b) => a - b);
  const n = sorted.length;
  const minSigma = range / Math.min(100, n + 1);
  const mus: number[] = [];
  const sigmas: number[] = [];
  for (let k = 0; k < n; k++) {
    const left = sorted[k]! - (k === 0 ? lo : sorted[k - 1]!);
    const right = (k === n - 1 ? hi : sorted[k + 1]!) - sorted[k]!;
    mus.push(sorted[k]!);
    sigmas.push(Math.min(range, Math.max(minSigma, left, right)));
  }
  mus.push((lo + hi) / 2);
  sigmas.push(range);
  const m = mus.length;
  const norms = mus.map((mu, k) => normCdf((hi - mu) / sigmas[k]!) - normCdf((lo - mu) / sigmas[k]!));

  // The mass of every index at once: one CDF per bin edge and component, reused by every candidate.
  const logMasses = new Float64Array(size);
  for (let k = 0; k < m; k++) {
    const s = sigmas[k]!;
    let below = normCdf((lo - mus[k]!) / s);
    for (let i = 0; i < size; i++) {
      const above = normCdf((i + 0.5 - mus[k]!) / s);
      logMasses[i]! += (above - below) / norms[k]!;
      below = above;
    }
  }
  // Far in a tail every bin's mass underflows to 0; the floor keeps log-ratios finite and ordered.
  for (let i = 0; i < size; i++) logMasses[i] = Math.log(Math.max(logMasses[i]! / m, 1e-300));

  return {
    logMass: (i) => logMasses[i]!,
    sample(rng) {
      const k = Math.min(m - 1, Math.floor(rng.next() * m));
      for (let tries = 0; tries < 100; tries++) {
        const x = mus[k]! + sigmas[k]! * rng.normal();
        if (x >= lo && x < hi) return Math.min(size - 1, Math.max(0, Math.round(x)));
      }
      return rng.int(0, size - 1);
    },
  };
}
