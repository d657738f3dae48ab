import type { Migration } from '../migration.ts';

export const migration001: Migration = {
  version: 1,
  name: 'bars',
  sql: `
    CREATE TABLE bars (
      instrument_id TEXT NOT NULL,
      timeframe TEXT NOT NULL,
      ts_start INTEGER NOT NULL,
      open REAL NOT NULL,
      high REAL NOT NULL,
      low REAL NOT NULL,
      close REAL NOT NULL,
      volume REAL NOT NULL DEFAULT 0,
      oi REAL,
      PRIMARY KEY (instrument_id, timeframe, ts_start)
    ) WITHOUT ROWID;
  `,
};
