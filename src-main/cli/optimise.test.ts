import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '#core/cli-test-support';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'optimise-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run optimise', () => {
  it('searches the synthetic bot, stores the study, and running the same command again resumes it with nothing left to do', async () => {
    const args = ['--bot', 'synthetic', '--sampler', 'grid', '--param', 'entryZ=1:1.6:0.1', '--param', 'lookback=36:38', '--param', 'mode', '--threads', '1', '--oos-top', '3', '--data-dir', dir, '--json'];
    const first = await runCli('src-main/cli/optimise.ts', args, { timeoutMs: 60_000 });
    expect(first.stderr).toContain('(100 %)');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout.slice(first.stdout.indexOf('{'))) as { studyId: string; trials: number; best: { params: Record<string, unknown> } };
    expect(summary.trials).toBe(7 * 3 * 3);
    expect(summary.best.params).toEqual({ entryZ: 1.3, lookback: 37, mode: 'follow' });

    const again = await runCli('src-main/cli/optimise.ts', args, { timeoutMs: 60_000 });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`${7 * 3 * 3 + 3}/${7 * 3 * 3 + 3} (100 %)`);
    expect(again.stderr).toContain('estimating time left');

    const list = await runCli('src-main/cli/optimise.ts', ['--list', '--data-dir', dir]);
    expect(list.stdout).toContain(`${summary.studyId}: grid, ${7 * 3 * 3 + 3} results`);
    const show = await runCli('src-main/cli/optimise.ts', ['--show', summary.studyId, '--data-dir', dir]);
    expect(show.stdout).toMatch(/deflated Sharpe ratio \d\.\d{3}/);
    expect(show.stdout).toMatch(/probability of backtest overfitting \d\.\d{2}/);
  }, 120_000);

  it('bad arguments are one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--bot', 'nope'], /^optimise: unknown bot nope — one of short-straddle/],
      [['--bot', 'synthetic', '--param', 'entryZ=0:9'], /^optimise: --param entryZ: 0\.\.9 leaves the allowed -3\.\.3/],
      [['--bot', 'iron-condor'], /^optimise: --from and --to are required/],
      [['--bot', 'synthetic', '--redis', 'localhost:6379'], /^optimise: the Redis address is not a URL|^optimise: a Redis address starts with redis/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli('src-main/cli/optimise.ts', [...args, '--data-dir', dir]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  }, 60_000);
});
