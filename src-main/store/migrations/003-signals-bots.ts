import type { Migration } from '../migration.ts';

export const migration003: Migration = {
  version: 3,
  name: 'signals-and-bot-state',
  sql: `
    CREATE TABLE signals (
      signal_id TEXT PRIMARY KEY,
      bot_id TEXT NOT NULL,
      instrument_id TEXT NOT NULL,
      ts_event INTEGER NOT NULL,
      direction TEXT NOT NULL,
      strength REAL NOT NULL,
      scores TEXT NOT NULL,
      decision TEXT NOT NULL,
      reason TEXT
    );
    CREATE INDEX signals_bot_time ON signals(bot_id, ts_event);
    CREATE TABLE bot_state (
      bot_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      state TEXT NOT NULL,
      settings TEXT NOT NULL,
      ts_last INTEGER NOT NULL
    );
  `,
};
