import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { err, ok, type Result } from '#core/result';
import { readHeader } from './database-header.ts';
import { adoptHistoryCache } from './history-cache-adoption.ts';
import { migrate, type MigrationError, type MigrationReport } from './migration.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { BUSY_TIMEOUT_MS } from './store-fault.ts';

export const DATABASE_FILE_NAME = 'terminal.sqlite';

export interface Store {
  /** Typed queries. */
  readonly db: Kysely<Database>;
  /** The raw handle, for hot batched writes and synchronous transactions. */
  readonly sqlite: BetterSqlite3.Database;
  readonly file: string;
  readonly migration: MigrationReport;
  close(): Promise<void>;
}

export type StoreError =
  | MigrationError
  | { kind: 'store-open-failed'; file: string; message: string }
  | { kind: 'database-corrupt'; file: string; message: string };

/** How many problems quick_check reports at most; the first ones are enough to name the damage. */
const QUICK_CHECK_LIMIT = 5;

function corrupt(file: string, detail: string): StoreError {
  const name = path.basename(file);
  return {
    kind: 'database-corrupt',
    file,
    message:
      `the database ${file} is damaged (${detail}); it was not changed. Quit the terminal, move ${name} aside together with any ` +
      `${name}-wal and ${name}-shm beside it (or restore them from a backup) and start again: a new empty database is created.`,
  };
}

function newer(file: string, current: number, known: number): StoreError {
  return {
    kind: 'database-newer',
    current,
    known,
    message: `the database ${file} was written by a newer version of the terminal (schema ${current}, this version knows ${known}); it was not changed. Update the terminal, or use another data folder.`,
  };
}

/**
 * What a command-line user can do about a store that did not open: only a file that cannot be opened or
 * created is a matter of choosing another folder; a damaged, newer or unmigratable file stays as it was.
 */
export function storeErrorFix(error: StoreError): string {
  switch (error.kind) {
    case 'store-open-failed':
      return 'choose a data folder you can write with --data-dir';
    case 'migration-failed':
    case 'migrations-invalid':
      return 'the file was not changed: use another data folder with --data-dir, or move the file aside and start again';
    default:
      return 'do as the message says, or use another data folder with --data-dir';
  }
}

/** A failure SQLite reports as damage rather than as a locked, missing or unreadable file. */
function isDamage(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT_'));
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * Checks the file before SQLite may write to it: nothing that is not a database, and nothing from a
 * newer app, is opened read-write. A missing file is created 0600 so the database (and its -wal and
 * -shm, which SQLite gives the same mode) is the user's alone.
 */
function precheck(file: string): StoreError | undefined {
  const header = readHeader(file);
  if (header.kind === 'missing') {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, '', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      return { kind: 'store-open-failed', file, message: `cannot create the database ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
    }
    return undefined;
  }
  if (header.kind === 'unreadable') return { kind: 'store-open-failed', file, message: `cannot open the database ${file}: ${header.reason}` };
  if (header.kind === 'not-sqlite') return corrupt(file, 'it is not a SQLite database');
  if (header.kind === 'sqlite' && header.userVersion > MIGRATIONS.length) return newer(file, header.userVersion, MIGRATIONS.length);
  return undefined;
}

/** `PRAGMA quick_check`: every page and b-tree of the file (and its WAL) read once; undefined when sound. */
function damage(sqlite: BetterSqlite3.Database): string | undefined {
  const rows = sqlite.pragma(`quick_check(${QUICK_CHECK_LIMIT})`, { simple: false }) as { quick_check: string }[];
  const problems = rows
    .filter((r) => r.quick_check !== 'ok')
    .flatMap((r) => r.quick_check.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('***'));
  if (problems.length === 0) return rows.some((r) => r.quick_check !== 'ok') ? 'quick_check failed' : undefined;
  return `${problems[0]}${problems.length > 1 ? ', and more' : ''}`;
}

/**
 * Opens (or creates) the database, checks it and migrates it. Order matters: the header, then
 * `quick_check`, then the schema version are read before anything is written (journal mode
 * included), so a damaged database or one from a newer app is reported and left exactly as it was.
 * WAL with synchronous=NORMAL survives a killed process with at most the last transaction lost. A file
 * holding only a history cache made without the store is taken in with its bars (history-cache-adoption.ts).
 */
export function openStore(file: string, nowMs: number): Result<Store, StoreError> {
  const inMemory = file === ':memory:';
  if (!inMemory) {
    const refused = precheck(file);
    if (refused) return err(refused);
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { fileMustExist: !inMemory });
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (e) {
    if (isDamage(e)) return err(corrupt(file, oneLine((e as Error).message)));
    return err({ kind: 'store-open-failed', file, message: `cannot open the database ${file}: ${(e as Error).message}` });
  }
  const fail = (error: StoreError) => {
    sqlite.close();
    return err(error);
  };
  try {
    const problem = damage(sqlite);
    if (problem) return fail(corrupt(file, problem));
    const migrated = adoptHistoryCache(sqlite, MIGRATIONS, nowMs) ?? migrate(sqlite, MIGRATIONS, nowMs);
    if (!migrated.ok) return fail(migrated.error.kind === 'database-newer' ? newer(file, migrated.error.current, migrated.error.known) : migrated.error);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return ok({
      db,
      sqlite,
      file,
      migration: migrated.value,
      close: async () => {
        await db.destroy();
        if (sqlite.open) sqlite.close();
      },
    });
  } catch (e) {
    if (isDamage(e)) return fail(corrupt(file, oneLine((e as Error).message)));
    return fail({ kind: 'store-open-failed', file, message: `cannot open the database ${file}: ${oneLine((e as Error).message)}` });
  }
}
