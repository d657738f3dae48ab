import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './database.ts';
import { currentVersion, migrate } from './migration.ts';
import { MIGRATIONS } from './migrations/index.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const tables = (db: BetterSqlite3.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('store migrations on a real SQLite file', () => {
  it('creates a fresh database at the newest version in WAL mode', async () => {
    const file = path.join(dir, 'fresh.sqlite');
    const r = openStore(file, 1000);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.migration).toEqual({ from: 0, to: MIGRATIONS.length, applied: MIGRATIONS.map((m) => m.version) });
    expect(r.value.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tables(r.value.sqlite)).toEqual(expect.arrayContaining(['audit_log', 'bars', 'bot_state', 'fills', 'findings', 'history_coverage', 'intents', 'order_events', 'orders', 'schema_version', 'signals', 'structure_legs', 'structures', 'ticks']));
    await r.value.close();
  });

  it('upgrades a version-1 database and keeps its data', async () => {
    const file = path.join(dir, 'old.sqlite');
    const old = new BetterSqlite3(file);
    expect(migrate(old, MIGRATIONS.slice(0, 1), 1).ok).toBe(true);
    old.prepare("INSERT INTO bars VALUES ('NSE_INDEX:NIFTY', '1m', 60000, 1, 2, 0.5, 1.5, 0, NULL)").run();
    old.close();

    const r = openStore(file, 2000);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.migration.from).toBe(1);
    expect(r.value.migration.applied).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    const bars = await r.value.db.selectFrom('bars').selectAll().where('instrument_id', '=', 'NSE_INDEX:NIFTY').execute();
    expect(bars).toHaveLength(1);
    expect(bars[0]?.close).toBe(1.5);
    const versions = r.value.sqlite.prepare('SELECT version, applied_at FROM schema_version ORDER BY version').all();
    expect(versions).toEqual([{ version: 1, applied_at: 1 }, ...MIGRATIONS.slice(1).map((m) => ({ version: m.version, applied_at: 2000 }))]);
    await r.value.close();
  });

  it('is idempotent: reopening applies nothing', async () => {
    const file = path.join(dir, 'again.sqlite');
    const a = openStore(file, 1);
    if (!a.ok) throw new Error('open');
    await a.value.close();
    const b = openStore(file, 2);
    if (!b.ok) throw new Error('open');
    expect(b.value.migration.applied).toEqual([]);
    await b.value.close();
  });

  it('rolls back a failing migration and stays at the last good version', () => {
    const db = new BetterSqlite3(path.join(dir, 'fail.sqlite'));
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE x (a INTEGER); CREATE TABLE bars (oops);' }];
    const r = migrate(db, broken, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('migration-failed');
    expect(currentVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('x');
    db.close();
  });

  it('refuses a database from a newer app', async () => {
    const file = path.join(dir, 'newer.sqlite');
    const db = new BetterSqlite3(file);
    migrate(db, MIGRATIONS, 1);
    db.prepare("INSERT INTO schema_version VALUES (99, 'future', 1)").run();
    db.close();
    const r = openStore(file, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('database-newer');
  });

  it('rejects duplicate fills by trade id at the schema level', async () => {
    const r = openStore(path.join(dir, 'fills.sqlite'), 1);
    if (!r.ok) throw new Error('open');
    const s = r.value.sqlite;
    s.prepare("INSERT INTO orders (client_order_id, instrument_id, side, type, product, quantity, status, ts_init, ts_last) VALUES ('c1', 'NFO:X', 'BUY', 'MARKET', 'MIS', 75, 'accepted', 1, 1)").run();
    const fill = s.prepare("INSERT INTO fills (trade_id, client_order_id, instrument_id, side, quantity, price, ts_event) VALUES ('t1', 'c1', 'NFO:X', 'BUY', 75, 100, 2)");
    fill.run();
    expect(() => fill.run()).toThrow(/UNIQUE/);
    await r.value.close();
  });
});
