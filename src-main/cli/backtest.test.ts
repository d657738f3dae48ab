import { describe, expect, it } from 'vitest';
import { expectOneLine, runCli } from '#core/cli-test-support';

describe('npm run backtest and npm run walkforward: arguments', () => {
  it('print their usage for --help and exit 0', async () => {
    const bt = await runCli('src-main/cli/backtest.ts', ['--help']);
    expect(bt.code).toBe(0);
    expect(bt.stdout).toMatch(/^npm run backtest -- --from YYYY-MM-DD --to YYYY-MM-DD/);
    const wf = await runCli('src-main/cli/walkforward.ts', ['--help']);
    expect(wf.code).toBe(0);
    expect(wf.stdout).toMatch(/^npm run walkforward -- --bot B/);
  });

  it('refuse a bad request in one line naming the field, exit 2, before running anything', async () => {
    const range = await runCli('src-main/cli/backtest.ts', ['--from', '2026-11-27', '--to', '2026-11-02', '--no-store']);
    expect(range.code).toBe(2);
    expectOneLine(range.stderr, /^backtest: to: "from" must not be after "to" — /);
    const grid = await runCli('src-main/cli/walkforward.ts', ['--bot', 'short-straddle', '--from', '2026-11-02', '--to', '2026-11-27', '--grid', 'targetPct=500']);
    expect(grid.code).toBe(2);
    expectOneLine(grid.stderr, /^walkforward: --grid targetPct=500: must be a number in \[5, 95\] — /);
    const bot = await runCli('src-main/cli/walkforward.ts', ['--bot', 'nope', '--from', '2026-11-02', '--to', '2026-11-27']);
    expect(bot.code).toBe(2);
    expectOneLine(bot.stderr, /^walkforward: no bot nope — one of short-straddle, iron-condor/);
  });
});
