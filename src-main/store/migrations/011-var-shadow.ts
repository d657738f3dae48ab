import type { Migration } from '../migration.ts';

/**
 * Portfolio VaR history (engine/var): one row per refresh, method, horizon and confidence. Shadow A/B
 * (engine/shadow): each variant a bot runs on paper beside itself, and the variant's signals, orders and
 * fills in tables of their own, so nothing of a variant can enter the real book, its P&L or risk.
 */
export const migration011: Migration = {
  version: 11,
  name: 'var-history-and-shadow-variants',
  sql: `
    CREATE TABLE var_history (
      ts INTEGER NOT NULL,
      method TEXT NOT NULL CHECK (method IN ('historical', 'monte-carlo')),
      horizon TEXT NOT NULL,
      confidence REAL NOT NULL,
      var REAL NOT NULL,
      es REAL NOT NULL,
      var_low REAL NOT NULL,
      var_high REAL NOT NULL,
      scenarios INTEGER NOT NULL,
      legs INTEGER NOT NULL,
      worst TEXT NOT NULL,
      PRIMARY KEY (ts, method, horizon, confidence)
    ) WITHOUT ROWID;
    CREATE TABLE shadow_variants (
      variant_id TEXT PRIMARY KEY,
      bot_id TEXT NOT NULL,
      label TEXT NOT NULL,
      settings TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'stopped', 'promoted')),
      ts_created INTEGER NOT NULL,
      ts_ended INTEGER
    );
    CREATE TABLE shadow_signals (
      variant_id TEXT NOT NULL REFERENCES shadow_variants(variant_id),
      signal_id TEXT NOT NULL,
      ts_event INTEGER NOT NULL,
      payload TEXT NOT NULL,
      PRIMARY KEY (variant_id, signal_id)
    );
    CREATE TABLE shadow_orders (
      variant_id TEXT NOT NULL REFERENCES shadow_variants(variant_id),
      order_id TEXT NOT NULL,
      intent_id TEXT NOT NULL,
      instrument_id TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      reference_price REAL NOT NULL,
      ts INTEGER NOT NULL,
      PRIMARY KEY (variant_id, order_id)
    );
    CREATE TABLE shadow_fills (
      variant_id TEXT NOT NULL REFERENCES shadow_variants(variant_id),
      trade_id TEXT NOT NULL,
      order_id TEXT NOT NULL,
      instrument_id TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      price REAL NOT NULL,
      charges REAL NOT NULL,
      ts_event INTEGER NOT NULL,
      PRIMARY KEY (variant_id, trade_id)
    );
    CREATE INDEX shadow_fills_time ON shadow_fills(variant_id, ts_event);
  `,
};
