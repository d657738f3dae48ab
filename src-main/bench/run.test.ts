import { describe, expect, it } from 'vitest';
import { expectOneLine, runCli } from '#core/cli-test-support';

const BENCH = 'src-main/bench/run.ts';

describe('npm run bench: arguments', () => {
  it('prints its usage for --help and exits 0, running no benchmark', async () => {
    const r = await runCli(BENCH, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^npm run bench \[-- filter\]/);
    expect(r.stdout).toMatch(/those of a group: backtest, bots, risk\./);
    expect(r.stdout).not.toContain('==');
  });

  it('refuses an unknown option and a filter that matches nothing in one line, exit 2', async () => {
    const flag = await runCli(BENCH, ['--fast']);
    expect(flag.code).toBe(2);
    expectOneLine(flag.stderr, /^bench: unknown option --fast — /);
    const filter = await runCli(BENCH, ['no-such-bench']);
    expect(filter.code).toBe(2);
    expectOneLine(filter.stderr, /^bench: no benchmark matches no-such-bench — give part of one of these paths: .*indicators\.bench\.ts/);
  });
});
