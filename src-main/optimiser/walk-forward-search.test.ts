import { describe, expect, it } from 'vitest';
import { err, ok } from '#core/result';
import { describeParams } from '#bots/contract/params';
import type { BacktestResult } from '#backtest/types';
import type { OptimiseInput, Params } from '#backtest/walk-forward';
import type { Params as Proposed } from './search-space.ts';
import { PLANTED_OPTIMUM, plantedParams, plantedScore } from './synthetic/planted.ts';
import { samplerSearch } from './walk-forward-search.ts';

/** Walk-forward's input with a stand-in backtest whose Sharpe is the planted score; mode "breakout" is refused. */
function input(calls: Params[]): OptimiseInput {
  return {
    botId: 'synthetic',
    specs: describeParams(plantedParams),
    base: { untouched: 1 },
    async evaluate(params) {
      calls.push(params);
      if (params.mode === 'breakout') return err({ kind: 'invalid-request', message: 'refused' });
      return ok({ portfolio: { metrics: { sharpe: plantedScore(params as Proposed) } } } as unknown as BacktestResult);
    },
    score: (r) => r.portfolio.metrics.sharpe,
  };
}

describe('samplerSearch for walk-forward', () => {
  it('TPE finds the planted optimum through walk-forward’s evaluate, keeping the base parameters', async () => {
    const calls: Params[] = [];
    const r = await samplerSearch({ sampler: 'tpe', trials: 500, seed: 3 })(input(calls));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.params).toEqual({ untouched: 1, ...PLANTED_OPTIMUM });
    expect(calls).toHaveLength(500);
  });

  it('the same seed chooses the same; a refused set is skipped, not fatal', async () => {
    const a: Params[] = [];
    const b: Params[] = [];
    const ra = await samplerSearch({ sampler: 'random', trials: 40, seed: 4 })(input(a));
    const rb = await samplerSearch({ sampler: 'random', trials: 40, seed: 4 })(input(b));
    expect(ra.ok && rb.ok && ra.value.params).toEqual(rb.ok && rb.value.params);
    expect(b).toEqual(a);
    expect(a.some((p) => p.mode === 'breakout')).toBe(true);
  });

  it('an unknown parameter in the space is a clear error', async () => {
    const r = await samplerSearch({ sampler: 'grid', trials: 1, seed: 1, space: [{ key: 'nope' }] })(input([]));
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request', message: expect.stringContaining('no parameter "nope"') } });
  });
});
