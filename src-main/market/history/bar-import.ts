import type BetterSqlite3 from 'better-sqlite3';
import type { Bar } from '#model/bar';

/**
 * An all-or-nothing import of any number of bars with flat memory: bars are staged in a temporary table
 * (on disk beyond SQLite's page cache, never all in JavaScript), duplicates are found by its key, and
 * only `commit` writes them to `bars`, in one transaction.
 *
 * Bars are staged in batches, each in one short synchronous transaction on the temporary database (which
 * locks nothing in the terminal's own), so no transaction is left open while the caller waits for input.
 */
export interface BarImport {
  /** Queues a bar for staging. A duplicate of an earlier bar (same instrument, timeframe and start) is reported, not kept. */
  add(bar: Bar, line: number): void;
  /** Stages the queued bars now (commit does it too). */
  flush(): void;
  /** Upserts every staged bar into `bars` in one transaction and ends the import. */
  commit(): { bars: number; instruments: number };
  /** Drops everything staged; `bars` is untouched. */
  abort(): void;
}

const BATCH = 1024;
let importCount = 0;

/** `onDuplicate(line, firstLine)` is told of each bar whose key an earlier line already had; every bar is stored with `source`. */
export function beginBarImport(sqlite: BetterSqlite3.Database, onDuplicate: (line: number, firstLine: number) => void, source: 'csv' | 'bhavcopy'): BarImport {
  const table = `temp.bar_import_${++importCount}`;
  sqlite.exec(`CREATE TABLE ${table} (
    instrument_id TEXT NOT NULL, timeframe TEXT NOT NULL, ts_start INTEGER NOT NULL,
    open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL, oi REAL,
    line INTEGER NOT NULL,
    PRIMARY KEY (instrument_id, timeframe, ts_start)
  ) WITHOUT ROWID`);
  const stage = sqlite.prepare(`INSERT INTO ${table} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const firstLine = sqlite.prepare(`SELECT line FROM ${table} WHERE instrument_id = ? AND timeframe = ? AND ts_start = ?`).pluck();
  const queued: { bar: Bar; line: number }[] = [];
  let done = false;

  const stageAll = sqlite.transaction(() => {
    for (const { bar, line } of queued) {
      const r = stage.run(bar.instrumentId, bar.timeframe, bar.tsStart, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.oi ?? null, line);
      if (r.changes === 0) onDuplicate(line, firstLine.get(bar.instrumentId, bar.timeframe, bar.tsStart) as number);
    }
  });
  const flush = (): void => {
    if (queued.length === 0) return;
    stageAll.immediate();
    queued.length = 0;
  };
  const live = (): void => {
    if (done) throw new Error('this bar import has already ended');
  };

  return {
    add(bar, line) {
      live();
      queued.push({ bar, line });
      if (queued.length >= BATCH) flush();
    },
    flush() {
      live();
      flush();
    },
    commit() {
      live();
      flush();
      const counts = sqlite.prepare(`SELECT COUNT(*) AS bars, COUNT(DISTINCT instrument_id) AS instruments FROM ${table}`).get() as { bars: number; instruments: number };
      sqlite.transaction(() => {
        sqlite
          .prepare(
            `INSERT INTO bars (instrument_id, timeframe, ts_start, open, high, low, close, volume, oi, source)
             SELECT instrument_id, timeframe, ts_start, open, high, low, close, volume, oi, ? FROM ${table} WHERE true
             ON CONFLICT (instrument_id, timeframe, ts_start) DO UPDATE SET
               open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume, oi = excluded.oi, source = excluded.source`,
          )
          .run(source);
        sqlite.exec(`DROP TABLE ${table}`);
      }).immediate();
      done = true;
      return counts;
    },
    abort() {
      if (done) return;
      done = true;
      queued.length = 0;
      sqlite.exec(`DROP TABLE IF EXISTS ${table}`);
    },
  };
}
