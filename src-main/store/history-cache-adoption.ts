import type BetterSqlite3 from 'better-sqlite3';
import { err, type Result } from '#core/result';
import { currentVersion, migrate, type Migration, type MigrationError, type MigrationReport } from './migration.ts';

/** The tables the market's history cache creates by itself on a bare file (market/history/schema.ts). */
const CACHE_TABLES: readonly string[] = ['bars', 'history_coverage', 'ticks'];

const userTables = (db: BetterSqlite3.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);

const columns = (db: BetterSqlite3.Database, table: string): string[] => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

class Refused extends Error {
  readonly error: MigrationError;
  constructor(error: MigrationError) {
    super(error.message);
    this.error = error;
  }
}

/**
 * A file the history cache wrote without the store (a recording made before the recorder opened the store,
 * a fixture of another tool) holds the history tables and no schema version, so migration 001 would fail
 * on `bars`. Such a file is brought into the store in one transaction: its tables set aside, the
 * migrations run, its rows copied into the migrated tables, the old tables dropped. A failure changes
 * nothing. Undefined when the file is no such cache (the plain migrations apply).
 */
export function adoptHistoryCache(db: BetterSqlite3.Database, migrations: readonly Migration[], nowMs: number): Result<MigrationReport, MigrationError> | undefined {
  if (currentVersion(db) !== 0) return undefined;
  const present = userTables(db);
  if (present.length === 0 || !present.every((t) => CACHE_TABLES.includes(t))) return undefined;
  try {
    return db.transaction(() => {
      for (const t of present) db.exec(`ALTER TABLE ${t} RENAME TO adopted_${t}`);
      const migrated = migrate(db, migrations, nowMs);
      if (!migrated.ok) throw new Refused(migrated.error);
      for (const t of present) {
        const kept = new Set(columns(db, t));
        const shared = columns(db, `adopted_${t}`)
          .filter((c) => kept.has(c))
          .join(', ');
        db.exec(`INSERT INTO ${t} (${shared}) SELECT ${shared} FROM adopted_${t}; DROP TABLE adopted_${t};`);
      }
      return migrated;
    })();
  } catch (e) {
    if (e instanceof Refused) return err(e.error);
    throw e;
  }
}
