import { err, ok } from '#core/result';
import type { BacktestResult } from '#backtest/types';
import type { Optimise, Params } from '#backtest/walk-forward';
import type { ScoredTrial } from './samplers/sampler.ts';
import { searchSpaceOf, type RangeOverride } from './search-space.ts';
import { samplerFor } from './study.ts';
import { studySpecSchema, type SamplerName } from './study-spec.ts';

export interface SearchOptions {
  readonly sampler: SamplerName;
  /** Trials per in-sample window for random and tpe. */
  readonly trials: number;
  readonly seed: number;
  readonly batchSize?: number;
  readonly space?: readonly RangeOverride[];
}

/**
 * The optimiser's searches as walk-forward's `optimise` argument: in each in-sample window the sampler
 * proposes parameter sets from the bot's schema and walk-forward's own `evaluate` backtests them, in this
 * process and in trial order, so a fold's choice depends only on the seed and the data. The best score
 * wins (the earlier trial of equals); a set the bot refuses counts as unscored.
 */
export function samplerSearch(o: SearchOptions): Optimise {
  return async (input) => {
    const space = searchSpaceOf(input.specs, o.space);
    if (!space.ok) return err({ kind: 'invalid-request', message: space.error.message });
    const spec = studySpecSchema.parse({ objective: { kind: 'synthetic' }, sampler: o.sampler, trials: o.trials, seed: o.seed, batchSize: o.batchSize ?? 8 });
    const sampler = samplerFor(spec, space.value);
    if (!sampler.ok) return err({ kind: 'invalid-request', message: sampler.error.message });
    const s = sampler.value;
    const done: ScoredTrial[] = [];
    let best: { params: Params; result: BacktestResult; score: number | null } | undefined;
    for (let start = 0; start < s.total; start += s.batchSize) {
      const history = [...done];
      for (let t = start; t < Math.min(s.total, start + s.batchSize); t++) {
        if (input.signal?.aborted) return err({ kind: 'aborted', message: 'the search was stopped on request' });
        const p = s.propose(t, history);
        const params = { ...input.base, ...p.params };
        const r = await input.evaluate(params);
        if (!r.ok && r.error.kind !== 'invalid-request') return r;
        const score = r.ok ? input.score(r.value) : null;
        done.push({ trialId: t, indices: p.indices, score });
        if (r.ok && (!best || (score !== null && (best.score === null || score > best.score)))) best = { params, result: r.value, score };
      }
    }
    return best ? ok({ params: best.params, result: best.result }) : err({ kind: 'invalid-request', message: 'no proposed parameter set is valid for the bot' });
  };
}
