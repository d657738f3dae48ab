import { describe, expect, it } from 'vitest';
import { describeParams } from '#bots/contract/params';
import { parseRangeOverride, searchSpaceOf, type Params, type SearchSpace } from '../search-space.ts';
import { PLANTED_OPTIMUM, plantedParams, plantedScore } from '../synthetic/planted.ts';
import { gridSampler } from './grid.ts';
import { randomSampler } from './random.ts';
import type { Sampler, ScoredTrial } from './sampler.ts';
import { tpeSampler } from './tpe.ts';

const specs = describeParams(plantedParams);
const full = (): SearchSpace => {
  const s = searchSpaceOf(specs);
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
};

/** Runs a sampler batch by batch against the planted score, as the study runner does. */
function search(sampler: Sampler): { best: ScoredTrial & { params: Params }; all: (ScoredTrial & { params: Params })[] } {
  const all: (ScoredTrial & { params: Params })[] = [];
  for (let start = 0; start < sampler.total; start += sampler.batchSize) {
    const history = all.slice(0, start);
    const end = Math.min(sampler.total, start + sampler.batchSize);
    for (let t = start; t < end; t++) {
      const p = sampler.propose(t, history);
      all.push({ trialId: t, indices: p.indices, params: p.params, score: plantedScore(p.params) });
    }
  }
  const best = [...all].sort((a, b) => b.score! - a.score! || a.trialId - b.trialId)[0]!;
  return { best, all };
}

describe('search space from the bot schema', () => {
  it('reads ranges, steps, whole numbers, choices, booleans and times from param.* metadata', () => {
    const space = full();
    expect(space.dimensions.map((d) => d.key)).toEqual(['entryZ', 'lookback', 'mode', 'hedge', 'entryAt']);
    expect(space.dimensions.map((d) => (d.kind === 'numeric' ? d.count : d.options.length))).toEqual([61, 56, 3, 2, 24]);
  });

  it('narrows by override and refuses ranges outside the schema', () => {
    const o = (t: string) => {
      const r = parseRangeOverride(t);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const s = searchSpaceOf(specs, [o('entryZ=0:1:0.25'), o('entryAt=10:00-11:00:30'), o('mode=fade,follow')]);
    expect(s.ok && s.value.dimensions.map((d) => (d.kind === 'numeric' ? d.count : d.options))).toEqual([5, 3, ['fade', 'follow']]);
    expect(searchSpaceOf(specs, [o('entryZ=0:9')])).toMatchObject({ ok: false, error: { message: 'entryZ: 0..9 leaves the allowed -3..3' } });
    expect(searchSpaceOf(specs, [o('nope')])).toMatchObject({ ok: false, error: { message: expect.stringContaining('no parameter "nope"') } });
    expect(searchSpaceOf(specs, [o('mode=sideways')]).ok).toBe(false);
    expect(parseRangeOverride('entryZ=a:b').ok).toBe(false);
  });
});

describe('grid', () => {
  it('visits every point once and finds the planted optimum exactly', () => {
    const r = searchSpaceOf(specs, [
      { key: 'entryZ', min: 0, max: 2, step: 0.1 },
      { key: 'lookback', min: 30, max: 40 },
      { key: 'mode' },
      { key: 'hedge' },
      { key: 'entryAt', min: '10:00', max: '11:30' },
    ]);
    if (!r.ok) throw new Error(r.error.message);
    const sampler = gridSampler(r.value);
    expect(sampler.total).toBe(21 * 11 * 3 * 2 * 7);
    const { best, all } = search(sampler);
    expect(new Set(all.map((t) => JSON.stringify(t.params))).size).toBe(sampler.total);
    expect(best.params).toEqual(PLANTED_OPTIMUM);
    expect(best.score).toBe(2);
  });
});

describe('random', () => {
  it('gives each trial the same parameters whatever order trials are asked in', () => {
    const a = randomSampler(full(), 50, 7);
    const forward = Array.from({ length: 50 }, (_, t) => a.propose(t, []).params);
    const backward = Array.from({ length: 50 }, (_, t) => randomSampler(full(), 50, 7).propose(49 - t, []).params).reverse();
    expect(backward).toEqual(forward);
    expect(randomSampler(full(), 50, 8).propose(0, []).params).not.toEqual(forward[0]);
  });
});

describe('TPE', () => {
  it('finds the planted optimum of a 491,904-point space in 500 trials, better than random search with the same budget', () => {
    const seeds = [1, 2, 3, 4, 5];
    const tpe = seeds.map((seed) => search(tpeSampler(full(), { total: 500, seed, batchSize: 8 })).best);
    const rnd = seeds.map((seed) => search(randomSampler(full(), 500, seed)).best.score!);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(tpe.filter((t) => t.score! > 1.97).length).toBeGreaterThanOrEqual(4);
    expect(tpe.some((t) => t.score === 2)).toBe(true);
    expect(mean(tpe.map((t) => t.score!))).toBeGreaterThan(mean(rnd));
  });

  it('proposes from the history of earlier batches only: the same seed gives the same study', () => {
    const a = search(tpeSampler(full(), { total: 40, seed: 3, batchSize: 4 })).all.map((t) => t.params);
    const b = search(tpeSampler(full(), { total: 40, seed: 3, batchSize: 4 })).all.map((t) => t.params);
    expect(b).toEqual(a);
  });

  it('counts a failed trial as bad', () => {
    const space = full();
    const sampler = tpeSampler(space, { total: 40, seed: 1, startup: 4, batchSize: 4 });
    const history: ScoredTrial[] = Array.from({ length: 20 }, (_, t) => {
      const p = randomSampler(space, 20, 99).propose(t, []);
      return { trialId: t, indices: p.indices, score: p.params.mode === 'breakout' ? null : plantedScore(p.params) };
    });
    const proposals = Array.from({ length: 20 }, (_, i) => sampler.propose(20 + i, history).params.mode);
    expect(proposals.filter((m) => m === 'breakout').length).toBeLessThan(5);
  });
});
