import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { err, ok } from '#core/result';
import { istDateFromKey, istToEpoch } from '#core/time-ist';
import type { Bar, Timeframe } from '#model/bar';
import { instrumentId } from '#model/ids';
import { calendarWithHolidays } from '../test-support.ts';
import { createSqliteBarCache } from './bar-cache.ts';
import { loadHistory, type HistoryProgress, type HistorySource } from './history-loader.ts';

const calendar = calendarWithHolidays('2025-12-25');
const ID = instrumentId('NSE_INDEX', 'NIFTY');
const LATE = istToEpoch(2026, 1, 31, 18, 0);

/** A source that serves 15m bars for any session it is asked about, and records the requests. */
function fakeSource(failOn?: string): HistorySource & { calls: [string, string][] } {
  const calls: [string, string][] = [];
  return {
    calls,
    async fetch(symbol, exchange, interval: Timeframe, from, to) {
      calls.push([from, to]);
      if (failOn && from <= failOn && failOn <= to) return err({ kind: 'rate-limited', message: 'HTTP 429' });
      const bars: Bar[] = [];
      for (let k = from; k <= to; k = calendar.nextTradingDay(k)) {
        const s = calendar.sessionOn(k)!;
        for (let t = s.open; t < s.close; t += 15 * 60_000) bars.push({ instrumentId: instrumentId(exchange, symbol), timeframe: interval, tsStart: t, open: 100, high: 101, low: 99, close: 100.5, volume: 0, closed: true });
      }
      return ok(bars);
    },
  };
}

const request = (from: string, to: string, extra: Partial<Parameters<typeof loadHistory>[2]> = {}) => ({ symbol: 'NIFTY', exchange: 'NSE_INDEX', timeframe: '15m' as const, fromDateKey: from, toDateKey: to, nowMs: LATE, chunkSessions: 5, ...extra });

describe('loadHistory', () => {
  it('fetches in chunks of trading sessions with progress, then serves the range from the cache', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const source = fakeSource();
    const progress: HistoryProgress[] = [];
    const r = await loadHistory(source, cache, request('2025-12-15', '2025-12-31', { onProgress: (p) => progress.push(p) }), calendar);
    expect(r.ok && r.value.requests).toBe(3);
    expect(source.calls).toEqual([
      ['2025-12-15', '2025-12-19'],
      ['2025-12-22', '2025-12-29'],
      ['2025-12-30', '2025-12-31'],
    ]);
    expect(progress.map((p) => p.doneSessions)).toEqual([0, 5, 10, 12]);
    expect(progress.at(-1)!.totalSessions).toBe(12);
    expect(r.ok && r.value.bars.length).toBe(12 * 25);
    expect(r.ok && r.value.bars[0]).toMatchObject({ instrumentId: ID, timeframe: '15m', tsStart: istToEpoch(2025, 12, 15, 9, 15) });
  });

  it('names the holiday or weekend when a range holds no session, and asks the source nothing', async () => {
    const source = fakeSource();
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const weekend = await loadHistory(source, cache, request('2026-11-07', '2026-11-08'));
    expect(!weekend.ok && weekend.error.message).toBe('no NSE trading session from 2026-11-07 to 2026-11-08: 2026-11-07 is a weekend, 2026-11-08 is a weekend; choose a range with a trading day');
    const r = await loadHistory(source, cache, request('2026-11-10', '2026-11-10'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toBe(
      'no NSE trading session from 2026-11-10 to 2026-11-10: 2026-11-10 is a holiday (Diwali Balipratipada); choose a range with a trading day',
    );
    expect(source.calls).toEqual([]);
  });

  it('never refetches what is cached, and fetches only the missing runs', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const source = fakeSource();
    await loadHistory(source, cache, request('2025-12-17', '2025-12-19'), calendar);
    source.calls.length = 0;
    const again = await loadHistory(source, cache, request('2025-12-17', '2025-12-19'), calendar);
    expect(again.ok && again.value).toMatchObject({ requests: 0, cachedSessions: 3 });
    expect(source.calls).toEqual([]);
    const wider = await loadHistory(source, cache, request('2025-12-15', '2025-12-23'), calendar);
    expect(source.calls).toEqual([
      ['2025-12-15', '2025-12-16'],
      ['2025-12-22', '2025-12-23'],
    ]);
    expect(wider.ok && wider.value.bars.length).toBe(7 * 25);
  });

  it('keeps finished chunks when a later one fails, so a retry fetches only the rest', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const failed = await loadHistory(fakeSource('2025-12-23'), cache, request('2025-12-15', '2025-12-31'), calendar);
    expect(!failed.ok && failed.error).toMatchObject({ kind: 'history-source', cause: { kind: 'rate-limited' }, chunk: { from: '2025-12-22', to: '2025-12-29' } });
    const retry = fakeSource();
    const r = await loadHistory(retry, cache, request('2025-12-15', '2025-12-31'), calendar);
    expect(retry.calls[0]).toEqual(['2025-12-22', '2025-12-29']);
    expect(r.ok && r.value.bars.length).toBe(12 * 25);
  });

  it('rejects a chunk with bars outside the asked sessions or impossible OHLC, saving nothing of it', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const bad: HistorySource = {
      async fetch() {
        return ok([{ instrumentId: ID, timeframe: '15m', tsStart: istToEpoch(2025, 12, 15, 9, 15), open: 100, high: 99, low: 98, close: 100, volume: 0, closed: true }]);
      },
    };
    const r = await loadHistory(bad, cache, request('2025-12-15', '2025-12-15'), calendar);
    expect(!r.ok && r.error.kind).toBe('history-invalid');
    expect(await cache.range(ID, '15m', 0, Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect(cache.covered(ID, '15m', ['2025-12-15']).size).toBe(0);
  });

  it('does not mark a session that is still open as fetched', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const source = fakeSource();
    await loadHistory(source, cache, request('2025-12-30', '2025-12-31', { nowMs: istToEpoch(2025, 12, 31, 11, 0) }), calendar);
    expect(cache.covered(ID, '15m', ['2025-12-30', '2025-12-31'])).toEqual(new Set(['2025-12-30']));
  });

  it('restamps daily bars at the session open whatever time of day the source used', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const daily: HistorySource = {
      async fetch() {
        return ok([{ instrumentId: ID, timeframe: '1d', tsStart: istDateFromKey('2025-12-15'), open: 1, high: 2, low: 1, close: 2, volume: 0, closed: true }]);
      },
    };
    const r = await loadHistory(daily, cache, request('2025-12-15', '2025-12-15', { timeframe: '1d' }), calendar);
    expect(r.ok && r.value.bars.map((b) => b.tsStart)).toEqual([istToEpoch(2025, 12, 15, 9, 15)]);
  });
});
