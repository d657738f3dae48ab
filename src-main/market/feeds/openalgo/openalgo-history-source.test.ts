import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import { createOpenAlgoClient } from '#openalgo/client';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { loadHistory } from '#market/history/history-loader';
import { openAlgoHistorySource } from './openalgo-history-source.ts';

let sim: OpenAlgoSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => sim.close());

const source = () => openAlgoHistorySource(createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock() }));

describe('history through OpenAlgo (simulator on loopback)', () => {
  it('loads 5-minute candles in chunks, caches them, and never refetches a cached session', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const request = { symbol: 'NIFTY', exchange: 'NSE_INDEX', timeframe: '5m' as const, fromDateKey: '2026-11-16', toDateKey: '2026-11-20', nowMs: Date.now(), chunkSessions: 2 };
    const progress: number[] = [];
    const first = await loadHistory(source(), cache, { ...request, onProgress: (p) => progress.push(p.doneSessions) });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.requests).toBe(3);
    expect(first.value.bars.length).toBe(5 * 75);
    expect(first.value.bars[0]).toMatchObject({ instrumentId: instrumentId('NSE_INDEX', 'NIFTY'), tsStart: istToEpoch(2026, 11, 16, 9, 15), closed: true });
    expect(progress.at(-1)).toBe(5);
    const before = sim.requestCount('history');
    const again = await loadHistory(source(), cache, request);
    expect(again.ok && again.value.requests).toBe(0);
    expect(sim.requestCount('history')).toBe(before);
  });

  it('stamps daily candles at the session open', async () => {
    const r = await source().fetch('NIFTY', 'NSE_INDEX', '1d', '2026-11-16', '2026-11-17');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map((b) => b.tsStart)).toEqual([istToEpoch(2026, 11, 16, 9, 15), istToEpoch(2026, 11, 17, 9, 15)]);
  });

  it('passes an unknown symbol through as a typed error', async () => {
    const r = await source().fetch('NOPE', 'NSE', '1m', '2026-11-16', '2026-11-16');
    expect(!r.ok && r.error.kind).toBe('validation');
  });
});
