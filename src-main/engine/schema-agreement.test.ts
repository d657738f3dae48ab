import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstrumentId } from '#model/ids';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { HISTORY_SCHEMA_SQL } from '#market/history/schema';
import { openStore } from '#store/database';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The store owns the migrations; the market history cache states the tables it expects. They must agree. */
describe('store migrations and the market history schema', () => {
  it('the store schema is the one the market history cache expects (its idempotent SQL changes nothing)', async () => {
    const r = openStore(path.join(dir, 'history.sqlite'), 1);
    if (!r.ok) throw new Error('open');
    const before = r.value.sqlite.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all();
    r.value.sqlite.exec(HISTORY_SCHEMA_SQL);
    const norm = (rows: unknown[]) => (rows as { name: string; sql: string | null }[]).map((x) => [x.name, (x.sql ?? '').replace(/\s+/g, ' ').replace('IF NOT EXISTS ', '')]);
    expect(norm(r.value.sqlite.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all())).toEqual(norm(before));
    await r.value.close();
  });

  it("the history cache made on a bare file has the store's tables column for column", async () => {
    const store = openStore(path.join(dir, 'store.sqlite'), 1);
    if (!store.ok) throw new Error(store.error.message);
    const bare = new BetterSqlite3(path.join(dir, 'bare.sqlite'));
    createSqliteBarCache(bare);
    const columns = (db: BetterSqlite3.Database, table: string) => db.pragma(`table_xinfo(${table})`);
    for (const table of ['bars', 'history_coverage', 'ticks']) expect(columns(bare, table)).toEqual(columns(store.value.sqlite, table));
    bare.close();
    await store.value.close();
  });

  it('a file the history cache made by itself opens as the terminal database with its bars and their sources', async () => {
    const file = path.join(dir, 'cache.sqlite');
    const bare = new BetterSqlite3(file);
    const bar = { instrumentId: 'NSE_INDEX:NIFTY' as InstrumentId, timeframe: '1m' as const, tsStart: 60_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 0, closed: true };
    createSqliteBarCache(bare).save([bar], 'simulator');
    bare.close();
    const r = openStore(file, 1);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.sqlite.prepare('SELECT close, source FROM bars').all()).toEqual([{ close: 1.5, source: 'simulator' }]);
    await r.value.close();
  });
});
