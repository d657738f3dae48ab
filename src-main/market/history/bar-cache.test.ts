import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { createSqliteBarCache } from './bar-cache.ts';
import { importCsv } from './csv-import.ts';

const NIFTY = 'NSE_INDEX:NIFTY' as InstrumentId;
const T0 = Date.UTC(2026, 10, 25, 3, 45);
const bar = (minute: number, close: number): Bar => ({ instrumentId: NIFTY, timeframe: '1m', tsStart: T0 + minute * 60_000, open: close, high: close, low: close, close, volume: 0, closed: true });

describe('recorded bars beside fetched history', () => {
  const dirs: string[] = [];
  const open = (): Database.Database => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bar-cache-'));
    dirs.push(dir);
    return new Database(path.join(dir, 'history.sqlite'));
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a recording never replaces a stored bar; a fetch replaces a recorded one', async () => {
    const db = open();
    const cache = createSqliteBarCache(db);
    cache.save([bar(1, 100)], 'openalgo');
    cache.saveRecorded([bar(0, 10), bar(1, 11), bar(2, 12)]);
    expect((await cache.range(NIFTY, '1m', T0, T0 + 3 * 60_000)).map((b) => b.close)).toEqual([10, 100, 12]);
    cache.save([bar(2, 200)], 'openalgo');
    expect((await cache.range(NIFTY, '1m', T0, T0 + 3 * 60_000)).map((b) => b.close)).toEqual([10, 100, 200]);
    db.close();
  });

  it('writes a recorded batch all or nothing', async () => {
    const db = open();
    const cache = createSqliteBarCache(db);
    expect(() => cache.saveRecorded([bar(0, 10), { ...bar(1, 11), open: null as unknown as number }])).toThrow();
    expect(await cache.range(NIFTY, '1m', T0, T0 + 3 * 60_000)).toEqual([]);
    db.close();
  });

  it('marks every bar with where it came from, on each way in', () => {
    const db = open();
    const cache = createSqliteBarCache(db);
    cache.save([bar(0, 10)], 'simulator');
    cache.saveRecorded([bar(1, 11)]);
    cache.saveFetched(NIFTY, '1m', ['2026-11-25'], [bar(2, 12)], T0);
    const csv = importCsv('time,open,high,low,close\n2026-11-25 09:18:00,13,13,13,13\n', { format: 'ohlcv', instrumentId: NIFTY, timeframe: '1m', timezone: 'Asia/Kolkata', stamp: 'start' }, cache);
    expect(csv.ok).toBe(true);
    const bhav = [
      'TradDt,BizDt,Sgmt,Src,FinInstrmTp,FinInstrmId,ISIN,TckrSymb,SctySrs,XpryDt,FininstrmActlXpryDt,StrkPric,OptnTp,FinInstrmNm,OpnPric,HghPric,LwPric,ClsPric,LastPric,PrvsClsgPric,UndrlygPric,SttlmPric,OpnIntrst,ChngInOpnIntrst,TtlTradgVol,TtlTrfVal,TtlNbOfTxsExctd,SsnId,NewBrdLotQty,Rmks,Rsvd1,Rsvd2,Rsvd3,Rsvd4',
      '2026-11-25,2026-11-25,FO,NSE,IDO,1,,NIFTY,,2026-12-29,2026-12-29,26000,CE,x,300,350,280,320,320,310,26150,320,500000,100,2000000,0,0,F1,75,,,,,',
    ].join('\n');
    expect(importCsv(bhav, { format: 'nse-fo-bhavcopy' }, cache).ok).toBe(true);
    const sources = db.prepare("SELECT timeframe, ts_start, source FROM bars ORDER BY timeframe, ts_start").all() as { timeframe: string; ts_start: number; source: string }[];
    expect(sources.map((r) => r.source)).toEqual(['bhavcopy', 'simulator', 'feed', 'openalgo', 'csv']);
    db.close();
  });

  it('a download replacing a bar replaces where it came from; a recording keeps the stored one', () => {
    const db = open();
    const cache = createSqliteBarCache(db);
    cache.save([bar(0, 10)], 'csv');
    cache.saveRecorded([bar(0, 11)]);
    cache.saveFetched(NIFTY, '1m', ['2026-11-25'], [bar(0, 12)], T0);
    expect(db.prepare('SELECT close, source FROM bars').all()).toEqual([{ close: 12, source: 'openalgo' }]);
    expect(() => db.prepare("UPDATE bars SET source = 'somewhere'").run()).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('reads a read-only cache made before bars had a source, without preparing writes', async () => {
    const db = open();
    db.exec(`CREATE TABLE bars (instrument_id TEXT NOT NULL, timeframe TEXT NOT NULL, ts_start INTEGER NOT NULL, open REAL NOT NULL, high REAL NOT NULL,
      low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL DEFAULT 0, oi REAL, PRIMARY KEY (instrument_id, timeframe, ts_start)) WITHOUT ROWID;
      CREATE TABLE history_coverage (instrument_id TEXT NOT NULL, timeframe TEXT NOT NULL, date_key TEXT NOT NULL, bar_count INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL, PRIMARY KEY (instrument_id, timeframe, date_key)) WITHOUT ROWID;
      CREATE TABLE ticks (instrument_id TEXT NOT NULL, ts_event INTEGER NOT NULL, seq INTEGER NOT NULL, ltp REAL NOT NULL, volume REAL, oi REAL,
        PRIMARY KEY (instrument_id, ts_event, seq)) WITHOUT ROWID;`);
    db.prepare('INSERT INTO bars VALUES (?, ?, ?, 1, 1, 1, 1, 0, NULL)').run(NIFTY, '1m', T0);
    const file = db.name;
    db.close();
    const readOnly = new Database(file, { readonly: true });
    const cache = createSqliteBarCache(readOnly);
    expect((await cache.range(NIFTY, '1m', T0, T0 + 60_000)).map((b) => b.close)).toEqual([1]);
    expect(() => cache.save([bar(1, 2)], 'csv')).toThrow(/readonly|no column named source/);
    readOnly.close();
  });
});
