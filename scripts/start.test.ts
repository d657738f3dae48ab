import { describe, expect, it } from 'vitest';
import { expectOneLine, runCli } from '#core/cli-test-support';

/** `npm start` checks its arguments before the build: --help and a typo cost no build. */
describe('npm start: arguments', () => {
  it('prints its usage for --help and exits 0 without building', async () => {
    const r = await runCli('scripts/start.mjs', ['--help'], { timeoutMs: 15_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^npm start \[-- options\]: builds the terminal and opens the desktop app[\s\S]*--port N/);
  });

  it.each([
    [['--port', 'abc'], /^start: --port abc is not a port number — /],
    [['--log-level', 'verbose'], /^start: --log-level verbose is not a log level — /],
    [['--data'], /^start: unknown option --data — the options are --port, --host, --data-dir, /],
  ])('refuses %j in one line, exit 2, before building', async (args, pattern) => {
    const r = await runCli('scripts/start.mjs', args, { timeoutMs: 15_000 });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, pattern);
    expect(r.stdout).toBe('');
  });
});
