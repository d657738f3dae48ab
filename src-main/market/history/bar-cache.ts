import type BetterSqlite3 from 'better-sqlite3';
import { istDateKey } from '#core/time-ist';
import type { Bar, Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { beginBarImport, type BarImport, type BarImportOptions } from './bar-import.ts';
import { HISTORY_SCHEMA_SQL } from './schema.ts';

/** A stored bar as SQLite hands it over, without building an object: tsStart, open, high, low, close, volume, oi. */
export type BarRow = readonly [tsStart: number, open: number, high: number, low: number, close: number, volume: number, oi: number | null];
/** A stored tick: tsEvent, its order among ticks of the same instant, ltp, cumulative volume, oi. */
export type TickRow = readonly [tsEvent: number, seq: number, ltp: number, volume: number | null, oi: number | null];

/**
 * Where a stored bar came from: recorded from the seeded simulator, built by the terminal from its own feed
 * as it ran, imported from an OHLCV export or an NSE F&O bhavcopy, or downloaded from OpenAlgo's history.
 */
export type BarSource = 'simulator' | 'feed' | 'csv' | 'bhavcopy' | 'openalgo';

/**
 * Where history lives once fetched or imported. A port: the SQLite implementation below is the
 * default; the store's bar repository offers the same `save`/`range` pair.
 */
export interface BarCache {
  /** Upserts, all or nothing, with where the bars came from (bars stored before sources were kept have none). */
  save(bars: readonly Bar[], source: BarSource): void;
  /**
   * Bars the terminal built from its own feed while it ran, all or nothing. A stored bar of the same
   * instant stands (downloaded or imported history is the exchange's record; a recording may have
   * joined mid-minute), while a later download still replaces a recorded bar through `save`. Their source is `feed`.
   */
  saveRecorded(bars: readonly Bar[]): void;
  range(instrumentId: InstrumentId, timeframe: Timeframe, fromMs: number, toMs: number): Promise<Bar[]>;
  /** Sessions already fetched for this series, among `dateKeys`. */
  covered(instrumentId: InstrumentId, timeframe: Timeframe, dateKeys: readonly string[]): Set<string>;
  /** Saves bars downloaded from OpenAlgo's history (source `openalgo`) and marks their sessions fetched, in one transaction. */
  saveFetched(instrumentId: InstrumentId, timeframe: Timeframe, dateKeys: readonly string[], bars: readonly Bar[], fetchedAt: number): void;
  saveTicks(ticks: readonly Tick[]): void;
  ticks(instrumentId: InstrumentId, fromMs: number, toMs: number): Promise<Tick[]>;
  /**
   * One page of a series for streaming: up to `limit` bars with tsStart in (afterMs, toMs), oldest first.
   * The next page starts after the last row's tsStart (keyset paging), so no cursor stays open on the
   * connection between pages and memory does not grow with the range.
   */
  barRows(instrumentId: InstrumentId, timeframe: Timeframe, afterMs: number, toMs: number, limit: number): readonly BarRow[];
  /** One page of ticks after (afterMs, afterSeq) and before toMs, in stored order (time, then seq). */
  tickRows(instrumentId: InstrumentId, afterMs: number, afterSeq: number, toMs: number, limit: number): readonly TickRow[];
  /** Starts an import staged outside `bars` (CSV files of any size; `BarImport` says how it is written); duplicates in it are reported by line. */
  beginImport(onDuplicate: (line: number, firstLine: number) => void, source: Extract<BarSource, 'csv' | 'bhavcopy'>, options?: BarImportOptions): BarImport;
}

interface BarRecord {
  ts_start: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  oi: number | null;
}

interface TickRecord {
  ts_event: number;
  ltp: number;
  volume: number | null;
  oi: number | null;
}

/** Prepared on first use: a cache only read (a backtest's read-only file) never compiles its writes. */
function onFirstUse<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

export function createSqliteBarCache(sqlite: BetterSqlite3.Database): BarCache {
  sqlite.exec(HISTORY_SCHEMA_SQL);
  const upsert = onFirstUse(() =>
    sqlite.prepare(
      `INSERT INTO bars (instrument_id, timeframe, ts_start, open, high, low, close, volume, oi, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (instrument_id, timeframe, ts_start) DO UPDATE SET
         open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume, oi = excluded.oi, source = excluded.source`,
    ),
  );
  const insertNew = onFirstUse(() =>
    sqlite.prepare(
      `INSERT INTO bars (instrument_id, timeframe, ts_start, open, high, low, close, volume, oi, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'feed') ON CONFLICT (instrument_id, timeframe, ts_start) DO NOTHING`,
    ),
  );
  const selectRange = sqlite.prepare(
    `SELECT ts_start, open, high, low, close, volume, oi FROM bars
     WHERE instrument_id = ? AND timeframe = ? AND ts_start >= ? AND ts_start < ? ORDER BY ts_start`,
  );
  const selectCovered = sqlite.prepare(`SELECT date_key FROM history_coverage WHERE instrument_id = ? AND timeframe = ? AND date_key >= ? AND date_key <= ?`);
  const markCovered = sqlite.prepare(
    `INSERT INTO history_coverage (instrument_id, timeframe, date_key, bar_count, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (instrument_id, timeframe, date_key) DO UPDATE SET bar_count = excluded.bar_count, fetched_at = excluded.fetched_at`,
  );
  const insertTick = sqlite.prepare(`INSERT OR REPLACE INTO ticks (instrument_id, ts_event, seq, ltp, volume, oi) VALUES (?, ?, ?, ?, ?, ?)`);
  const selectTicks = sqlite.prepare(`SELECT ts_event, ltp, volume, oi FROM ticks WHERE instrument_id = ? AND ts_event >= ? AND ts_event < ? ORDER BY ts_event, seq`);
  const barPage = sqlite
    .prepare(
      `SELECT ts_start, open, high, low, close, volume, oi FROM bars
       WHERE instrument_id = ? AND timeframe = ? AND ts_start > ? AND ts_start < ? ORDER BY ts_start LIMIT ?`,
    )
    .raw();
  const tickPage = sqlite
    .prepare(
      `SELECT ts_event, seq, ltp, volume, oi FROM ticks
       WHERE instrument_id = ? AND (ts_event, seq) > (?, ?) AND ts_event < ? ORDER BY ts_event, seq LIMIT ?`,
    )
    .raw();

  const writeBars = (bars: readonly Bar[], source: BarSource) => {
    const statement = upsert();
    for (const b of bars) statement.run(b.instrumentId, b.timeframe, b.tsStart, b.open, b.high, b.low, b.close, b.volume, b.oi ?? null, source);
  };
  const save = sqlite.transaction(writeBars);
  const saveRecorded = sqlite.transaction((bars: readonly Bar[]) => {
    const statement = insertNew();
    for (const b of bars) statement.run(b.instrumentId, b.timeframe, b.tsStart, b.open, b.high, b.low, b.close, b.volume, b.oi ?? null);
  });
  const saveFetched = sqlite.transaction((id: InstrumentId, tf: Timeframe, keys: readonly string[], bars: readonly Bar[], at: number) => {
    writeBars(bars, 'openalgo');
    const counts = new Map<string, number>(keys.map((k) => [k, 0]));
    for (const b of bars) {
      const k = istDateKey(b.tsStart);
      if (counts.has(k)) counts.set(k, counts.get(k)! + 1);
    }
    for (const [k, n] of counts) markCovered.run(id, tf, k, n, at);
  });
  const saveTicks = sqlite.transaction((ticks: readonly Tick[]) => {
    let seq = 0;
    let prev = '';
    for (const t of ticks) {
      const key = `${t.instrumentId}@${t.tsEvent}`;
      seq = key === prev ? seq + 1 : 0;
      prev = key;
      insertTick.run(t.instrumentId, t.tsEvent, seq, t.ltp, t.volume ?? null, t.oi ?? null);
    }
  });

  return {
    save: (bars, source) => save.immediate(bars, source),
    saveRecorded: (bars) => saveRecorded.immediate(bars),
    async range(instrumentId, timeframe, fromMs, toMs) {
      return (selectRange.all(instrumentId, timeframe, fromMs, toMs) as BarRecord[]).map((r) => ({
        instrumentId,
        timeframe,
        tsStart: r.ts_start,
        open: r.open,
        high: r.high,
        low: r.low,
        close: r.close,
        volume: r.volume,
        ...(r.oi !== null ? { oi: r.oi } : {}),
        closed: true,
      }));
    },
    covered(instrumentId, timeframe, dateKeys) {
      if (dateKeys.length === 0) return new Set();
      const sorted = [...dateKeys].sort();
      const rows = selectCovered.all(instrumentId, timeframe, sorted[0], sorted.at(-1)) as { date_key: string }[];
      const wanted = new Set(dateKeys);
      return new Set(rows.map((r) => r.date_key).filter((k) => wanted.has(k)));
    },
    saveFetched: (id, tf, keys, bars, at) => saveFetched.immediate(id, tf, keys, bars, at),
    saveTicks: (ticks) => saveTicks.immediate(ticks),
    async ticks(instrumentId, fromMs, toMs) {
      return (selectTicks.all(instrumentId, fromMs, toMs) as TickRecord[]).map((r) => ({
        instrumentId,
        tsEvent: r.ts_event,
        ltp: r.ltp,
        ...(r.volume !== null ? { volume: r.volume } : {}),
        ...(r.oi !== null ? { oi: r.oi } : {}),
      }));
    },
    barRows: (instrumentId, timeframe, afterMs, toMs, limit) => barPage.all(instrumentId, timeframe, afterMs, toMs, limit) as BarRow[],
    tickRows: (instrumentId, afterMs, afterSeq, toMs, limit) => tickPage.all(instrumentId, afterMs, afterSeq, toMs, limit) as TickRow[],
    beginImport: (onDuplicate, source, options) => beginBarImport(sqlite, onDuplicate, source, options),
  };
}
