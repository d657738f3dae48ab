import type BetterSqlite3 from 'better-sqlite3';
import { IST_OFFSET_MS } from '#core/time-ist';
import type { Timeframe } from '#model/bar';
import type { BarSource } from './bar-cache.ts';
import { HISTORY_SCHEMA_SQL } from './schema.ts';

/** Which stored series to list: an instrument id's start (`NFO:NIFTY`, `NSE_INDEX:`) and a bar size, each optional. */
export interface HistoryFilter {
  readonly prefix?: string;
  readonly timeframe?: Timeframe;
  /** Series listed at most; the rest are counted, not listed. */
  readonly limit: number;
}

/** Bars of a series by where they came from; `unknown` for bars stored before sources were kept. */
export type SourceCounts = Readonly<Record<BarSource | 'unknown', number>>;

/** One instrument at one bar size as the cache holds it. */
export interface HistorySeries {
  readonly instrumentId: string;
  readonly timeframe: string;
  readonly bars: number;
  /** Start of the first and of the last bar, epoch ms. */
  readonly firstTs: number;
  readonly lastTs: number;
  /** IST calendar days with at least one bar. */
  readonly sessions: number;
  readonly sources: SourceCounts;
}

export interface HistoryListing {
  /** In instrument then bar-size order, at most `limit`. */
  readonly series: readonly HistorySeries[];
  /** Every series the filter matched, and their bars, listed or not. */
  readonly totalSeries: number;
  readonly totalBars: number;
}

const DAY_MS = 86_400_000;

/** A bound above every id starting with `prefix`: ids are ASCII (EXCHANGE:SYMBOL), below U+FFFF byte for byte. */
const prefixEnd = (prefix: string): string => `${prefix}\uffff`;

type Row = [instrumentId: string, timeframe: string, bars: number, firstTs: number, lastTs: number, sessions: number, simulator: number, feed: number, csv: number, bhavcopy: number, openalgo: number, unknown: number];

/** How long one slice of the pass may hold the engine's thread before it lets other work run. */
const SLICE_MS = 20;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * What history the cache holds, per instrument and bar size, from SQL aggregates: one pass over the
 * `bars` primary key in its own order (instrument, bar size, time), so grouping needs no sort and no bar
 * is built in memory. Only `limit` series are kept; the others are counted as the pass goes by.
 *
 * The pass reads every matching row (a prefix narrows it to that range of the key), about 1 s for
 * 3 million rows, so it runs in slices: after `sliceMs` it stops between two series, lets the engine's
 * other work run, and goes on after the last series it read (keyset paging: no statement stays open
 * across turns, so the connection is free for the engine's writes meanwhile). A slice holds the thread
 * for at most `sliceMs` or one series, whichever is longer.
 */
export function createBarHistoryList(sqlite: BetterSqlite3.Database, sliceMs = SLICE_MS): (filter: HistoryFilter) => Promise<HistoryListing> {
  sqlite.exec(HISTORY_SCHEMA_SQL);
  const select = (where: string) =>
    sqlite
      .prepare(
        `SELECT instrument_id, timeframe, COUNT(*), MIN(ts_start), MAX(ts_start),
           COUNT(DISTINCT (ts_start + ${IST_OFFSET_MS}) / ${DAY_MS}),
           SUM(source = 'simulator'), SUM(source = 'feed'), SUM(source = 'csv'), SUM(source = 'bhavcopy'), SUM(source = 'openalgo'), SUM(source IS NULL)
         FROM bars WHERE (instrument_id, timeframe) > (@afterId, @afterTimeframe) ${where}
         GROUP BY instrument_id, timeframe ORDER BY instrument_id, timeframe`,
      )
      .raw();
  const statements = {
    all: select(''),
    prefix: select('AND instrument_id >= @from AND instrument_id < @to'),
    timeframe: select('AND timeframe = @timeframe'),
    both: select('AND instrument_id >= @from AND instrument_id < @to AND timeframe = @timeframe'),
  };

  return async (filter) => {
    const range = filter.prefix !== undefined ? { from: filter.prefix, to: prefixEnd(filter.prefix) } : undefined;
    const statement = range ? (filter.timeframe ? statements.both : statements.prefix) : filter.timeframe ? statements.timeframe : statements.all;
    const series: HistorySeries[] = [];
    let totalSeries = 0;
    let totalBars = 0;
    // The key search starts here: (prefix, '') comes before every series whose id starts with the prefix.
    let after = { afterId: filter.prefix ?? '', afterTimeframe: '' };
    for (;;) {
      const sliceEnd = performance.now() + sliceMs;
      let finished = true;
      for (const row of statement.iterate({ ...after, ...range, ...(filter.timeframe ? { timeframe: filter.timeframe } : {}) }) as IterableIterator<Row>) {
        totalSeries++;
        totalBars += row[2];
        after = { afterId: row[0], afterTimeframe: row[1] };
        if (series.length < filter.limit) {
          const [instrumentId, timeframe, bars, firstTs, lastTs, sessions, simulator, feed, csv, bhavcopy, openalgo, unknown] = row;
          series.push({ instrumentId, timeframe, bars, firstTs, lastTs, sessions, sources: { simulator, feed, csv, bhavcopy, openalgo, unknown } });
        }
        if (performance.now() >= sliceEnd) {
          finished = false;
          break;
        }
      }
      if (finished) return { series, totalSeries, totalBars };
      await nextTurn();
    }
  };
}
