import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadlessTerminal, type HeadlessTerminal } from '#core/headless-test-support';
import { createTerminalClient, type ApiResult, type TerminalClient } from '#client/rest-client';
import { backtestReportHref, restRoutes } from '#contract/rest-api';
import type { BacktestStartInput } from '#contract/backtest-dto';

/**
 * Backtests through the REST API and `npm run ctl -- backtest`, against a real headless terminal in
 * simulation (its own data folder and port): start, progress, result, list, limits, cancel.
 */
const TOKEN = 'backtest-api-token-0123456789abcdef01';
let terminal: HeadlessTerminal;
let origin: string;
let client: TerminalClient;

beforeAll(async () => {
  terminal = await startHeadlessTerminal({ name: 'bt-api', token: TOKEN, speed: 60 });
  origin = terminal.origin;
  client = createTerminalClient({ url: origin, token: TOKEN });
}, 120_000);

afterAll(async () => {
  await terminal?.stop();
});

function value<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.status} ${r.error.error}: ${r.error.message}`);
  return r.value;
}

/** One session of the simulator (seed 8) with the sellers' thresholds opened up so that they trade (backtest/testing.ts). */
const STRADDLE: BacktestStartInput = {
  bots: [
    { botId: 'short-straddle', params: { ivPercentileMin: 0, targetPct: 5, stopLossPct: 5, checkEveryMinutes: 1, maxDirectionStrength: 1 } },
    { botId: 'iron-condor', params: { ivPercentileMin: 10, ivPercentileMax: 90, atrPctMax: 2, narrowBandwidthPct: 8 } },
  ],
  from: '2026-11-25',
  to: '2026-11-25',
  data: { kind: 'simulator', seed: 8 },
  label: 'straddle one day',
};

const ctl = (args: readonly string[]) => terminal.ctl(args);

describe('backtests over the REST API and ctl', () => {
  it('starts one, follows its progress to the result while the live engine keeps running, and lists it', async () => {
    const before = value(await client.status()).clock.epochMs;
    const started = value(await client.call('backtestStart', { body: STRADDLE }));
    expect(started).toMatchObject({ state: 'running', label: 'straddle one day', bots: ['short-straddle', 'iron-condor'], progress: { daysTotal: 1 } });
    const seen: number[] = [];
    let detail = value(await client.call('backtest', { params: { id: started.id } }));
    while (detail.backtest.state === 'running') {
      expect(detail.result).toBeNull();
      seen.push(detail.backtest.progress!.fraction);
      await new Promise((r) => setTimeout(r, 200));
      detail = value(await client.call('backtest', { params: { id: started.id } }));
    }
    expect(detail.backtest).toMatchObject({ state: 'done', jobId: started.id, summary: { trades: expect.any(Number) } });
    // Its report as a page, behind the token like every /api path.
    const page = await fetch(`${origin}${backtestReportHref(detail.backtest.runId!)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect([page.status, page.headers.get('content-type'), page.headers.get('content-disposition')]).toEqual([200, 'text/html; charset=utf-8', expect.stringMatching(/^inline; filename="[\w.-]+\.html"$/)]);
    const html = await page.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Backtest 2026-11-25 to 2026-11-25');
    expect(html).not.toMatch(/<script/i);
    expect((await fetch(`${origin}${backtestReportHref(detail.backtest.runId!)}`)).status).toBe(401);

    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const r = detail.result!;
    expect(r.days).toEqual(['2026-11-25']);
    expect(r.trades.length).toBeGreaterThan(0);
    for (const t of r.trades) expect([t.signal, t.reason, t.exitReason].every((s) => s.length > 0)).toBe(true);
    expect(r.portfolio.equity.map((p) => p.day)).toEqual(['2026-11-25']);
    // The live engine's simulated clock kept moving while the backtest ran on its thread.
    expect(value(await client.status()).clock.epochMs).toBeGreaterThan(before);

    const list = value(await client.call('backtests'));
    expect(list[0]).toMatchObject({ id: detail.backtest.id, state: 'done', label: 'straddle one day' });
    expect(value(await client.call('backtest', { params: { id: detail.backtest.runId! } })).result).toEqual(r);
  }, 180_000);

  it('refuses bad input naming the field, an unknown id, and a third backtest while two run; cancels', async () => {
    const bad = async (body: unknown) => {
      const res = await fetch(`${origin}/api/backtests`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as { error: string; field?: string; message: string } };
    };
    expect(await bad({ ...STRADDLE, bots: [] })).toMatchObject({ status: 400, body: { error: 'invalid-input', field: 'body.bots' } });
    expect(await bad({ ...STRADDLE, from: '25/11/2026' })).toMatchObject({ status: 400, body: { field: 'body.from' } });
    expect(await bad({ ...STRADDLE, bots: [{ botId: 'no-such-bot' }] })).toMatchObject({ status: 400, body: { field: 'bots.0.id' } });
    expect(await bad({ ...STRADDLE, from: '2025-01-01', to: '2026-11-27' })).toMatchObject({ status: 400, body: { field: 'to', message: expect.stringMatching(/at most 250/) } });
    expect(await bad({ ...STRADDLE, fills: { timing: 'never' } })).toMatchObject({ status: 400, body: { field: 'fills.timing' } });
    const missing = await client.call('backtest', { params: { id: '0123456789abcdef' } });
    expect(missing.ok || missing.error).toMatchObject({ status: 404, error: 'not-found' });
    const page = async (id: string) => {
      const res = await fetch(`${origin}${backtestReportHref(id)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      return { status: res.status, body: (await res.json()) as { error: string; field?: string } };
    };
    expect(await page('0123456789abcdef')).toMatchObject({ status: 404, body: { error: 'not-found' } });
    expect(await page('../etc')).toMatchObject({ status: 400, body: { error: 'invalid-input', field: 'id' } });

    const week = { ...STRADDLE, from: '2026-11-16', to: '2026-11-20' };
    const a = value(await client.call('backtestStart', { body: week }));
    const b = value(await client.call('backtestStart', { body: week }));
    const third = await client.call('backtestStart', { body: week });
    expect(third.ok || third.error).toMatchObject({ status: 409, error: 'invalid-state', message: expect.stringMatching(/2 backtests are running already/) });
    expect(await page(a.id)).toMatchObject({ status: 409, body: { error: 'invalid-state' } });
    for (const j of [a, b]) expect(value(await client.call('backtestCancel', { params: { id: j.id } }))).toMatchObject({ id: j.id });
    for (const j of [a, b]) {
      let d = value(await client.call('backtest', { params: { id: j.id } }));
      while (d.backtest.state === 'running') {
        await new Promise((r) => setTimeout(r, 200));
        d = value(await client.call('backtest', { params: { id: j.id } }));
      }
      expect(d.backtest.state).toBe('cancelled');
    }
  }, 120_000);

  it('ctl backtest: --json of start --wait, list, show and cancel parses against the route schemas', async () => {
    const params = JSON.stringify(Object.fromEntries(STRADDLE.bots.map((b) => [b.botId, b.params])));
    const run = await ctl(['backtest', 'start', '--bots', 'short-straddle,iron-condor', '--from', '2026-11-25', '--to', '2026-11-25', '--sim-seed', '8', '--params', params, '--wait', '--json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const done = restRoutes.backtest.response.parse(JSON.parse(run.stdout));
    expect(done.backtest.state).toBe('done');
    expect(done.result!.trades.length).toBeGreaterThan(0);

    const list = await ctl(['backtest', 'list', '--json']);
    expect(restRoutes.backtests.response.parse(JSON.parse(list.stdout)).some((b) => b.id === done.backtest.id)).toBe(true);
    const show = await ctl(['backtest', 'show', done.backtest.id, '--json']);
    expect(restRoutes.backtest.response.parse(JSON.parse(show.stdout)).result).toEqual(done.result);
    const table = await ctl(['backtest', 'show', done.backtest.id]);
    expect(table.stdout).toMatch(/portfolio/);
    expect(table.stdout).toMatch(/short-straddle\/entry/);

    const started = await ctl(['backtest', 'start', '--bots', 'iron-condor', '--from', '2026-11-16', '--to', '2026-11-20', '--json']);
    const job = restRoutes.backtestStart.response.parse(JSON.parse(started.stdout));
    const cancelled = await ctl(['backtest', 'cancel', job.id, '--json']);
    expect(restRoutes.backtestCancel.response.parse(JSON.parse(cancelled.stdout)).id).toBe(job.id);

    const usage = await ctl(['backtest', 'start', '--bots', 'short-straddle', '--from', '2026-11-25']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--to: /);
  }, 180_000);
});
