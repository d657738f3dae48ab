import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, storeErrorFix } from './database.ts';
import { migrate } from './migration.ts';
import { MIGRATIONS } from './migrations/index.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-checks-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Everything about the file a refusal must leave as it was. */
function fingerprint(file: string) {
  const bytes = fs.readFileSync(file);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    journalModeBytes: [bytes[18], bytes[19]],
    mtimeMs: fs.statSync(file).mtimeMs,
    siblings: fs.readdirSync(path.dirname(file)).sort(),
  };
}

/** A database as a future version of this app would leave it: schema and header version 99, rollback journal. */
function futureDatabase(file: string, opts: { header: boolean; wal: boolean }): void {
  const db = new BetterSqlite3(file);
  expect(migrate(db, MIGRATIONS, 1).ok).toBe(true);
  db.prepare("INSERT INTO schema_version VALUES (99, 'future', 1)").run();
  db.pragma(`user_version = ${opts.header ? 99 : 0}`);
  db.pragma(`journal_mode = ${opts.wal ? 'WAL' : 'DELETE'}`);
  db.close();
}

/** A real database of a few megabytes: enough pages that the middle of the file is table and index data. */
async function bigDatabase(file: string): Promise<void> {
  const r = openStore(file, 1);
  if (!r.ok) throw new Error(r.error.message);
  const insert = r.value.sqlite.prepare("INSERT INTO bars VALUES ('NSE_INDEX:NIFTY', '1m', ?, ?, ?, ?, ?, ?, NULL, 'simulator')");
  r.value.sqlite.transaction(() => {
    for (let i = 0; i < 40_000; i++) insert.run(i * 60_000, 24_000 + i, 24_010 + i, 23_990 + i, 24_005 + i, 1000 + i);
  })();
  await r.value.close();
}

describe('opening the database safely', () => {
  it('creates the database 0600, with its WAL and shared-memory files 0600 too', async () => {
    const file = path.join(dir, 'terminal.sqlite');
    const r = openStore(file, 1);
    if (!r.ok) throw new Error(r.error.message);
    r.value.sqlite.prepare("INSERT INTO bars VALUES ('NSE_INDEX:NIFTY', '1m', 0, 1, 1, 1, 1, 0, NULL, 'simulator')").run();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect((fs.statSync(f).mode & 0o777).toString(8)).toBe('600');
    expect(r.value.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    await r.value.close();
  });

  it.each([
    { name: 'rollback journal', wal: false },
    { name: 'WAL', wal: true },
  ])('refuses a newer database ($name) before changing anything: bytes, mtime, header and no -wal file', ({ wal }) => {
    const file = path.join(dir, 'terminal.sqlite');
    futureDatabase(file, { header: true, wal });
    const before = fingerprint(file);
    const r = openStore(file, 2);
    expect(r.ok ? 'opened' : r.error.kind).toBe('database-newer');
    expect(fingerprint(file)).toEqual(before);
    expect(before.siblings).toEqual(['terminal.sqlite']);
    expect(r.ok ? '' : r.error.message).toContain(file);
    expect(r.ok ? '' : r.error.message).toMatch(/newer version.*not changed/);
  });

  it('tells a command-line user to pick another folder only when the file cannot be opened, not when it is newer', () => {
    const file = path.join(dir, 'terminal.sqlite');
    futureDatabase(file, { header: true, wal: false });
    const newer = openStore(file, 2);
    // A "folder" that is a plain file: nothing can be created in it.
    fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
    const missing = openStore(path.join(dir, 'not-a-folder', 'terminal.sqlite'), 2);
    if (newer.ok || missing.ok) throw new Error('both must be refused');
    expect(missing.error.kind).toBe('store-open-failed');
    expect(storeErrorFix(missing.error)).toBe('choose a data folder you can write with --data-dir');
    expect(storeErrorFix(newer.error)).not.toMatch(/you can write/);
    expect(storeErrorFix({ kind: 'migration-failed', version: 1, name: 'bars', message: 'table bars already exists' })).toMatch(/not changed/);
  });

  it('refuses a newer database whose version is only in its schema table, still without writing', () => {
    const file = path.join(dir, 'terminal.sqlite');
    futureDatabase(file, { header: false, wal: false });
    const before = fingerprint(file);
    const r = openStore(file, 2);
    expect(r.ok ? 'opened' : r.error.kind).toBe('database-newer');
    expect(fingerprint(file)).toEqual(before);
  });

  it('reports 64 KB of garbage in the middle of a real database, names the file and says what to do, and changes nothing', async () => {
    const file = path.join(dir, 'terminal.sqlite');
    await bigDatabase(file);
    const size = fs.statSync(file).size;
    expect(size).toBeGreaterThan(1_000_000);
    const garbage = Buffer.alloc(64 * 1024);
    let x = 12345;
    for (let i = 0; i < garbage.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      garbage[i] = x >>> 24;
    }
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, garbage, 0, garbage.length, Math.floor(size / 2));
    fs.closeSync(fd);
    const before = fingerprint(file);

    const r = openStore(file, 2);
    expect(r.ok ? 'opened' : r.error.kind).toBe('database-corrupt');
    const message = r.ok ? '' : r.error.message;
    expect(message).toContain(file);
    expect(message).toMatch(/damaged/);
    expect(message).toMatch(/move terminal\.sqlite aside/);
    expect(message).not.toContain('\n');
    expect(fingerprint(file)).toEqual(before);
  });

  it('reports a file that is not a database without handing it to SQLite', () => {
    const file = path.join(dir, 'terminal.sqlite');
    fs.writeFileSync(file, 'this is a spreadsheet, not a database'.repeat(10));
    const before = fingerprint(file);
    const r = openStore(file, 1);
    expect(r.ok ? 'opened' : r.error.message).toMatch(/is damaged \(it is not a SQLite database\)/);
    expect(fingerprint(file)).toEqual(before);
  });

  it('does not open a database through a symbolic link', () => {
    const real = path.join(dir, 'real.sqlite');
    const db = new BetterSqlite3(real);
    db.close();
    const link = path.join(dir, 'terminal.sqlite');
    fs.symlinkSync(real, link);
    const r = openStore(link, 1);
    expect(r.ok ? 'opened' : r.error.message).toMatch(/symbolic link/);
  });

  it('records the schema version in the header of a database an older build migrated', async () => {
    const file = path.join(dir, 'terminal.sqlite');
    const old = new BetterSqlite3(file);
    expect(migrate(old, MIGRATIONS, 1).ok).toBe(true);
    old.pragma('user_version = 0');
    old.close();
    const r = openStore(file, 2);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.migration.applied).toEqual([]);
    expect(r.value.sqlite.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    await r.value.close();
  });
});
