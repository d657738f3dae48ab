import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './database.ts';
import { adoptHistoryCache } from './history-cache-adoption.ts';
import { currentVersion } from './migration.ts';
import { MIGRATIONS } from './migrations/index.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopt-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A history cache as the market module created it on a bare file before its bars had a source. */
function bareCache(file: string): void {
  const db = new BetterSqlite3(file);
  db.exec(`
    CREATE TABLE bars (instrument_id TEXT NOT NULL, timeframe TEXT NOT NULL, ts_start INTEGER NOT NULL, open REAL NOT NULL, high REAL NOT NULL,
      low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL DEFAULT 0, oi REAL, PRIMARY KEY (instrument_id, timeframe, ts_start)) WITHOUT ROWID;
    CREATE TABLE history_coverage (instrument_id TEXT NOT NULL, timeframe TEXT NOT NULL, date_key TEXT NOT NULL, bar_count INTEGER NOT NULL,
      fetched_at INTEGER NOT NULL, PRIMARY KEY (instrument_id, timeframe, date_key)) WITHOUT ROWID;
    CREATE TABLE ticks (instrument_id TEXT NOT NULL, ts_event INTEGER NOT NULL, seq INTEGER NOT NULL, ltp REAL NOT NULL, volume REAL, oi REAL,
      PRIMARY KEY (instrument_id, ts_event, seq)) WITHOUT ROWID;
    INSERT INTO bars VALUES ('NSE_INDEX:NIFTY', '1m', 60000, 1, 2, 0.5, 1.5, 0, NULL), ('NSE_INDEX:NIFTY', '1d', 0, 1, 3, 0.5, 2.5, 10, 7);
    INSERT INTO history_coverage VALUES ('NSE_INDEX:NIFTY', '1m', '2026-11-25', 375, 99);
    INSERT INTO ticks VALUES ('NSE_INDEX:NIFTY', 60000, 0, 1.25, NULL, NULL);
  `);
  db.close();
}

const rows = (db: BetterSqlite3.Database, sql: string) => db.prepare(sql).all();

describe('a history cache made without the store', () => {
  it('opens as the terminal database at the newest version with every bar, session and tick it held', async () => {
    const file = path.join(dir, 'recorded.sqlite');
    bareCache(file);
    const r = openStore(file, 5);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.migration).toEqual({ from: 0, to: MIGRATIONS.length, applied: MIGRATIONS.map((m) => m.version) });
    const s = r.value.sqlite;
    expect(rows(s, 'SELECT instrument_id, timeframe, ts_start, open, high, low, close, volume, oi FROM bars ORDER BY timeframe')).toEqual([
      { instrument_id: 'NSE_INDEX:NIFTY', timeframe: '1d', ts_start: 0, open: 1, high: 3, low: 0.5, close: 2.5, volume: 10, oi: 7 },
      { instrument_id: 'NSE_INDEX:NIFTY', timeframe: '1m', ts_start: 60000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 0, oi: null },
    ]);
    expect(rows(s, 'SELECT * FROM history_coverage')).toEqual([{ instrument_id: 'NSE_INDEX:NIFTY', timeframe: '1m', date_key: '2026-11-25', bar_count: 375, fetched_at: 99 }]);
    expect(rows(s, 'SELECT ts_event, ltp FROM ticks')).toEqual([{ ts_event: 60000, ltp: 1.25 }]);
    expect(rows(s, "SELECT name FROM sqlite_master WHERE name LIKE 'adopted_%'")).toEqual([]);
    await r.value.close();
    const again = openStore(file, 6);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.migration.applied).toEqual([]);
    await again.value.close();
  });

  it('stays exactly as it was when a migration fails', () => {
    const file = path.join(dir, 'recorded.sqlite');
    bareCache(file);
    const db = new BetterSqlite3(file);
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE orders (oops);' }];
    const r = adoptHistoryCache(db, broken, 1);
    expect(r?.ok).toBe(false);
    if (r && !r.ok) expect(r.error.message).toMatch(/broken.*failed: table orders already exists/);
    expect(currentVersion(db)).toBe(0);
    expect(rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).toEqual([{ name: 'bars' }, { name: 'history_coverage' }, { name: 'ticks' }]);
    expect(rows(db, 'SELECT COUNT(*) AS n FROM bars')).toEqual([{ n: 2 }]);
    db.close();
  });

  it('leaves a file with other tables to the plain migrations, which refuse it', () => {
    const file = path.join(dir, 'other.sqlite');
    bareCache(file);
    const db = new BetterSqlite3(file);
    db.exec('CREATE TABLE notes (text TEXT)');
    expect(adoptHistoryCache(db, MIGRATIONS, 1)).toBeUndefined();
    db.close();
    const r = openStore(file, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/migration 1 \(bars\) failed: table bars already exists/);
  });
});
