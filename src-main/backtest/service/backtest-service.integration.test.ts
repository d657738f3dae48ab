import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { istToEpoch } from '#core/time-ist';
import { bootEngine, type BootedEngine } from '#engine/boot';
import { fileSecretStore } from '#engine/secrets';
import { DATABASE_FILE_NAME, openStore, type Store } from '#store/database';
import { recordSimulatorHistory } from '../record-history.ts';
import { runIdOf } from '../result-store.ts';
import { runBacktest } from '../run-backtest.ts';
import { backtestResultSchema } from '../types.ts';
import { SHORT_REQUEST } from '../testing.ts';
import { createBacktestService, type BacktestEntry, type BacktestService } from './backtest-service.ts';

const ONE_DAY = { ...SHORT_REQUEST, to: '2026-11-25' };

let dir = '';
let store: Store | undefined;
let service: BacktestService | undefined;
let booted: BootedEngine | undefined;
afterEach(async () => {
  await service?.close();
  await booted?.shutdown();
  store?.sqlite.close();
  service = undefined;
  booted = undefined;
  store = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(o: { maxRunning?: number; maxSessions?: number; databaseFile?: false } = {}): { service: BacktestService; events: BacktestEntry[] } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-service-'));
  const opened = openStore(o.databaseFile === false ? ':memory:' : path.join(dir, DATABASE_FILE_NAME), 0);
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  let t = 1_700_000_000_000;
  const { databaseFile: _file, ...limits } = o;
  service = createBacktestService({ store, now: () => (t += 1000), logger: silentLogger(), ...limits });
  const events: BacktestEntry[] = [];
  service.subscribe((e) => events.push(e));
  return { service, events };
}

const ended = (events: BacktestEntry[], jobId: string): Promise<BacktestEntry> =>
  new Promise((resolve) => {
    const check = (): void => {
      const last = events.findLast((e) => e.id === jobId || e.jobId === jobId);
      if (last && last.state !== 'running') resolve(last);
      else setTimeout(check, 50);
    };
    check();
  });

describe('backtests on a worker thread, kept in the terminal’s database', () => {
  it('runs a request off the main thread with progress, keeps the result, and gives what runBacktest gives in-process', async () => {
    const { service: s, events } = open();
    const started = s.start({ request: ONE_DAY, label: 'one day' });
    if (!started.ok) throw new Error(started.error.message);
    expect(started.value).toMatchObject({ state: 'running', label: 'one day', from: '2026-11-25', to: '2026-11-25', bots: ['short-straddle', 'iron-condor'], progress: { daysDone: 0, daysTotal: 1, fraction: 0 } });
    expect(s.list()[0]).toMatchObject({ id: started.value.id, state: 'running' });
    expect(s.detail(started.value.id)).toMatchObject({ ok: true, value: { result: null } });

    const end = await ended(events, started.value.id);
    expect(end).toMatchObject({ state: 'done', jobId: started.value.id, label: 'one day' });
    const fractions = events.filter((e) => e.state === 'running').map((e) => e.progress!.fraction);
    expect(fractions.length).toBeGreaterThan(3);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));

    const direct = await runBacktest(ONE_DAY);
    if (!direct.ok) throw new Error(direct.error.message);
    const byJob = s.detail(started.value.id);
    const byRun = s.detail(end.runId!);
    if (!byJob.ok || !byRun.ok) throw new Error('detail failed');
    expect(JSON.stringify(byJob.value.result)).toBe(JSON.stringify(backtestResultSchema.parse(direct.value)));
    // The same id `npm run backtest` keeps the same result under.
    expect(end.runId).toBe(runIdOf(direct.value));
    expect(byRun.value.entry).toMatchObject({ id: end.runId, state: 'done', summary: { trades: direct.value.portfolio.metrics.trades } });
    expect(direct.value.trades.length).toBeGreaterThan(0);
    expect(store!.sqlite.prepare('SELECT COUNT(*) FROM backtest_trades WHERE run_id = ?').pluck().get(end.runId)).toBe(direct.value.trades.length);
    expect(s.list().map((e) => e.id)).toEqual([end.runId]);
  }, 120_000);

  it('runs at most maxRunning at once, cancels on request, and refuses bad input naming the field', async () => {
    const { service: s, events } = open({ maxRunning: 1, maxSessions: 5 });
    const first = s.start({ request: { ...ONE_DAY, to: '2026-11-27' } });
    if (!first.ok) throw new Error(first.error.message);
    expect(s.start({ request: ONE_DAY })).toMatchObject({ ok: false, error: { kind: 'invalid-state', message: '1 backtests are running already: wait for one to finish or cancel one' } });
    expect(s.cancel(first.value.id).ok).toBe(true);
    const end = await ended(events, first.value.id);
    expect(end).toMatchObject({ state: 'cancelled', message: expect.stringMatching(/on request/) });
    expect(s.cancel(first.value.id)).toMatchObject({ ok: false, error: { kind: 'invalid-state' } });
    expect(s.cancel('bt-nope')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(s.list()[0]).toMatchObject({ id: first.value.id, state: 'cancelled' });

    expect(s.start({ request: { ...ONE_DAY, from: '2026-11-02', to: '2026-11-27' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'to', message: expect.stringMatching(/spans 18 trading sessions; a backtest here may span at most 5/) } });
    expect(s.start({ request: { ...ONE_DAY, from: '2026-11-28', to: '2026-11-29' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'to' } });
    expect(s.start({ request: { ...ONE_DAY, bots: [{ id: 'no-such-bot' }] } })).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'bots.0.id' } });
    expect(s.start({ request: { ...ONE_DAY, from: '25-11-2026' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'from', message: 'from: a date as YYYY-MM-DD' } });
    expect(s.detail('0123456789abcdef')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  }, 60_000);

  it('a history backtest replays the bars kept in the terminal’s own database, opened beside the store', async () => {
    const { service: s, events } = open();
    await recordSimulatorHistory({ file: store!.file, seed: 8, from: '2026-11-25', to: '2026-11-25', underlyings: ['NIFTY'], dailySessions: 30 });
    const started = s.start({ request: { bots: [{ id: 'short-straddle' }], underlyings: ['NIFTY'], from: '2026-11-25', to: '2026-11-25', data: { kind: 'history' }, warmupSessions: 0 } });
    if (!started.ok) throw new Error(started.error.message);
    const end = await ended(events, started.value.id);
    expect(end).toMatchObject({ state: 'done' });
    const d = s.detail(end.id);
    expect(d.ok && d.value.result).toMatchObject({ days: ['2026-11-25'], bars: 375, request: { data: { kind: 'history', database: store!.file } } });

    // A day the cache does not hold fails with the engine's own reason, and nothing is kept.
    const missing = s.start({ request: { bots: [{ id: 'short-straddle' }], underlyings: ['NIFTY'], from: '2026-11-26', to: '2026-11-26', data: { kind: 'history' }, warmupSessions: 0 } });
    if (!missing.ok) throw new Error(missing.error.message);
    const failed = await ended(events, missing.value.id);
    expect(failed).toMatchObject({ state: 'failed', message: expect.stringMatching(/2026-11-26/) });
    expect(s.list().map((e) => e.state)).toEqual(['failed', 'done']);
  }, 60_000);

  it('a history backtest needs the terminal’s database file', () => {
    const { service: s } = open({ databaseFile: false });
    expect(s.start({ request: { ...ONE_DAY, data: { kind: 'history' } } })).toMatchObject({ ok: false, error: { kind: 'not-available' } });
  });

  it('the live engine keeps trading while a backtest runs', async () => {
    const { service: s, events } = open();
    const r = await bootEngine({ dataDir: path.join(dir, 'live'), version: '1', logger: silentLogger(), wallNowMs: istToEpoch(2026, 11, 25, 10, 15), secrets: fileSecretStore(path.join(dir, 'live')), speed: 60 });
    if (!r.ok) throw new Error(r.error.message);
    booted = r.value;
    await booted.start();
    expect(booted.engine.startBot('short-straddle').ok).toBe(true);
    const engineClockAtStart = booted.clock.now();
    const ticksDuringRun: number[] = [];
    const off = booted.engine.events.subscribe('tick', () => {
      const running = events.at(-1)?.state ?? 'running';
      if (running === 'running') ticksDuringRun.push(booted!.clock.now());
    });
    const wallAtStart = performance.now();
    const started = s.start({ request: ONE_DAY });
    if (!started.ok) throw new Error(started.error.message);
    await ended(events, started.value.id);
    const wallMs = performance.now() - wallAtStart;
    off();
    // The engine's simulated market kept ticking and its clock kept moving for the whole run: at speed 60
    // and at least a tick a simulated second, half the pace would be 30 of each per second of the run.
    expect(ticksDuringRun.length).toBeGreaterThan((wallMs / 1000) * 30);
    expect(booted.clock.now() - engineClockAtStart).toBeGreaterThan(wallMs * 30);
    expect(booted.engine.bots().find((b) => b.id === 'short-straddle')?.state).toBe('running');
  }, 120_000);
});
