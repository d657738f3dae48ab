import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, runCli, shellEnv } from '#core/cli-test-support';
import { DEFAULT_CONFIG } from '#config/defaults';
import { fileSecretStore } from '#engine/secrets';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import type { OpenAlgoSim } from '#openalgo-sim/server';

const CLI = path.join(import.meta.dirname, 'fetch-history.ts');
let sim: OpenAlgoSim;
let dir: string;
beforeAll(async () => {
  sim = await startTestSim();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-cli-'));
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args, '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'], env: shellEnv() });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code, out, err }));
  });
const args = ['--symbol', 'NIFTY', '--exchange', 'NSE_INDEX', '--timeframe', '15m', '--from', '2026-11-16', '--to', '2026-11-18'];

describe('history command', () => {
  it('says how to save a key when none is saved', async () => {
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no OpenAlgo API key saved/);
  });

  it('fetches through OpenAlgo into the database, then finds everything cached', async () => {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...DEFAULT_CONFIG, openalgo: { ...DEFAULT_CONFIG.openalgo, baseUrl: sim.host } }));
    await fileSecretStore(dir).writeApiKey(TEST_API_KEY);
    const first = await run(args);
    expect(first.err).toBe('');
    expect(first.out).toMatch(/75 bars; 3 sessions fetched in 1 requests, 0 already cached/);
    // Not a terminal: progress comes as whole lines, never carriage-return rewrites.
    expect(first.out).not.toContain('\r');
    expect(first.out).toMatch(/^NSE_INDEX:NIFTY 15m: 3\/3 sessions\n/m);
    const second = await run(args);
    expect(second.out).toMatch(/0 sessions fetched in 0 requests, 3 already cached/);
    const db = new BetterSqlite3(path.join(dir, 'terminal.sqlite'), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM bars WHERE timeframe = '15m'").get()).toEqual({ n: 75 });
    db.close();
  });

  it('prints its usage for --help and exits 0', async () => {
    const r = await runCli(CLI, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--symbol S[\s\S]*--from D[\s\S]*exit codes/);
  });

  it.each([
    [['--symbol', 'NIFTY', '--exchange', 'NSE_INDEX', '--timeframe', '15m', '--from', '2026-02-30', '--to', '2026-03-02'], /^history: --from 2026-02-30 is not a date — give a calendar day as YYYY-MM-DD/],
    [['--symbol', 'NIFTY', '--exchange', 'NSE_INDEX', '--timeframe', '15m', '--from', '2026-11-20', '--to', '2026-11-02'], /^history: --from 2026-11-20 is after --to 2026-11-02 — swap them$/],
    [['--exchange', 'NSE_INDEX', '--timeframe', '15m', '--from', '2026-11-02', '--to', '2026-11-20'], /^history: --symbol is missing — /],
    [['--symbol', 'NIFTY', '--exchange', 'NSE_INDEX', '--timeframe', '2m', '--from', '2026-11-02', '--to', '2026-11-20'], /^history: --timeframe must be one of 1m, /],
    [['--symbol', 'NIFTY', '--verbose'], /^history: unknown option --verbose — /],
  ])('refuses %j in one line, exit 2', async (bad, pattern) => {
    const r = await runCli(CLI, [...bad, '--data-dir', dir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, pattern);
  });
});
