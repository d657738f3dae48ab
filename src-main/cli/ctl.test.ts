import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, runCli, shellEnv, type CliRun } from '#core/cli-test-support';
import { startHeadlessTerminal, type HeadlessTerminal } from '#core/headless-test-support';
import { restRoutes, type RouteName } from '#contract/rest-api';
import { COMMAND_WORDS, paramValue, planCommand } from './ctl-commands.ts';

/** `npm run ctl` against a real headless terminal in simulation (its own data folder and port). */
const CTL = 'src-main/cli/ctl.ts';
const TOKEN = 'ctl-test-token-0123456789abcdef01234';
let terminal: HeadlessTerminal;
let dir: string;

beforeAll(async () => {
  terminal = await startHeadlessTerminal({ name: 'ctl', token: TOKEN, speed: 60 });
  dir = terminal.dataDir;
}, 120_000);

afterAll(async () => {
  await terminal?.stop();
});

/** A port nothing listens on: one the system just handed out and took back. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const ctl = (args: readonly string[], env: NodeJS.ProcessEnv = { TERMINAL_SERVER_TOKEN: TOKEN }): Promise<CliRun> => terminal.ctl(args, env);

/** The command words whose --json output was checked against their route's schema. */
const checkedWords = new Set<string>();

/** Runs the command with --json and checks its output against the route's schema in the contract. */
async function json(route: RouteName, args: readonly string[]): Promise<unknown> {
  checkedWords.add(args[0]!);
  const r = await ctl([...args, '--json']);
  expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
  const parsed = restRoutes[route].response.safeParse(JSON.parse(r.stdout));
  expect(parsed.success, `${args.join(' ')}: ${parsed.error?.message ?? ''}`).toBe(true);
  return parsed.data;
}

