import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { createSqliteBarCache } from './bar-cache.ts';

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
    cache.save([bar(1, 100)]);
    cache.saveRecorded([bar(0, 10), bar(1, 11), bar(2, 12)]);
    expect((await cache.range(NIFTY, '1m', T0, T0 + 3 * 60_000)).map((b) => b.close)).toEqual([10, 100, 12]);
    cache.save([bar(2, 200)]);
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
});
