/**
 * Tables the market module reads and writes, as idempotent SQL a store migration can run
 * (`sqlite.exec(HISTORY_SCHEMA_SQL)`). `bars` matches the store's migrations 001 and 013 column for column
 * (`source`: where the bar came from, a `BarSource`);
 * `history_coverage` records which (instrument, timeframe, session) the loader has fetched, so a day
 * that legitimately has no bars is not fetched again; `ticks` holds recorded ticks for replay.
 */
export const HISTORY_SCHEMA_SQL = `
  CREATE TABLE IF NOT EXISTS bars (
    instrument_id TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    ts_start INTEGER NOT NULL,
    open REAL NOT NULL,
    high REAL NOT NULL,
    low REAL NOT NULL,
    close REAL NOT NULL,
    volume REAL NOT NULL DEFAULT 0,
    oi REAL,
    source TEXT CHECK (source IN ('simulator', 'feed', 'csv', 'bhavcopy', 'openalgo')),
    PRIMARY KEY (instrument_id, timeframe, ts_start)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS history_coverage (
    instrument_id TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    date_key TEXT NOT NULL,
    bar_count INTEGER NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (instrument_id, timeframe, date_key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS ticks (
    instrument_id TEXT NOT NULL,
    ts_event INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    ltp REAL NOT NULL,
    volume REAL,
    oi REAL,
    PRIMARY KEY (instrument_id, ts_event, seq)
  ) WITHOUT ROWID;
`;
