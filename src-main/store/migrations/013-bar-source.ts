import type { Migration } from '../migration.ts';

/**
 * Where each stored bar came from: `simulator` (recorded from the seeded simulator), `feed` (built by the
 * terminal from its own feed as it ran), `csv` (an OHLCV export imported), `bhavcopy` (an NSE F&O bhavcopy
 * imported) or `openalgo` (downloaded from OpenAlgo's history). Bars stored before this migration have
 * none (NULL): where they came from was never recorded. Mirrors `HISTORY_SCHEMA_SQL` in market/history/schema.ts.
 */
export const migration013: Migration = {
  version: 13,
  name: 'bar-source',
  sql: `
    ALTER TABLE bars ADD COLUMN source TEXT CHECK (source IN ('simulator', 'feed', 'csv', 'bhavcopy', 'openalgo'));
  `,
};
