import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Bar, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { createSqliteBarCache } from './bar-cache.ts';
import { createBarHistoryList } from './bar-history-list.ts';

const bar = (instrumentId: string, timeframe: Timeframe, tsStart: number): Bar => ({ instrumentId: instrumentId as InstrumentId, timeframe, tsStart, open: 1, high: 1, low: 1, close: 1, volume: 0, closed: true });
const NONE = { simulator: 0, feed: 0, csv: 0, bhavcopy: 0, openalgo: 0, unknown: 0 };

describe('the listing of stored history', () => {
  const dirs: string[] = [];
  const open = (): Database.Database => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bar-history-list-'));
    dirs.push(dir);
    return new Database(path.join(dir, 'terminal.sqlite'));
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('counts each series’ bars, IST sessions and sources, older bars without a source as unknown', async () => {
    const db = open();
    const cache = createSqliteBarCache(db);
    // 23:59 and 00:00 IST are two sessions although they are the same UTC day.
    const lateMon = istToEpoch(2026, 11, 23, 23, 59);
    const tue = istToEpoch(2026, 11, 24, 0, 0);
    const wed = istToEpoch(2026, 11, 25, 9, 15);
    cache.save([bar('NSE_INDEX:NIFTY', '1m', lateMon)], 'csv');
    cache.save([bar('NSE_INDEX:NIFTY', '1m', tue)], 'openalgo');
    cache.saveRecorded([bar('NSE_INDEX:NIFTY', '1m', wed), bar('NSE_INDEX:NIFTY', '1m', wed + 60_000)]);
    cache.save([bar('NSE_INDEX:NIFTY', '1d', wed)], 'simulator');
    cache.save([bar('NFO:NIFTY26DEC26000CE', '1d', wed)], 'bhavcopy');
    db.prepare("INSERT INTO bars (instrument_id, timeframe, ts_start, open, high, low, close) VALUES ('NSE_INDEX:NIFTY', '1m', ?, 1, 1, 1, 1)").run(wed + 120_000);

    const list = createBarHistoryList(db);
    expect(await list({ limit: 10 })).toEqual({
      series: [
        { instrumentId: 'NFO:NIFTY26DEC26000CE', timeframe: '1d', bars: 1, firstTs: wed, lastTs: wed, sessions: 1, sources: { ...NONE, bhavcopy: 1 } },
        { instrumentId: 'NSE_INDEX:NIFTY', timeframe: '1d', bars: 1, firstTs: wed, lastTs: wed, sessions: 1, sources: { ...NONE, simulator: 1 } },
        { instrumentId: 'NSE_INDEX:NIFTY', timeframe: '1m', bars: 5, firstTs: lateMon, lastTs: wed + 120_000, sessions: 3, sources: { ...NONE, csv: 1, openalgo: 1, feed: 2, unknown: 1 } },
      ],
      totalSeries: 3,
      totalBars: 7,
    });
    db.close();
  });

  it('filters by an id’s start and by bar size, and lists at most the limit while counting the rest', async () => {
    const db = open();
    const cache = createSqliteBarCache(db);
    const t = istToEpoch(2026, 11, 25, 9, 15);
    for (const id of ['NSE:RELIANCE', 'NSE_INDEX:NIFTY', 'NFO:NIFTY26DEC26000CE', 'NFO:NIFTY26DEC26000PE', 'NFO:BANKNIFTY26DEC52000CE']) cache.save([bar(id, '1m', t), bar(id, '1m', t + 60_000), bar(id, '1d', t)], 'csv');
    const list = createBarHistoryList(db);
    const ids = (l: Awaited<ReturnType<typeof list>>) => l.series.map((s) => `${s.instrumentId} ${s.timeframe}`);

    expect(ids(await list({ prefix: 'NFO:NIFTY', limit: 10 }))).toEqual(['NFO:NIFTY26DEC26000CE 1d', 'NFO:NIFTY26DEC26000CE 1m', 'NFO:NIFTY26DEC26000PE 1d', 'NFO:NIFTY26DEC26000PE 1m']);
    // A prefix is the id's start: NSE takes NSE: and NSE_INDEX:, NSE: only the first.
    expect(ids(await list({ prefix: 'NSE', timeframe: '1m', limit: 10 }))).toEqual(['NSE:RELIANCE 1m', 'NSE_INDEX:NIFTY 1m']);
    expect(ids(await list({ prefix: 'NSE:', limit: 10 }))).toEqual(['NSE:RELIANCE 1d', 'NSE:RELIANCE 1m']);
    expect((await list({ timeframe: '1d', limit: 10 })).series.map((s) => s.bars)).toEqual([1, 1, 1, 1, 1]);
    expect(await list({ prefix: 'BSE:', limit: 10 })).toEqual({ series: [], totalSeries: 0, totalBars: 0 });

    const capped = await list({ limit: 2 });
    expect(ids(capped)).toEqual(['NFO:BANKNIFTY26DEC52000CE 1d', 'NFO:BANKNIFTY26DEC52000CE 1m']);
    expect([capped.totalSeries, capped.totalBars]).toEqual([10, 15]);
    db.close();
  });

  it('answers over 500,000 bars from aggregates, without building bars', async () => {
    // A year of 1-minute bars of 5 instruments (375 a session, 250 sessions ≈ 94k each) is 470k rows; the
    // pass is linear in the rows matched, so a few million rows take a few times as long with flat memory.
    const db = open();
    createSqliteBarCache(db);
    const first = istToEpoch(2025, 1, 1, 9, 15);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
       INSERT INTO bars (instrument_id, timeframe, ts_start, open, high, low, close, source)
       SELECT 'NSE_INDEX:S' || k.k, '1m', ? + (n.i / 375) * 86400000 + (n.i % 375) * 60000, 1, 1, 1, 1, CASE WHEN n.i % 4 = 0 THEN 'feed' ELSE 'csv' END
       FROM n, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) AS k`,
    ).run(first);
    const listing = await createBarHistoryList(db)({ limit: 3 });
    expect([listing.totalSeries, listing.totalBars]).toEqual([5, 500_000]);
    expect(listing.series[0]).toEqual({
      instrumentId: 'NSE_INDEX:S1',
      timeframe: '1m',
      bars: 100_000,
      firstTs: first,
      lastTs: first + Math.floor(99_999 / 375) * 86_400_000 + (99_999 % 375) * 60_000,
      sessions: Math.ceil(100_000 / 375),
      sources: { ...NONE, feed: 25_000, csv: 75_000 },
    });
    db.close();
  });

  it('lets other work run between slices and takes up after the last series it read, writes meanwhile included', async () => {
    const db = open();
    const cache = createSqliteBarCache(db);
    const t = istToEpoch(2026, 11, 25, 9, 15);
    for (const id of ['NSE:A', 'NSE:B', 'NSE:C', 'NSE:D']) cache.save([bar(id, '1m', t), bar(id, '1d', t)], 'csv');
    const whole = await createBarHistoryList(db)({ limit: 10 });
    let turns = 0;
    let listing = true;
    // A write between slices, on the same connection: no statement of the listing is open then.
    const other = (): void => {
      if (!listing) return;
      turns++;
      cache.saveRecorded([bar('NSE:D', '1m', t + turns * 60_000)]);
      setImmediate(other);
    };
    setImmediate(other);
    const sliced = await createBarHistoryList(db, 0)({ limit: 10 });
    listing = false;
    expect(turns).toBeGreaterThanOrEqual(7);
    expect(sliced.series.map((s) => `${s.instrumentId} ${s.timeframe}`)).toEqual(whole.series.map((s) => `${s.instrumentId} ${s.timeframe}`));
    expect(sliced.series.at(-1)!.bars).toBeGreaterThan(1);
    db.close();
  });
});
