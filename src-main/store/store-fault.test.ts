import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeFaultOf } from './store-fault.ts';

let dir: string;
let file: string;
let db: Database.Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-fault-'));
  file = path.join(dir, 'terminal.sqlite');
  db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT NOT NULL)');
});
afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('it did not throw');
};

describe('which refusals of the database are the machine’s, not the code’s', () => {
  it('a write lock another connection holds past the wait', () => {
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    db.pragma('busy_timeout = 0');
    const fault = storeFaultOf(thrown(() => db.prepare("INSERT INTO t (s) VALUES ('x')").run()));
    other.exec('ROLLBACK');
    other.close();
    expect(fault).toEqual({ code: 'SQLITE_BUSY', message: "database is locked (another program held the database's write lock for more than 5 s)" });
  });

  it('a full disk (the database at its page limit stands in for one)', () => {
    db.pragma('max_page_count = 8');
    const insert = db.prepare('INSERT INTO t (s) VALUES (?)');
    const fault = storeFaultOf(thrown(() => {
      for (let i = 0; i < 10_000; i++) insert.run('x'.repeat(500));
    }));
    expect(fault).toEqual({ code: 'SQLITE_FULL', message: 'database or disk is full (the disk is full)' });
  });

  it('a file that cannot be written', () => {
    const readOnly = new Database(file, { readonly: true });
    const fault = storeFaultOf(thrown(() => readOnly.prepare("INSERT INTO t (s) VALUES ('x')").run()));
    readOnly.close();
    expect(fault).toMatchObject({ code: 'SQLITE_READONLY', message: expect.stringContaining('(the database file cannot be written)') });
  });

  it('not a broken constraint, bad SQL, a closed database or anything else thrown', () => {
    db.prepare("INSERT INTO t (n, s) VALUES (1, 'x')").run();
    expect(storeFaultOf(thrown(() => db.prepare("INSERT INTO t (n, s) VALUES (1, 'y')").run()))).toBeUndefined();
    expect(storeFaultOf(thrown(() => db.prepare('INSERT INTO t (s) VALUES (NULL)').run()))).toBeUndefined();
    expect(storeFaultOf(thrown(() => db.prepare('SELECT nope FROM t').get()))).toBeUndefined();
    const statement = db.prepare('SELECT n FROM t');
    db.close();
    expect(storeFaultOf(thrown(() => statement.get()))).toBeUndefined();
    expect(storeFaultOf(new Error('database is locked'))).toBeUndefined();
    expect(storeFaultOf(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBeUndefined();
    expect(storeFaultOf('SQLITE_BUSY')).toBeUndefined();
  });
});
