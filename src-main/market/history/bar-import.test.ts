import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bar } from '#model/bar';
import { instrumentId, type InstrumentId } from '#model/ids';
import { createSqliteBarCache } from './bar-cache.ts';
import { BarWriteError, beginBarImport, type BarImportOptions } from './bar-import.ts';
import { importCsv, importCsvStream } from './csv-import.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const BANKNIFTY = instrumentId('NSE_INDEX', 'BANKNIFTY');
const T0 = Date.UTC(2026, 10, 25, 3, 45);
const bar = (id: InstrumentId, timeframe: '1m' | '5m', i: number, close: number): Bar => ({ instrumentId: id, timeframe, tsStart: T0 + i * 60_000, open: close, high: close + 1, low: close - 1, close, volume: i, closed: true });
/** Thirteen bars over two instruments and two timeframes, so slices cross every part of the staging key. */
const BARS: readonly Bar[] = [
  ...[0, 1, 2, 3].map((i) => bar(NIFTY, '1m', i, 100 + i)),
  ...[0, 5, 10].map((i) => bar(NIFTY, '5m', i, 200 + i)),
  ...[0, 1, 2, 3, 4, 5].map((i) => bar(BANKNIFTY, '1m', i, 300 + i)),
];
const OHLCV = { format: 'ohlcv', instrumentId: NIFTY, timeframe: '1m', timezone: 'Asia/Kolkata', stamp: 'start' } as const;

let dir: string;
let file: string;
let db: Database.Database;
/** A second connection to the same file: another process writing, as `npm run import:csv` beside a running terminal. */
let other: Database.Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bar-import-'));
  file = path.join(dir, 'terminal.sqlite');
  db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 0');
  createSqliteBarCache(db);
  other = new Database(file);
  other.pragma('busy_timeout = 0');
});
afterEach(() => {
  other.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const stored = (): unknown[] => db.prepare('SELECT instrument_id, timeframe, ts_start, open, high, low, close, volume, oi, source FROM bars ORDER BY instrument_id, timeframe, ts_start').all();
const stagingTables = (): number => db.prepare("SELECT count(*) FROM temp.sqlite_master WHERE name LIKE 'bar_import_%'").pluck().get() as number;

function staged(options: BarImportOptions): ReturnType<typeof beginBarImport> {
  const imp = beginBarImport(db, () => undefined, 'csv', options);
  BARS.forEach((b, line) => imp.add(b, line + 2));
  return imp;
}

describe('a bar import written in slices', () => {
  it('writes every staged bar as one transaction would, slice after slice, pausing between slices only', async () => {
    const whole = beginBarImport(db, () => undefined, 'csv');
    BARS.forEach((b, line) => whole.add(b, line + 2));
    expect(whole.commit()).toEqual({ bars: 13, instruments: 2 });
    const once = stored();
    db.exec('DELETE FROM bars');

    for (const [sliceRows, pauses] of [
      [4, 3],
      [13, 0],
      [1, 12],
      [100, 0],
    ] as const) {
      const seen: number[] = [];
      const imp = staged({ sliceRows, pause: async () => void seen.push((db.prepare('SELECT count(*) FROM bars').pluck().get() as number)) });
      expect(await imp.commitInSlices()).toEqual({ bars: 13, instruments: 2 });
      expect(stored()).toEqual(once);
      // Each pause comes after a whole slice is committed.
      expect(seen).toEqual(Array.from({ length: pauses }, (_, k) => (k + 1) * sliceRows));
      expect(stagingTables()).toBe(0);
      db.exec('DELETE FROM bars');
    }
  });

  it('leaves the write lock free between slices: another connection writes in the pause', async () => {
    let writes = 0;
    const imp = staged({
      sliceRows: 5,
      pause: async () => {
        other.exec('BEGIN IMMEDIATE');
        other.prepare("INSERT INTO bars (instrument_id, timeframe, ts_start, open, high, low, close, volume, oi, source) VALUES ('NSE:SBIN', '1m', ?, 1, 1, 1, 1, 0, NULL, 'feed')").run(T0 + writes++ * 60_000);
        other.exec('COMMIT');
      },
    });
    expect(await imp.commitInSlices()).toEqual({ bars: 13, instruments: 2 });
    expect(writes).toBe(2);
    expect(db.prepare('SELECT count(*) FROM bars').pluck().get()).toBe(15);
  });

  it('stages without the main database write lock, so a terminal writing meanwhile is never held up by the staging', () => {
    other.exec('BEGIN IMMEDIATE');
    const imp = beginBarImport(db, () => undefined, 'csv');
    for (let i = 0; i < 3000; i++) imp.add(bar(NIFTY, '1m', i, 100), i + 2);
    expect(() => imp.flush()).not.toThrow();
    other.exec('COMMIT');
    imp.abort();
  });

  it('a slice the store refuses ends the import with how many were written, the rest not, the staging dropped', async () => {
    const imp = staged({
      sliceRows: 4,
      // Another program takes the write lock after the second slice and keeps it past the wait.
      pause: async () => {
        if (db.prepare('SELECT count(*) FROM bars').pluck().get() === 8) other.exec('BEGIN IMMEDIATE');
      },
    });
    const failed = await imp.commitInSlices().catch((e: unknown) => e);
    other.exec('COMMIT');
    expect(failed).toBeInstanceOf(BarWriteError);
    expect(failed).toMatchObject({ written: 8, total: 13, message: 'writing the bars failed after 8 of 13 were written: database is locked' });
    expect(stored()).toHaveLength(8);
    expect(stagingTables()).toBe(0);
    expect(() => imp.add(BARS[0]!, 2)).toThrow('this bar import has already ended');
  });
});

describe('a CSV import the store refuses', () => {
  const csv = 'time,open,high,low,close\n2026-11-25 09:15:00,1,2,1,2\n2026-11-25 09:16:00,2,3,2,3\n2026-11-25 09:17:00,3,4,3,4\n';
  const chunks = async function* (text: string): AsyncIterable<Uint8Array> {
    yield Buffer.from(text);
  };

  it('is a write-failed error saying nothing was written, in memory and streamed', async () => {
    const cache = createSqliteBarCache(db);
    other.exec('BEGIN IMMEDIATE');
    expect(importCsv(csv, OHLCV, cache)).toEqual({ ok: false, error: { kind: 'write-failed', written: 0, message: 'writing the bars failed, nothing was written: database is locked' } });
    expect(await importCsvStream(chunks(csv), OHLCV, cache)).toEqual({ ok: false, error: { kind: 'write-failed', written: 0, message: 'writing the bars failed, nothing was written: database is locked' } });
    other.exec('COMMIT');
    expect(stored()).toEqual([]);
    expect(stagingTables()).toBe(0);
  });

  it('midway through a streamed file says how many were written and that importing again writes the rest', async () => {
    const cache = createSqliteBarCache(db);
    const slicing: BarImportOptions = { sliceRows: 2, pause: async () => void other.exec('BEGIN IMMEDIATE') };
    const r = await importCsvStream(chunks(csv), OHLCV, cache, undefined, slicing);
    other.exec('COMMIT');
    expect(r).toEqual({
      ok: false,
      error: { kind: 'write-failed', written: 2, message: 'writing the bars failed after 2 of 3 were written: database is locked; import the file again to write the rest (bars written twice get the same values)' },
    });
    expect(await importCsvStream(chunks(csv), OHLCV, cache)).toEqual({ ok: true, value: { bars: 3, instruments: 1 } });
    expect(stored()).toHaveLength(3);
  });
});
