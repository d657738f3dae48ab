import type { Migration } from '../migration.ts';

/**
 * History loading and replay: which (instrument, timeframe, session) the loader already fetched, so a
 * day that legitimately has no bars is not fetched again, and recorded ticks for the replay feed.
 * Mirrors `HISTORY_SCHEMA_SQL` in market/history/schema.ts (the `bars` table is migration 001).
 */
export const migration004: Migration = {
  version: 4,
  name: 'history-coverage-and-ticks',
  sql: `
    CREATE TABLE history_coverage (
      instrument_id TEXT NOT NULL,
      timeframe TEXT NOT NULL,
      date_key TEXT NOT NULL,
      bar_count INTEGER NOT NULL,
      fetched_at INTEGER NOT NULL,
      PRIMARY KEY (instrument_id, timeframe, date_key)
    ) WITHOUT ROWID;
    CREATE TABLE ticks (
      instrument_id TEXT NOT NULL,
      ts_event INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      ltp REAL NOT NULL,
      volume REAL,
      oi REAL,
      PRIMARY KEY (instrument_id, ts_event, seq)
    ) WITHOUT ROWID;
  `,
};
