import type { Migration } from '../migration.ts';

/**
 * Execution: what the order manager needs beyond migration 002 to rebuild itself after a crash.
 * - orders gain the send instant (an unknown outcome is matched against order-book rows placed after
 *   it), the reduce-only flag, the refusal reason and the structure leg an order belongs to;
 * - structures and their legs (multi-leg units, hedge-first, with their failure policy);
 * - findings: what the trader must look at (ambiguous unknown outcome, overfill, orphaned leg); an open
 *   blocking finding keeps its bot blocked across restarts;
 * - audit_log: append-only record of every intent, order, state change, fill, risk decision and user
 *   action. Triggers refuse UPDATE and DELETE so not even a bug in this app can rewrite history.
 */
export const migration005: Migration = {
  version: 5,
  name: 'execution',
  sql: `
    ALTER TABLE orders ADD COLUMN reason TEXT;
    ALTER TABLE orders ADD COLUMN sent_at INTEGER;
    ALTER TABLE orders ADD COLUMN reduce_only INTEGER NOT NULL DEFAULT 0 CHECK (reduce_only IN (0, 1));
    ALTER TABLE orders ADD COLUMN structure_id TEXT;
    ALTER TABLE orders ADD COLUMN leg_index INTEGER;
    ALTER TABLE orders ADD COLUMN leg_role TEXT CHECK (leg_role IS NULL OR leg_role IN ('entry', 'exit'));
    CREATE INDEX orders_intent ON orders(intent_id);
    CREATE INDEX orders_structure ON orders(structure_id, leg_index);
    CREATE INDEX fills_order ON fills(client_order_id);

    CREATE TABLE structures (
      structure_id TEXT PRIMARY KEY,
      intent_id TEXT NOT NULL REFERENCES intents(intent_id),
      bot_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      product TEXT NOT NULL,
      policy TEXT NOT NULL,
      status TEXT NOT NULL,
      reason TEXT,
      margin_blocked REAL NOT NULL DEFAULT 0,
      ts_init INTEGER NOT NULL,
      ts_last INTEGER NOT NULL
    );
    CREATE INDEX structures_status ON structures(status);
    CREATE TABLE structure_legs (
      structure_id TEXT NOT NULL REFERENCES structures(structure_id),
      leg_index INTEGER NOT NULL,
      instrument_id TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      type TEXT NOT NULL CHECK (type IN ('MARKET', 'LIMIT')),
      limit_price REAL,
      attempts INTEGER NOT NULL DEFAULT 0,
      exit_attempts INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (structure_id, leg_index)
    ) WITHOUT ROWID;

    CREATE TABLE findings (
      finding_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('warning', 'critical')),
      bot_id TEXT,
      subject TEXT NOT NULL,
      message TEXT NOT NULL,
      details TEXT NOT NULL,
      blocking INTEGER NOT NULL CHECK (blocking IN (0, 1)),
      status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
      resolution TEXT,
      ts_raised INTEGER NOT NULL,
      ts_resolved INTEGER
    );
    CREATE INDEX findings_open ON findings(status, bot_id);

    CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      ts INTEGER NOT NULL,
      kind TEXT NOT NULL,
      actor TEXT NOT NULL,
      subject TEXT,
      payload TEXT NOT NULL
    );
    CREATE INDEX audit_log_ts ON audit_log(ts);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END;
  `,
};
