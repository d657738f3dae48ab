import { createRandom, type Random } from '#core/random';
import type { Params } from '../search-space.ts';

/** A finished in-sample trial as a sampler sees it; a failed trial has no score and counts as the worst. */
export interface ScoredTrial {
  readonly trialId: number;
  /** Index of each dimension's value, in the space's dimension order. */
  readonly indices: readonly number[];
  readonly score: number | null;
}

export interface Proposal {
  readonly indices: readonly number[];
  readonly params: Params;
}

/**
 * Proposes trials in batches. Trial t of batch b is a function of the seed, t and the trials of the batches
 * before b only, so a study proposes the same trials whatever the number of workers and whatever order
 * results come back in. Grid and random search are one batch.
 */
export interface Sampler {
  readonly kind: 'grid' | 'random' | 'tpe';
  /** Trials in the whole study. */
  readonly total: number;
  readonly batchSize: number;
  /** `history`: every trial with an id below the batch's first id, in id order. */
  propose(trialId: number, history: readonly ScoredTrial[]): Proposal;
}

/** A random source of its own for each trial: splitmix32 of the study seed and the trial id. */
export function trialRandom(seed: number, trialId: number): Random {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(trialId + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return createRandom((z ^ (z >>> 16)) >>> 0);
}
