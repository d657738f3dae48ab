import type { Migration } from '../migration.ts';

/**
 * Migration 011 also created `shadow_orders` and `shadow_fills`, but a variant's orders and fills live in
 * its own database file (engine/shadow/shadow-order-path.ts), written by its own order manager: those two
 * tables were never written. Dropped so that nobody takes them for the variant's record. The variants and
 * their signals stay.
 */
export const migration012: Migration = {
  version: 12,
  name: 'drop-unused-shadow-order-tables',
  sql: `
    DROP INDEX IF EXISTS shadow_fills_time;
    DROP TABLE IF EXISTS shadow_fills;
    DROP TABLE IF EXISTS shadow_orders;
  `,
};