describe('npm run ctl: --json of every command matches the API schema', () => {
  it('reads, changes settings, drives a bot and presses the kill switch', async () => {
    expect(await json('status', ['status'])).toMatchObject({ mode: 'simulation' });
    expect(((await json('bots', ['bots'])) as unknown[]).length).toBe(4);
    expect(await json('bot', ['bots', 'show', 'iron-condor'])).toMatchObject({ id: 'iron-condor' });
    expect(await json('botParams', ['bots', 'params', 'iron-condor'])).toMatchObject({ botId: 'iron-condor', values: { shortDelta: 0.2 } });
    expect(await json('botParamsValidate', ['bots', 'params', 'iron-condor', '--set', 'shortDelta=0.25', '--check'])).toMatchObject({ values: { shortDelta: 0.25 } });
    expect(await json('botParams', ['bots', 'params', 'iron-condor'])).toMatchObject({ values: { shortDelta: 0.2 } });
    const set = await json('botParamsSet', ['bots', 'params', 'momentum-rider', '--set', 'minCombinedScore=0.5', '--set', 'underlyings=NIFTY', '--regimes', 'trending,volatile', '--allocation', '200000']);
    expect(set).toMatchObject({ values: { minCombinedScore: 0.5, underlyings: ['NIFTY'] }, regimes: ['trending', 'volatile'], allocation: 200_000 });
    expect(await json('botStart', ['bots', 'start', 'iron-condor'])).toMatchObject({ state: 'running' });
    expect(await json('botPause', ['bots', 'pause', 'iron-condor'])).toMatchObject({ state: 'paused' });
    expect(await json('botResume', ['bots', 'resume', 'iron-condor'])).toMatchObject({ state: 'running' });
    expect(await json('botStop', ['bots', 'stop', 'iron-condor'])).toMatchObject({ id: 'iron-condor' });
    await json('signals', ['signals', '--bot', 'iron-condor', '--limit', '5']);
    for (const [route, word] of [
      ['positions', 'positions'],
      ['orders', 'orders'],
      ['trades', 'trades'],
      ['performance', 'performance'],
      ['risk', 'risk'],
      ['findings', 'findings'],
      ['trading', 'trading'],
    ] as const) {
      await json(route, [word]);
    }
    // VaR (the first read may find the first refresh still running), stress, and a shadow variant from start to promotion.
    await json('riskVar', ['var']);
    expect(await json('riskVar', ['var', '--since', '0'])).toMatchObject({ limit: null });
    expect(await json('riskStress', ['stress'])).toMatchObject({ limit: null });
    expect(await json('shadowStart', ['shadow', 'start', 'iron-condor~wide', '--set', 'takeProfitPct=40'])).toMatchObject({ variantId: 'iron-condor~wide', settings: { params: { takeProfitPct: 40 } } });
    expect(await json('shadows', ['shadow', 'list'])).toMatchObject([{ variantId: 'iron-condor~wide', status: 'running' }]);
    expect(await json('shadowCompare', ['shadow', 'compare', 'iron-condor~wide'])).toMatchObject({ verdict: { kind: 'insufficient' } });
    expect(await json('shadowStop', ['shadow', 'stop', 'iron-condor~wide'])).toMatchObject({ status: 'stopped' });
    expect(await json('shadowPromote', ['shadow', 'promote', 'iron-condor~wide'])).toMatchObject({ status: 'promoted' });
    expect((await ctl(['shadow', 'compare', 'iron-condor~wide'])).stdout).toMatch(/verdict\s+│ insufficient: not enough to judge yet/);
    expect(await json('kill', ['kill'])).toMatchObject({ source: 'http-api', state: 'halted', flat: true });
    expect(await json('riskResume', ['resume', '--reason', 'checked the book after the test kill'])).toMatchObject({ state: 'active' });
  }, 120_000);

  it('imports a CSV file into the running terminal and follows the job to its end', async () => {
    expect(await json('dataJob', ['job'])).toBeNull();
    const file = path.join(dir, 'ctl-import.csv');
    const rows = Array.from({ length: 30 }, (_, i) => `2025-12-01 09:${String(15 + i).padStart(2, '0')}:00,100,101,99,100.5,10`);
    fs.writeFileSync(file, ['timestamp,open,high,low,close,volume', ...rows].join('\n'));
    const args = ['import', file, '--format', 'ohlcv', '--instrument', 'NSE:CTLTEST', '--timeframe', '1m', '--timezone', 'IST', '--stamp', 'start'];
    const done = (await json('dataImport', [...args, '--wait'])) as { id: string };
    expect(done).toMatchObject({ kind: 'csv-import', state: 'done', progress: 1, problems: [] });
    expect(await json('dataJob', ['job'])).toMatchObject({ id: done.id, state: 'done' });
    const table = await ctl(['job']);
    expect(table.stdout).toMatch(/state\s+│ done/);

    // The imported bars are listed with where they came from; a filter on the id's start finds them alone.
    expect(await json('dataHistory', ['history', '--instrument', 'nse:ctl', '--timeframe', '1m'])).toEqual({
      series: [{ instrumentId: 'NSE:CTLTEST', timeframe: '1m', bars: 30, first: '2025-12-01 09:15', last: '2025-12-01 09:44', firstTs: expect.any(Number), lastTs: expect.any(Number), sessions: 1, sources: { simulator: 0, feed: 0, csv: 30, bhavcopy: 0, openalgo: 0, unknown: 0 } }],
      totalSeries: 1,
      totalBars: 30,
      more: 0,
      limit: 200,
    });
    const listed = await ctl(['history', '--exchange', 'NSE', '--limit', '1']);
    expect(listed.stdout).toMatch(/NSE:CTLTEST\s+│ 1m\s+│ 30\s+│ 2025-12-01 09:15\s+│ 2025-12-01 09:44\s+│ 1\s+│ csv 30/);
    expect((await ctl(['history', '--exchange', 'BSE'])).stdout).toMatch(/^no stored bars match/);
  }, 60_000);

  it('has checked the --json of every command that goes through the API', () => {
    // Checked elsewhere, or not through the API: each must say so, and stop saying so once it changes.
    const elsewhere: Record<string, () => void> = {
      account: () => undefined, // ctl-live.test.ts, in live mode against the OpenAlgo simulator
      arm: () => undefined, // ctl-live.test.ts
      disarm: () => undefined, // ctl-live.test.ts; here it is only refused (nothing to disarm)
      train: () => expect(planCommand(['train'], {})).toMatchObject({ kind: 'usage' }), // npm run train, locally
      backtest: () => undefined, // src-main/server/rest/backtests-api.e2e.test.ts: start --wait, list, show, cancel
      models: () => undefined, // ctl-models.test.ts: list, compare, promote, rollback, import, retrain --wait, cancel
      notify: () => undefined, // src-main/server/rest/notifications-api.e2e.test.ts: show, set, token, test against a fake Bot API
    };
    for (const check of Object.values(elsewhere)) check();
    expect(COMMAND_WORDS.filter((w) => !checkedWords.has(w) && !(w in elsewhere))).toEqual([]);
  });

  it('prints tables for people, never the token', async () => {
    const bots = await ctl(['bots']);
    expect(bots.code).toBe(0);
    expect(bots.stdout).toMatch(/│ bot\s+│ state/);
    for (const id of ['short-straddle', 'iron-condor', 'volatility-expander', 'momentum-rider']) expect(bots.stdout).toContain(id);
    const params = await ctl(['bots', 'params', 'short-straddle']);
    expect(params.stdout).toMatch(/ivPercentileMin\s+│ 72/);
    const status = await ctl(['status']);
    expect(status.stdout).toMatch(/mode\s+│ simulation/);
    for (const r of [bots, params, status]) expect(r.stdout + r.stderr).not.toContain(TOKEN);
  }, 60_000);
});

