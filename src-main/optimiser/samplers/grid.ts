import { gridSize, paramsAt, sizeOf, type SearchSpace } from '../search-space.ts';
import type { Sampler } from './sampler.ts';

/** Every point of the space once; trial t is the t-th point with the last dimension varying fastest. */
export function gridSampler(space: SearchSpace): Sampler {
  const total = gridSize(space);
  const sizes = space.dimensions.map(sizeOf);
  return {
    kind: 'grid',
    total,
    batchSize: total,
    propose(trialId) {
      const indices = new Array<number>(sizes.length);
      let rest = trialId;
      for (let d = sizes.length - 1; d >= 0; d--) {
        indices[d] = rest % sizes[d]!;
        rest = Math.floor(rest / sizes[d]!);
      }
      return { indices, params: paramsAt(space, indices) };
    },
  };
}
