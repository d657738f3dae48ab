import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../database.ts';
import { migrate } from '../migration.ts';
import { MIGRATIONS } from './index.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-012-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const names = (db: BetterSqlite3.Database, type: 'table' | 'index') =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = ? AND name LIKE 'shadow%' ORDER BY name").all(type) as { name: string }[]).map((r) => r.name);

describe('migration 012 on a version-11 database', () => {
  it("drops the unused shadow order and fill tables and keeps the variants and their signals", async () => {
    const file = path.join(dir, 'v11.sqlite');
    const old = new BetterSqlite3(file);
    expect(migrate(old, MIGRATIONS.slice(0, 11), 1).ok).toBe(true);
    expect(names(old, 'table')).toEqual(['shadow_fills', 'shadow_orders', 'shadow_signals', 'shadow_variants']);
    expect(names(old, 'index')).toContain('shadow_fills_time');
    old.prepare("INSERT INTO shadow_variants VALUES ('momentum-rider~wide', 'momentum-rider', 'wide', '{}', 'running', 5, NULL)").run();
    old.prepare("INSERT INTO shadow_signals VALUES ('momentum-rider~wide', 's1', 6, '{\"id\":\"s1\"}')").run();
    old.prepare("INSERT INTO shadow_orders VALUES ('momentum-rider~wide', 'o1', 'i1', 'NFO:NIFTY', 'BUY', 65, 100, 6)").run();
    old.close();

    const r = openStore(file, 2000);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.migration).toEqual({ from: 11, to: MIGRATIONS.length, applied: MIGRATIONS.slice(11).map((m) => m.version) });
    expect(names(r.value.sqlite, 'table')).toEqual(['shadow_signals', 'shadow_variants']);
    expect(names(r.value.sqlite, 'index')).not.toContain('shadow_fills_time');
    expect(r.value.sqlite.prepare('SELECT variant_id, status FROM shadow_variants').all()).toEqual([{ variant_id: 'momentum-rider~wide', status: 'running' }]);
    expect(r.value.sqlite.prepare('SELECT signal_id FROM shadow_signals').pluck().all()).toEqual(['s1']);
    await r.value.close();
  });
});
