import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

});
