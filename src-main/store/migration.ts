import type BetterSqlite3 from 'better-sqlite3';
import { err, ok, type Result } from '#core/result';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export type MigrationError =
  | { kind: 'migration-failed'; version: number; name: string; message: string }
  | { kind: 'database-newer'; current: number; known: number; message: string }
  | { kind: 'migrations-invalid'; message: string };

export interface MigrationReport {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly number[];
}

/** The schema version recorded in the database; reads only (a database this app may not touch stays untouched). */
export function currentVersion(db: BetterSqlite3.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Brings the database to the newest schema, each migration in its own transaction, so a failure leaves
 * the database at the last good version. A database written by a newer app is refused before anything
 * is written: an older build must not guess at tables it does not know. The version is also kept in
 * the file header (`PRAGMA user_version`), where the store reads it without opening the database.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[], nowMs: number): Result<MigrationReport, MigrationError> {
  for (let i = 0; i < migrations.length; i++) {
    if (migrations[i]!.version !== i + 1) {
      return err({ kind: 'migrations-invalid', message: `migration #${i} has version ${migrations[i]!.version}, expected ${i + 1}` });
    }
  }
  const from = currentVersion(db);
  if (from > migrations.length) {
    return err({
      kind: 'database-newer',
      current: from,
      known: migrations.length,
      message: `the database is at schema version ${from}, newer than this app knows (${migrations.length}); update the app`,
    });
  }
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations.slice(from)) {
    try {
      db.transaction(() => {
        db.exec(m.sql);
        record.run(m.version, m.name, nowMs);
        db.pragma(`user_version = ${m.version}`);
      })();
      applied.push(m.version);
    } catch (e) {
      return err({ kind: 'migration-failed', version: m.version, name: m.name, message: `migration ${m.version} (${m.name}) failed: ${(e as Error).message}` });
    }
  }
  const to = currentVersion(db);
  // Databases migrated before the header carried the version get it now.
  if (db.pragma('user_version', { simple: true }) !== to) db.pragma(`user_version = ${to}`);
  return ok({ from, to, applied });
}
