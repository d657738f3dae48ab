import type { Random } from '#core/random';
import { paramsAt, sizeOf, type Dimension, type SearchSpace } from '../search-space.ts';
import { parzen } from './parzen.ts';
import { trialRandom, type Proposal, type Sampler, type ScoredTrial } from './sampler.ts';

export interface TpeOptions {
  readonly total: number;
  readonly seed: number;
  /** Trials proposed together from the same history: the parallelism TPE allows without losing determinism. */
  readonly batchSize?: number;
  /** Trials drawn at random before the model is used (default 6 % of the study, at least 10 and one batch). */
  readonly startup?: number;
  /** Candidates drawn from l(x) per dimension; the one with the best l/g wins. */
  readonly candidates?: number;
  /** Share of the history counted as good, at most 25 trials (default 0.1, as Optuna). */
  readonly gamma?: number;
}

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011), univariate as in Hyperopt and Optuna's default:
 * the finished trials are split into the best γ share (good) and the rest (bad); each dimension gets a
 * Parzen estimator l(x) of the good values and g(x) of the bad; candidates are drawn from l and the one
 * maximising l(x)/g(x), the expected improvement, is proposed. Failed trials count as bad.
 */
export function tpeSampler(space: SearchSpace, options: TpeOptions): Sampler {
  const batchSize = options.batchSize ?? 8;
  const startup = Math.min(options.total, options.startup ?? Math.max(10, batchSize, Math.ceil(0.06 * options.total)));
  const candidates = options.candidates ?? 24;
  const gamma = options.gamma ?? 0.1;

  const random = (rng: Random): number[] => space.dimensions.map((d) => rng.int(0, sizeOf(d) - 1));
  // Every trial of a batch shares one history, so the estimators are built once per batch.
  const models = new WeakMap<readonly ScoredTrial[], Estimators[] | null>();
  const modelOf = (history: readonly ScoredTrial[]): Estimators[] | null => {
    let m = models.get(history);
    if (m === undefined) {
      const ranked = [...history].sort(byScore);
      const nGood = Math.min(25, Math.ceil(gamma * ranked.length));
      m = nGood === 0 || nGood >= ranked.length ? null : estimators(space.dimensions, ranked.slice(0, nGood), ranked.slice(nGood));
      models.set(history, m);
    }
    return m;
  };

  return {
    kind: 'tpe',
    total: options.total,
    batchSize,
    propose(trialId, history): Proposal {
      const rng = trialRandom(options.seed, trialId);
      const m = trialId < startup ? null : modelOf(history);
      const indices = m === null ? random(rng) : choose(m, candidates, rng);
      return { indices, params: paramsAt(space, indices) };
    },
  };
}

/** Best first; no score is the worst; ties go to the earlier trial. */
function byScore(a: ScoredTrial, b: ScoredTrial): number {
  const sa = a.score ?? Number.NEGATIVE_INFINITY;
  const sb = b.score ?? Number.NEGATIVE_INFINITY;
  return sa === sb ? a.trialId - b.trialId : sb - sa;
}

interface Estimator {
  logMass(i: number): number;
  sample(rng: Random): number;
}

/** l (good) and g (bad) per dimension; null for a dimension with one value. */
type Estimators = readonly [Estimator, Estimator] | null;

function estimators(dims: readonly Dimension[], good: readonly ScoredTrial[], bad: readonly ScoredTrial[]): Estimators[] {
  return dims.map((dim, d) => {
    const size = sizeOf(dim);
    if (size === 1) return null;
    const g = good.map((t) => t.indices[d]!);
    const b = bad.map((t) => t.indices[d]!);
    return dim.kind === 'numeric' ? [parzen(g, size), parzen(b, size)] : [categorical(g, size), categorical(b, size)];
  });
}

function choose(model: readonly Estimators[], candidates: number, rng: Random): number[] {
  return model.map((e) => {
    if (e === null) return 0;
    const [l, g] = e;
    let best = 0;
    let bestRatio = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < candidates; c++) {
      const x = l.sample(rng);
      const ratio = l.logMass(x) - g.logMass(x);
      if (ratio > bestRatio) {
        best = x;
        bestRatio = ratio;
      }
    }
    return best;
  });
}

/** Counts with one pseudo-observation per option, so an option never seen keeps a chance. */
function categorical(observations: readonly number[], size: number): Estimator {
  const weights = new Array<number>(size).fill(1);
  for (const o of observations) weights[o]! += 1;
  const total = observations.length + size;
  return {
    logMass: (i: number) => Math.log(weights[i]! / total),
    sample(rng: Random): number {
      let u = rng.next() * total;
      for (let i = 0; i < size; i++) {
        u -= weights[i]!;
        if (u < 0) return i;
      }
      return size - 1;
    },
  };
}
