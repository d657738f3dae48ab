import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, startCliProcess, type CliRun, type RunningCli } from '#core/cli-test-support';
import { startHeadlessTerminal, type HeadlessTerminal } from '#core/headless-test-support';
import { restRoutes } from '#contract/rest-api';

/**
 * Live arming through `npm run ctl`: a headless terminal in live mode against the OpenAlgo simulator (both real
 * processes on free ports). Arming must name the account OpenAlgo trades for, as in the terminal's arming step.
 */
const TOKEN = 'ctl-live-token-0123456789abcdef01234';
const SIM_KEY = 'ctl-live-sim-key-0123456789';
let dir: string;
let sim: RunningCli;
let terminal: HeadlessTerminal;
let simHost: string;

beforeAll(async () => {
  sim = startCliProcess('src-main/openalgo-sim/main.ts', ['--port', '0', '--ws-port', '0', '--api-key', SIM_KEY, '--seed', '3']);
  const [, rest] = await sim.waitFor(/REST\s+(http:\/\/127\.0\.0\.1:\d+)/, 60_000);
  const [, ws] = await sim.waitFor(/WebSocket (ws:\/\/127\.0\.0\.1:\d+)/, 60_000);
  simHost = new URL(rest!).host;
  const config = {
    version: 1,
    mode: 'live',
    simulation: { seed: 1, speed: 1, warmupSessions: 0 },
    openalgo: { baseUrl: rest, wsUrl: ws, timeoutMs: 10_000 },
    server: { host: '127.0.0.1', port: 7300 },
    ui: { chartInstrument: 'NSE_INDEX:NIFTY' },
    log: { level: 'info' },
  };
  terminal = await startHeadlessTerminal({ name: 'ctl-live', token: TOKEN, config, files: { 'openalgo-api-key': SIM_KEY } });
  dir = terminal.dataDir;
}, 150_000);

afterAll(async () => {
  await terminal?.stop();
  await sim?.stop();
});

const ctl = (args: readonly string[]): Promise<CliRun> => terminal.ctl(args);

describe('npm run ctl: live arming stays deliberate', () => {
  it('names the account, refuses another, arms and disarms; --json matches the schema; the audit names the API', async () => {
    const account = await ctl(['account', '--json']);
    expect(account.code).toBe(0);
    expect(restRoutes.account.response.parse(JSON.parse(account.stdout))).toMatchObject({ broker: 'simulator', host: simHost });

    const wrong = await ctl(['arm', '--broker', 'zerodha', '--host', simHost]);
    expect(wrong.code).toBe(2);
    expectOneLine(wrong.stderr, /^ctl: OpenAlgo at .* trades for simulator, not zerodha .*\(400 invalid-input\)/);

    const armed = await ctl(['arm', '--broker', 'simulator', '--host', simHost, '--json']);
    expect([armed.code, armed.stderr]).toEqual([0, '']);
    expect(restRoutes.arm.response.parse(JSON.parse(armed.stdout))).toMatchObject({ liveOrders: true, armed: true, account: { broker: 'simulator' } });
    const disarmed = await ctl(['disarm', '--json']);
    expect(restRoutes.disarm.response.parse(JSON.parse(disarmed.stdout))).toMatchObject({ armed: false });
    const status = await ctl(['trading', '--json']);
    expect(restRoutes.trading.response.parse(JSON.parse(status.stdout))).toMatchObject({ broker: 'openalgo', armed: false });

    const db = new Database(path.join(dir, 'terminal.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare("SELECT kind, actor, payload FROM audit_log WHERE kind IN ('arm', 'disarm') ORDER BY seq").all() as { kind: string; actor: string; payload: string }[];
      expect(rows.map((r) => [r.kind, r.actor, JSON.parse(r.payload).source, JSON.parse(r.payload).refused ?? false])).toEqual([
        ['arm', 'trader', 'http-api', true],
        ['arm', 'trader', 'http-api', false],
        ['disarm', 'trader', 'http-api', false],
      ]);
    } finally {
      db.close();
    }
  }, 90_000);
});
