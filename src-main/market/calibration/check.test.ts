import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, runCli } from '#core/cli-test-support';

const CHECK = 'src-main/market/calibration/check.ts';
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'market-check-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run market:check: arguments', () => {
  it('prints its usage for --help and exits 0', async () => {
    const r = await runCli(CHECK, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/nifty50-daily\.csv[\s\S]*exit codes/);
  });

  it('names the files a folder lacks in one line, exit 2', async () => {
    fs.writeFileSync(path.join(tmp, 'nifty50-daily.csv'), 'Date,Open,High,Low,Close\n');
    const r = await runCli(CHECK, [tmp]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /^market:check: .* lacks niftybank-daily\.csv, indiavix-daily\.csv, nifty50-1minute-2024\.csv, niftybank-1minute-2024\.csv — /);
  });

  it('refuses a seed that is not a whole number, exit 2', async () => {
    for (const f of ['niftybank-daily.csv', 'indiavix-daily.csv', 'nifty50-1minute-2024.csv', 'niftybank-1minute-2024.csv']) fs.writeFileSync(path.join(tmp, f), '');
    const r = await runCli(CHECK, [tmp, 'abc']);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, /^market:check: seed abc is not a whole number — /);
  });
});
