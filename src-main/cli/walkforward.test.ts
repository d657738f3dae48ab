import { describe, expect, it } from 'vitest';
import { expectOneLine, runCli } from '#core/cli-test-support';

const RANGE = ['--bot', 'short-straddle', '--from', '2026-11-02', '--to', '2026-11-03'];

describe('npm run walkforward --sampler', () => {
  it('searches each in-sample window with the optimiser’s sampler over the --param ranges', async () => {
    const run = await runCli('src-main/cli/walkforward.ts', [...RANGE, '--in-sample', '1', '--out-of-sample', '1', '--sampler', 'grid', '--param', 'targetPct=35:35', '--json']);
    expect(run.code).toBe(0);
    const w = JSON.parse(run.stdout) as { folds: { params: Record<string, unknown> }[]; stability: { key: string; values: unknown[] }[] };
    expect(w.folds).toHaveLength(1);
    // 35 is not the bot's default (25): only the sampler's one-point grid can have chosen it.
    expect(w.folds[0]?.params['targetPct']).toBe(35);
    expect(w.stability).toEqual([expect.objectContaining({ key: 'targetPct', values: [35] })]);
  }, 120_000);

  it('refuses sampler options that do not fit, in one line with exit 2, before any backtest', async () => {
    const cases: [string[], RegExp][] = [
      [['--param', 'targetPct=15:35:10'], /^walkforward: --param needs --sampler — /],
      [['--trials', '5'], /^walkforward: --trials needs --sampler — /],
      [['--sampler', 'annealing'], /^walkforward: --sampler must be one of grid, random, tpe, got annealing — /],
      [['--sampler', 'tpe', '--grid', 'targetPct=15,25'], /^walkforward: --grid lists values for the default search; with --sampler give ranges with --param — /],
      [['--sampler', 'random', '--param', 'nope=1:2'], /^walkforward: --param no parameter "nope"; the parameters are /],
      [['--sampler', 'random', '--trials', '0'], /^walkforward: --trials must be a whole number 1\.\.100000, got 0 — /],
      [['--sampler', 'grid'], /^walkforward: the grid has .* points \(at most 100,000\)/],
    ];
    for (const [args, pattern] of cases) {
      const r = await runCli('src-main/cli/walkforward.ts', [...RANGE, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expectOneLine(r.stderr, pattern);
    }
  }, 60_000);
});
