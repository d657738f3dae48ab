import type { Migration } from '../migration.ts';

/**
 * The bot manager's records beyond migration 003:
 * - signals gain the evaluation's kind (entry, exit, adjustment), the rule that fired, and `detail`: the
 *   inputs, each source's score and weight, the combined score, the regime, the notes and the intents a
 *   taken decision produced (JSON), so a stored signal explains a trade or its absence as fully as the
 *   one streamed at the time;
 * - iv_daily: each underlying's ATM implied volatility at each session's close, the history a seller's
 *   IV percentile reads once it is long enough (until then India VIX's daily closes stand in).
 */
export const migration007: Migration = {
  version: 7,
  name: 'bot-signals',
  sql: `
    ALTER TABLE signals ADD COLUMN kind TEXT NOT NULL DEFAULT 'entry' CHECK (kind IN ('entry', 'exit', 'adjustment'));
    ALTER TABLE signals ADD COLUMN rule TEXT NOT NULL DEFAULT '';
    ALTER TABLE signals ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
    CREATE INDEX signals_time ON signals(ts_event);
    CREATE TABLE iv_daily (
      underlying TEXT NOT NULL,
      date_key TEXT NOT NULL CHECK (date_key GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      atm_iv REAL NOT NULL CHECK (atm_iv > 0),
      PRIMARY KEY (underlying, date_key)
    );
  `,
};
