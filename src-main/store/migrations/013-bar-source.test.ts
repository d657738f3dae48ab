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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-013-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('migration 013 on a version-12 database', () => {
  it('gives bars a source: none for the bars already stored, one of the known origins for new ones', async () => {
    const file = path.join(dir, 'v12.sqlite');
    const old = new BetterSqlite3(file);
    expect(migrate(old, MIGRATIONS.slice(0, 12), 1).ok).toBe(true);
    old.prepare("INSERT INTO bars VALUES ('NSE_INDEX:NIFTY', '1m', 60000, 1, 2, 0.5, 1.5, 0, NULL)").run();
    old.close();

    const r = openStore(file, 2000);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.migration).toEqual({ from: 12, to: MIGRATIONS.length, applied: MIGRATIONS.slice(12).map((m) => m.version) });
    const s = r.value.sqlite;
    expect(s.prepare('SELECT close, source FROM bars').all()).toEqual([{ close: 1.5, source: null }]);
    const insert = s.prepare("INSERT INTO bars VALUES ('NSE_INDEX:NIFTY', '1m', ?, 1, 2, 0.5, 1.5, 0, NULL, ?)");
    for (const [k, source] of ['simulator', 'feed', 'csv', 'bhavcopy', 'openalgo'].entries()) insert.run(120_000 + k * 60_000, source);
    expect(() => insert.run(999_999, 'somewhere')).toThrow(/CHECK constraint failed/);
    expect(s.prepare('SELECT COUNT(*) AS n FROM bars').get()).toEqual({ n: 6 });
    await r.value.close();
  });
});
