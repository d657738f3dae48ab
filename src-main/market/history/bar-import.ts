import type BetterSqlite3 from 'better-sqlite3';
import type { Bar } from '#model/bar';

/**
 * An import of any number of bars with flat memory: bars are staged in a temporary table (on disk beyond
 * SQLite's page cache, never all in JavaScript), duplicates are found by its key, and only a commit writes
 * them to `bars`.
 *
 * Bars are staged in batches, each in one short synchronous transaction on the temporary database (which
 * locks nothing in the terminal's own), so no transaction is left open while the caller waits for input.
 */
export interface BarImport {
  /** Queues a bar for staging. A duplicate of an earlier bar (same instrument, timeframe and start) is reported, not kept. */
  add(bar: Bar, line: number): void;
  /** Stages the queued bars now (commit does it too). */
  flush(): void;
  /** Upserts every staged bar into `bars` in one transaction and ends the import (an import held in memory, so small). */
  commit(): ImportCounts;
  /**
   * Upserts every staged bar into `bars`, at most `sliceRows` a transaction with a pause between, and ends
   * the import: a file of any size holds the database's write lock for one slice at a time (about 0.1 s), so
   * a running terminal's writes, waiting their turn, never wait out their timeout, and an import in the
   * engine's own process lets its event loop run between slices. A file of one slice is written whole or
   * not at all; a larger one that fails midway keeps the slices written, which the error counts.
   */
  commitInSlices(): Promise<ImportCounts>;
  /** Drops everything staged; `bars` is untouched. */
  abort(): void;
}

export interface ImportCounts {
  readonly bars: number;
  readonly instruments: number;
}

/** A write to `bars` that failed: how many of the staged bars were written before it (0 when it was the first slice). */
export class BarWriteError extends Error {
  readonly written: number;
  readonly total: number;
  constructor(written: number, total: number, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(written === 0 ? `writing the bars failed, nothing was written: ${why}` : `writing the bars failed after ${written} of ${total} were written: ${why}`, { cause });
    this.name = 'BarWriteError';
    this.written = written;
    this.total = total;
  }
}

export interface BarImportOptions {
  /** Staged bars written per transaction by `commitInSlices` (default 50,000: about 0.1 s of the write lock). */
  readonly sliceRows?: number;
  /**
   * Awaited between two slices. The default, 100 ms, is the longest sleep of SQLite's busy handler between
   * two tries, so a writer waiting in another process tries at least once while the lock is free.
   */
  readonly pause?: () => Promise<void>;
}

const BATCH = 1024;
const SLICE_ROWS = 50_000;
const PAUSE_MS = 100;
let importCount = 0;

/** `onDuplicate(line, firstLine)` is told of each bar whose key an earlier line already had; every bar is stored with `source`. */
export function beginBarImport(
  sqlite: BetterSqlite3.Database,
  onDuplicate: (line: number, firstLine: number) => void,
  source: 'csv' | 'bhavcopy',
  options: BarImportOptions = {},
): BarImport {
  const sliceRows = options.sliceRows ?? SLICE_ROWS;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, PAUSE_MS)));
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
  // Slices follow the staging table's key, so each is a range of its primary key ('' sorts before every instrument id).
  const key = '(instrument_id, timeframe, ts_start)';
  const sliceEnd = sqlite.prepare(`SELECT instrument_id, timeframe, ts_start FROM ${table} WHERE ${key} > (?, ?, ?) ORDER BY instrument_id, timeframe, ts_start LIMIT 1 OFFSET ?`).raw();
  const upsertWhere = (where: string): BetterSqlite3.Statement =>
    sqlite.prepare(
      `INSERT INTO bars (instrument_id, timeframe, ts_start, open, high, low, close, volume, oi, source)
       SELECT instrument_id, timeframe, ts_start, open, high, low, close, volume, oi, ? FROM ${table} WHERE ${where}
       ON CONFLICT (instrument_id, timeframe, ts_start) DO UPDATE SET
         open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume, oi = excluded.oi, source = excluded.source`,
    );
  const upsert = { all: upsertWhere('true'), rest: upsertWhere(`${key} > (?, ?, ?)`), range: upsertWhere(`${key} > (?, ?, ?) AND ${key} <= (?, ?, ?)`) };
  const count = (): ImportCounts => sqlite.prepare(`SELECT COUNT(*) AS bars, COUNT(DISTINCT instrument_id) AS instruments FROM ${table}`).get() as ImportCounts;
  const end = (): void => {
    done = true;
    sqlite.exec(`DROP TABLE IF EXISTS ${table}`);
  };

  const stageAll = sqlite.transaction(() => {
    for (const { bar, line } of queued) {
      const r = stage.run(bar.instrumentId, bar.timeframe, bar.tsStart, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.oi ?? null, line);
      if (r.changes === 0) onDuplicate(line, firstLine.get(bar.instrumentId, bar.timeframe, bar.tsStart) as number);
    }
  });
  const flush = (): void => {
    if (queued.length === 0) return;
    // Deferred, not IMMEDIATE: it touches only the temporary database, and IMMEDIATE would take the main one's write lock too.
    stageAll();
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
      const counts = count();
      try {
        sqlite.transaction(() => upsert.all.run(source)).immediate();
      } catch (e) {
        throw new BarWriteError(0, counts.bars, e);
      } finally {
        end();
      }
      return counts;
    },
    async commitInSlices() {
      live();
      flush();
      const counts = count();
      let written = 0;
      try {
        let after: readonly unknown[] = ['', '', 0];
        for (;;) {
          const last = sliceEnd.get(...after, sliceRows - 1) as unknown[] | undefined;
          if (!last) {
            sqlite.transaction(() => upsert.rest.run(source, ...after)).immediate();
            break;
          }
          sqlite.transaction(() => upsert.range.run(source, ...after, ...last)).immediate();
          written += sliceRows;
          if (written === counts.bars) break;
          after = last;
          await pause();
        }
      } catch (e) {
        throw new BarWriteError(written, counts.bars, e);
      } finally {
        end();
      }
      return counts;
    },
    abort() {
      if (done) return;
      queued.length = 0;
      end();
    },
  };
}
