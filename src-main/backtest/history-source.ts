import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Clock } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import type { Bar } from '#model/bar';
import type { Instrument } from '#model/instrument';
import { indexInstrument, UNDERLYINGS, VIX_INSTRUMENT } from '#market/feeds/simulator/instruments';
import { createReplayFeed, type ReplayFeed } from '#market/feeds/replay/replay-feed';
import { createSqliteBarCache } from '#market/history/bar-cache';
import type { BacktestError, BacktestRequest, DataSource } from './types.ts';

/** Daily bars handed to the bots' daily studies (a year of IV percentile needs 252). */
const DAILY_BARS = 300;

export interface HistoryFeed {
  readonly feed: ReplayFeed;
  readonly instruments: readonly Instrument[];
  /** Daily bars of the indices and India VIX that closed before the replay starts, oldest first. */
  readonly dailyHistory: readonly Bar[];
  /** The cache, read-only, for the option closes imported with the bars (`importedChains`). */
  readonly database: Database.Database;
  close(): void;
}

/**
 * The history cache as a backtest's market: the underlyings' index bars and India VIX replayed from a
 * SQLite file (four ticks a bar) from `fromMs` to `toMs`; options are priced from them point in time by
 * the engine, as in simulation. The file is opened read-only: a backtest never changes the cache.
 */
export function openHistoryFeed(request: BacktestRequest, data: Extract<DataSource, { kind: 'history' }>, clock: Clock, fromMs: number, toMs: number): Result<HistoryFeed, BacktestError> {
  if (!fs.existsSync(data.database)) return err({ kind: 'no-data', message: `no history database at ${data.database}: import bars (npm run import:csv) or fetch them (npm run history) first` });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(data.database, { readonly: true, fileMustExist: true });
  } catch (e) {
    return err({ kind: 'no-data', message: `cannot open the history database ${data.database}: ${(e as Error).message}` });
  }
  const fail = (message: string): Result<never, BacktestError> => {
    sqlite.close();
    return err({ kind: 'no-data', message });
  };
  const hasBars = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bars'").get();
  if (!hasBars) return fail(`${data.database} holds no bar cache (no "bars" table)`);
  const cache = createSqliteBarCache(sqlite);
  const indices = UNDERLYINGS.filter((u) => (request.underlyings as readonly string[]).includes(u.name)).map((u) => indexInstrument(u));
  const instruments: Instrument[] = [...indices, VIX_INSTRUMENT];
  for (const i of instruments) {
    if (cache.barRows(i.id, data.timeframe, fromMs - 1, toMs, 1).length === 0) return fail(`${data.database} has no ${data.timeframe} bars of ${i.id} between the warm-up start and ${request.to}`);
  }
  const dailyHistory: Bar[] = [];
  for (const i of instruments) {
    const rows = sqlite
      .prepare('SELECT ts_start, open, high, low, close, volume, oi FROM bars WHERE instrument_id = ? AND timeframe = ? AND ts_start < ? ORDER BY ts_start DESC LIMIT ?')
      .all(i.id, '1d', fromMs, DAILY_BARS) as { ts_start: number; open: number; high: number; low: number; close: number; volume: number; oi: number | null }[];
    for (const r of rows.reverse()) dailyHistory.push({ instrumentId: i.id, timeframe: '1d', tsStart: r.ts_start, open: r.open, high: r.high, low: r.low, close: r.close, volume: r.volume, ...(r.oi !== null ? { oi: r.oi } : {}), closed: true });
  }
  dailyHistory.sort((a, b) => a.tsStart - b.tsStart || (a.instrumentId < b.instrumentId ? -1 : 1));
  const feed = createReplayFeed({ source: cache, fromMs, toMs, clock, data: { kind: 'bars', timeframe: data.timeframe } });
  return ok({ feed, instruments, dailyHistory, database: sqlite, close: () => sqlite.close() });
}