describe('npm run ctl: refusals are one line with the exit code README promises', () => {
  it('exit 2 for a bad argument, before or from the API', async () => {
    for (const args of [['bots', 'start'], ['bots', 'fly', 'x'], ['signals', '--limit', 'many'], ['resume'], ['arm', '--broker', 'x'], ['frobnicate'], ['status', '--colour']]) {
      const r = await ctl(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expectOneLine(r.stderr, /^ctl: .+ — .+/);
    }
    const badValue = await ctl(['bots', 'params', 'iron-condor', '--set', 'shortDelta=0.9']);
    expect(badValue.code).toBe(2);
    expectOneLine(badValue.stderr, /^ctl: .*shortDelta.*\(400 invalid-input\)/);
    const noToken = await ctl(['status'], {});
    expect(noToken.code).toBe(2);
    expectOneLine(noToken.stderr, /^ctl: no access token — set TERMINAL_SERVER_TOKEN/);
  }, 60_000);

  it('exit 1 when the terminal refuses or cannot be reached', async () => {
    const unknown = await ctl(['bots', 'start', 'no-such-bot']);
    expect(unknown.code).toBe(1);
    expectOneLine(unknown.stderr, /^ctl: .*no-such-bot.*\(404 not-found\)/);
    const wrong = await ctl(['status'], { TERMINAL_SERVER_TOKEN: 'wrong-token-0123456789abcdef0123456789' });
    expect(wrong.code).toBe(1);
    expectOneLine(wrong.stderr, /^ctl: .*\(401 unauthorized\) — give the token/);
    expect(wrong.stderr).not.toContain('wrong-token');
    const disarm = await ctl(['disarm']);
    expect(disarm.code).toBe(1);
    expectOneLine(disarm.stderr, /nothing to disarm.*\(409 not-available\)/);
    const port = await freePort();
    const closed = await runCli(CTL, ['--url', `http://127.0.0.1:${port}`, 'status'], { env: shellEnv({ TERMINAL_SERVER_TOKEN: TOKEN }) });
    expect(closed.code).toBe(1);
    expectOneLine(closed.stderr, new RegExp(`^ctl: cannot reach the terminal at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
  }, 60_000);

  it('runs train as the project’s own command, with its options and exit codes', async () => {
    const bad = await runCli(CTL, ['train', '--epochs', 'many']);
    expect(bad.code).toBe(2);
    expectOneLine(bad.stderr, /^train: /);
  }, 60_000);

  it('names a missing or bad import option before sending, and exits 1 when the import itself fails', async () => {
    const file = path.join(dir, 'ctl-bad.csv');
    fs.writeFileSync(file, 'timestamp,open,high,low,close,volume\n2025-12-01 09:15:00,100,99,101,100,1\n');
    for (const [args, line] of [
      [['import'], /^ctl: import needs a file or folder — /],
      [['import', file], /^ctl: import needs --format — /],
      [['import', file, '--format', 'ohlcv', '--timeframe', '1m', '--timezone', 'IST', '--stamp', 'start'], /^ctl: import needs --instrument — /],
      [['import', file, '--format', 'ohlcv', '--instrument', 'NIFTY', '--timeframe', '1m', '--timezone', 'IST', '--stamp', 'start'], /^ctl: --instrument NIFTY: must be EXCHANGE:SYMBOL — /],
      [['import', file, '--format', 'nse-fo-bhavcopy', '--instrument', 'NSE:X'], /^ctl: --instrument go with --format ohlcv only — /],
    ] as const) {
      const r = await ctl(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expectOneLine(r.stderr, line);
    }
    const failed = await ctl(['import', file, '--format', 'ohlcv', '--instrument', 'NSE:CTLBAD', '--timeframe', '1m', '--timezone', 'IST', '--stamp', 'start', '--wait', '--json']);
    expect(failed.code).toBe(1);
    expect(restRoutes.dataImport.response.parse(JSON.parse(failed.stdout))).toMatchObject({ state: 'failed' });
    expectOneLine(failed.stderr, /^ctl: Import of ctl-bad\.csv failed: Nothing imported/);
  }, 60_000);

  it('prints its usage for --help and exits 0', async () => {
    const r = await runCli(CTL, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/bots params <bot> --set key=value[\s\S]*--json[\s\S]*exit codes/);
  });
});

describe('the command line as API calls', () => {
  it('types --set values by the parameter’s kind', () => {
    expect(paramValue({ key: 'lots', kind: 'number', label: '', default: 1 }, '2')).toBe(2);
    expect(paramValue({ key: 'x', kind: 'number', label: '', default: 1 }, '')).toBe('');
    expect(paramValue({ key: 'f', kind: 'boolean', label: '', default: true }, 'false')).toBe(false);
    expect(paramValue({ key: 'u', kind: 'set', label: '', default: [] }, 'NIFTY, SENSEX')).toEqual(['NIFTY', 'SENSEX']);
    expect(paramValue({ key: 't', kind: 'time', label: '', default: '09:30' }, '10:00')).toBe('10:00');
    expect(paramValue(undefined, '3')).toBe('3');
  });

  it('plans each command as one route', () => {
    const route = (words: string[], v = {}) => {
      const p = planCommand(words, v);
      return p.kind === 'call' ? p.route : p.what;
    };
    expect(route(['bots'])).toBe('bots');
    expect(route(['bots', 'params', 'x'])).toBe('botParams');
    expect(route(['bots', 'params', 'x'], { set: ['a=1'] })).toBe('botParamsSet');
    expect(route(['bots', 'params', 'x'], { set: ['a=1'], check: true })).toBe('botParamsValidate');
    expect(route(['bots', 'params', 'x'], { set: ['a'] })).toBe('--set a is not key=value');
    expect(route(['bots', 'start', 'x'], { set: ['a=1'] })).toMatch(/go with bots params/);
    expect(route(['backtest'])).toBe('backtests');
    expect(route(['backtest', 'start'], { bots: 'short-straddle', from: '2026-11-25', to: '2026-11-25', wait: true })).toBe('backtest');
    expect(route(['backtest', 'start'], { from: '2026-11-25', to: '2026-11-25' })).toMatch(/^--bots: /);
    expect(route(['backtest', 'start'], { bots: 'short-straddle', from: '2026-11-25', to: '2026-11-25', params: '{"iron-condor":{}}' })).toBe('--params names iron-condor, which is not in --bots');
    expect(route(['backtest', 'show'])).toBe('backtest show needs an id');
    expect(route(['var'])).toBe('riskVar');
    expect(route(['var'], { since: '-5' })).toBe('--since -5 is not a time');
    expect(route(['stress', 'now'])).toBe('unexpected "now" after stress');
    expect(route(['shadow'])).toBe('shadows');
    expect(route(['shadow', 'start', 'iron-condor'])).toBe('shadow start needs one variant as <bot>~<label>');
    expect(route(['shadow', 'promote', 'iron-condor~wide'], { set: ['a=1'] })).toMatch(/--set goes with shadow start/);
    expect(route(['shadow', 'start', 'iron-condor~wide'], { set: ['a'] })).toBe('--set a is not key=value');
    expect(route(['shadow', 'retire', 'x'])).toMatch(/is not a shadow command/);
    expect(route(['history'], { exchange: 'nfo', timeframe: '1m', limit: '50' })).toBe('dataHistory');
    expect(route(['history'], { exchange: 'NFO', instrument: 'NFO:NIFTY' })).toMatch(/^--exchange NFO: give an exchange or the start of an instrument id, not both/);
    expect(route(['history'], { limit: '0' })).toMatch(/^--limit 0: /);
    expect(route(['history'], { timeframe: '2m' })).toMatch(/^--timeframe 2m: /);
    expect(route(['history', 'NIFTY'])).toBe('unexpected "NIFTY" after history');
  });
});
