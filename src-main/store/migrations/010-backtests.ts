import type { Migration } from '../migration.ts';

/**
 * Backtest results (backtest/result-store.ts): one row per run with the request, the whole result as JSON
 * and the headline figures as columns to list and compare runs by; the trade list as rows to query.
 * A run's id is the hash of its result, so saving the same result twice keeps one row.
 */
export const migration010: Migration = {
  version: 10,
  name: 'backtests',
  sql: `
    CREATE TABLE backtest_runs (
      run_id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      label TEXT NOT NULL,
      from_day TEXT NOT NULL,
      to_day TEXT NOT NULL,
      bots TEXT NOT NULL,
      net_pnl REAL NOT NULL,
      sharpe REAL,
      max_drawdown_pct REAL NOT NULL,
      trades INTEGER NOT NULL,
      request TEXT NOT NULL,
      result TEXT NOT NULL
    );
    CREATE INDEX backtest_runs_created ON backtest_runs(created_at);
    CREATE TABLE backtest_trades (
      run_id TEXT NOT NULL REFERENCES backtest_runs(run_id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      bot_id TEXT NOT NULL,
      instrument_id TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('long', 'short')),
      quantity INTEGER NOT NULL,
      entry_ts INTEGER NOT NULL,
      exit_ts INTEGER NOT NULL,
      entry_price REAL NOT NULL,
      exit_price REAL NOT NULL,
      gross_pnl REAL NOT NULL,
      charges REAL NOT NULL,
      net_pnl REAL NOT NULL,
      signal TEXT NOT NULL,
      reason TEXT NOT NULL,
      exit_reason TEXT NOT NULL,
      PRIMARY KEY (run_id, seq)
    );
  `,
};
