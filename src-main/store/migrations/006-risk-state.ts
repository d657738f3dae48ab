import type { Migration } from '../migration.ts';

/**
 * Risk state that must survive a restart (risk/ports.ts `RiskStateStore`): one row with the trading
 * state and its cause, the risk day's P&L marks (start, peak, best ever, last seen) and the limits in
 * force; and the declared exit rules with their trailing high-water marks. Transitions themselves go to
 * the append-only audit_log (migration 005).
 */
export const migration006: Migration = {
  version: 6,
  name: 'risk-state',
  sql: `
    CREATE TABLE risk_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      day_key TEXT NOT NULL CHECK (day_key GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      trading_state TEXT NOT NULL CHECK (trading_state IN ('active', 'reducing', 'halted')),
      cause TEXT,
      since INTEGER NOT NULL,
      day_start_pnl REAL NOT NULL,
      day_peak_pnl REAL NOT NULL,
      overall_peak_pnl REAL NOT NULL,
      last_pnl REAL NOT NULL,
      limits TEXT NOT NULL,
      ts_last INTEGER NOT NULL
    );
    CREATE TABLE risk_exit_rules (
      rule_id TEXT PRIMARY KEY,
      spec TEXT NOT NULL,
      high_water REAL,
      triggered_at INTEGER,
      fired_reason TEXT,
      fired_threshold REAL
    );
  `,
};
