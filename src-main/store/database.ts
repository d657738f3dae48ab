import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { err, ok, type Result } from '#core/result';
import { migrate, type MigrationError, type MigrationReport } from './migration.ts';
import { MIGRATIONS } from './migrations/index.ts';
import type { Database } from './schema.ts';

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

export type StoreError = MigrationError | { kind: 'store-open-failed'; file: string; message: string };

/**
 * Opens (or creates) the database and migrates it. WAL with synchronous=NORMAL survives a killed
 * process with at most the last transaction lost, never a corrupt file.
 */
export function openStore(file: string, nowMs: number): Result<Store, StoreError> {
  let sqlite: BetterSqlite3.Database;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
  } catch (e) {
    return err({ kind: 'store-open-failed', file, message: `cannot open the database ${file}: ${(e as Error).message}` });
  }
  const migrated = migrate(sqlite, MIGRATIONS, nowMs);
  if (!migrated.ok) {
    sqlite.close();
    return migrated;
  }
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
}
