import type { Migration } from '../migration.ts';

/**
 * The durable order path: an intent is written before anything is sent, every order state change is
 * appended to order_events, and fills are unique by trade id so a fill reported twice cannot double a
 * position.
 */
export const migration002: Migration = {
  version: 2,
  name: 'orders',
  sql: `
    CREATE TABLE intents (
      intent_id TEXT PRIMARY KEY,
      bot_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      ts_init INTEGER NOT NULL
    );
    CREATE TABLE orders (
      client_order_id TEXT PRIMARY KEY,
      broker_order_id TEXT UNIQUE,
      intent_id TEXT REFERENCES intents(intent_id),
      bot_id TEXT,
      instrument_id TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
      type TEXT NOT NULL,
      product TEXT NOT NULL,
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      limit_price REAL,
      trigger_price REAL,
      status TEXT NOT NULL,
      filled_quantity INTEGER NOT NULL DEFAULT 0,
      avg_fill_price REAL NOT NULL DEFAULT 0,
      ts_init INTEGER NOT NULL,
      ts_last INTEGER NOT NULL
    );
    CREATE INDEX orders_status ON orders(status);
    CREATE TABLE order_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      client_order_id TEXT NOT NULL REFERENCES orders(client_order_id),
      kind TEXT NOT NULL,
      payload TEXT NOT NULL,
      ts_event INTEGER NOT NULL
    );
    CREATE INDEX order_events_order ON order_events(client_order_id, seq);
    CREATE TABLE fills (
      trade_id TEXT PRIMARY KEY,
      client_order_id TEXT NOT NULL REFERENCES orders(client_order_id),
      broker_order_id TEXT,
      instrument_id TEXT NOT NULL,
      side TEXT NOT NULL CHECK (side IN ('BUY', 'SELL')),
      quantity INTEGER NOT NULL CHECK (quantity > 0),
      price REAL NOT NULL,
      charges REAL NOT NULL DEFAULT 0,
      ts_event INTEGER NOT NULL
    );
    CREATE INDEX fills_instrument ON fills(instrument_id, ts_event);
  `,
};
