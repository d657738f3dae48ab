import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { Bus } from '#core/bus';
import type { EngineApi, EngineEvents } from '#engine/engine-api';
import { runBacktest } from '#backtest/run-backtest';
import { saveBacktest } from '#backtest/result-store';
import { createBacktestService, type BacktestService } from '#backtest/service/backtest-service';
import { openTempStore } from '#backtest/service/testing';
import { commands, streams } from '#contract/channels';
import { createRouter, type StreamSink } from './router.ts';

/** The backtest commands never reach the engine (they go to the backtest service beside it); streams follow its events. */
const NO_ENGINE = { events: new Bus<EngineEvents>() } as Partial<EngineApi> as EngineApi;

let dir = '';
let store: ReturnType<typeof openTempStore>['store'] | undefined;
let service: BacktestService | undefined;
afterEach(async () => {
  await service?.close();
  store?.sqlite.close();
  store = service = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

const sink = (): StreamSink & { snapshots: unknown[]; deltas: unknown[] } => {
  const s = { snapshots: [] as unknown[], deltas: [] as unknown[], snapshot: (d: unknown) => s.snapshots.push(d), delta: (d: unknown) => s.deltas.push(d) };
  return s;
};

describe('backtests over the bridge', () => {
  it('without a backtest service the commands are not available and the stream is empty', async () => {
    const router = createRouter(NO_ENGINE, silentLogger());
    expect(await router.invoke('backtest:start', { bots: [{ botId: 'short-straddle' }], from: '2026-11-25', to: '2026-11-25' })).toMatchObject({ ok: false, error: { kind: 'not-available' } });
    const s = sink();
    expect(router.subscribe('backtests', {}, s).ok).toBe(true);
    expect(s.snapshots).toEqual([[]]);
  });

  it('lists a kept run, answers its result in the contract’s shape, and refuses bad input naming the field', async () => {
    ({ dir, store } = openTempStore('bt-router-'));
    const ran = await runBacktest({ bots: [{ id: 'short-straddle' }], underlyings: ['NIFTY'], from: '2026-11-25', to: '2026-11-25', data: { kind: 'simulator', seed: 1 }, warmupSessions: 0 });
    if (!ran.ok) throw new Error(ran.error.message);
    const runId = saveBacktest(store, ran.value, 1_700_000_000_000, 'kept');
    service = createBacktestService({ store, now: () => 1_700_000_100_000, logger: silentLogger() });
    const router = createRouter(NO_ENGINE, silentLogger(), 'bridge', { backtests: service });

    const s = sink();
    expect(router.subscribe('backtests', {}, s).ok).toBe(true);
    const [list] = s.snapshots.map((x) => streams.backtests.snapshot.parse(x));
    expect(list).toEqual([{ id: runId, runId, state: 'done', label: 'kept', from: '2026-11-25', to: '2026-11-25', bots: ['short-straddle'], createdAt: 1_700_000_000_000, progress: null, summary: { netPnl: ran.value.portfolio.metrics.netPnl, sharpe: null, maxDrawdownPct: ran.value.portfolio.metrics.maxDrawdownPct, trades: ran.value.portfolio.metrics.trades } }]);

    const got = await router.invoke('backtest:get', { id: runId });
    if (!got.ok) throw new Error(got.error.message);
    const detail = commands['backtest:get'].output.parse(got.value);
    expect(detail.result?.days).toEqual(['2026-11-25']);
    expect(detail.result?.request).toMatchObject({ underlyings: ['NIFTY'], warmupSessions: 0 });

    const report = await router.invoke('backtest:report', { id: runId });
    if (!report.ok) throw new Error(report.error.message);
    expect(commands['backtest:report'].output.parse(report.value)).toMatchObject({ fileName: `backtest-${runId}.html`, html: expect.stringContaining('<h1>Backtest 2026-11-25 to 2026-11-25 — short-straddle</h1>') });
    expect(await router.invoke('backtest:report', { id: 'ffffffffffffffff' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });

    expect(await router.invoke('backtest:get', { id: '../etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'id' } });
    expect(await router.invoke('backtest:get', { id: 'ffffffffffffffff' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await router.invoke('backtest:cancel', { id: 'bt-none' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await router.invoke('backtest:start', { bots: [{ botId: 'no-such-bot' }], from: '2026-11-25', to: '2026-11-25' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'bots.0.id' } });
    expect(await router.invoke('backtest:start', { bots: [], from: '2026-11-25', to: '2026-11-25' })).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: 'bots' } });
    expect(await router.invoke('backtest:start', { bots: [{ botId: 'short-straddle' }], from: '2026-11-25', to: '2026-11-25', data: { kind: 'history', database: '/etc/passwd' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(s.deltas).toEqual([]);
  }, 60_000);
});
