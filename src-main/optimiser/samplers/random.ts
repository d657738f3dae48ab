import { paramsAt, sizeOf, type SearchSpace } from '../search-space.ts';
import { trialRandom, type Sampler } from './sampler.ts';

/** Uniform over each dimension's values, trial t drawn from its own seeded source. */
export function randomSampler(space: SearchSpace, total: number, seed: number): Sampler {
  return {
    kind: 'random',
    total,
    batchSize: total,
    propose(trialId) {
      const rng = trialRandom(seed, trialId);
      const indices = space.dimensions.map((d) => rng.int(0, sizeOf(d) - 1));
      return { indices, params: paramsAt(space, indices) };
    },
  };
}
