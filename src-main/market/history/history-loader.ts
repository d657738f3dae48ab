import { err, ok, type Result } from '#core/result';
import { istDateKey } from '#core/time-ist';
import type { Bar, Timeframe } from '#model/bar';
import { instrumentId as makeInstrumentId, type InstrumentId } from '#model/ids';
import { holidayName } from '#calendar/nse-calendar';
import { nseCalendar, segmentOf, type SessionCalendar } from '../session-calendar.ts';
import type { BarCache } from './bar-cache.ts';

/** A failure of the history source, passed through with its own kind (e.g. OpenAlgo's 'rate-limited'). */
export interface HistorySourceError {
  readonly kind: string;
  readonly message: string;
}

/**
 * The port the OpenAlgo history endpoint is adapted to. Dates are inclusive IST session days; bars come
 * back start-stamped, closed, for `exchange:symbol`.
 */
export interface HistorySource {
  fetch(symbol: string, exchange: string, interval: Timeframe, fromDateKey: string, toDateKey: string): Promise<Result<Bar[], HistorySourceError>>;
}

export interface HistoryProgress {
  readonly instrumentId: InstrumentId;
  readonly timeframe: Timeframe;
  /** Sessions finished (fetched now or found cached) out of all sessions asked for. */
  readonly doneSessions: number;
  readonly totalSessions: number;
  readonly chunk?: { readonly from: string; readonly to: string; readonly bars: number };
}

export interface LoadHistoryRequest {
  readonly symbol: string;
  readonly exchange: string;
  readonly timeframe: Timeframe;
  readonly fromDateKey: string;
  readonly toDateKey: string;
  /** Now, from the clock: today's session is not marked fetched until it has closed. */
  readonly nowMs: number;
  /** Sessions per request. Default by timeframe: 1m → 20, intraday → 60, 1d → 400. */
  readonly chunkSessions?: number;
  readonly onProgress?: (progress: HistoryProgress) => void;
}

export type HistoryError =
  | { readonly kind: 'history-source'; readonly message: string; readonly cause: HistorySourceError; readonly chunk: { from: string; to: string } }
  | { readonly kind: 'history-invalid'; readonly message: string; readonly chunk: { from: string; to: string } }
  | { readonly kind: 'history-range'; readonly message: string };

export interface LoadHistoryResult {
  readonly bars: readonly Bar[];
  readonly fetchedSessions: number;
  readonly cachedSessions: number;
  readonly requests: number;
}

const DEFAULT_CHUNK: Record<Timeframe, number> = { '1m': 20, '3m': 60, '5m': 60, '15m': 60, '30m': 60, '60m': 60, '1d': 400 };
const MAX_SESSIONS = 20_000;

/**
 * Fetches what the cache lacks, in chunks of consecutive missing sessions, and returns the whole range
 * from the cache. Each chunk is saved with its coverage in one transaction, so an error midway keeps the
 * chunks already done and a retry fetches only the rest. Bars outside the chunk's sessions, or with
 * impossible OHLC, make the chunk invalid: nothing of it is saved.
 */
export async function loadHistory(
  source: HistorySource,
  cache: BarCache,
  request: LoadHistoryRequest,
  calendar: SessionCalendar = nseCalendar,
): Promise<Result<LoadHistoryResult, HistoryError>> {
  const { timeframe, fromDateKey, toDateKey } = request;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDateKey) || !/^\d{4}-\d{2}-\d{2}$/.test(toDateKey) || fromDateKey > toDateKey) {
    return err({ kind: 'history-range', message: `bad date range ${fromDateKey} … ${toDateKey}` });
  }
  const id = makeInstrumentId(request.exchange, request.symbol);
  const sessions = tradingDays(fromDateKey, toDateKey, calendar);
  if (sessions.length === 0) return err({ kind: 'history-range', message: `no NSE trading session from ${fromDateKey} to ${toDateKey}: ${closedDaysReason(fromDateKey, toDateKey)}` });
  if (sessions.length > MAX_SESSIONS) return err({ kind: 'history-range', message: `${sessions.length} sessions is more than one request may load` });
  const covered = cache.covered(id, timeframe, sessions);
  const missing = sessions.filter((k) => !covered.has(k));
  const chunkSize = request.chunkSessions ?? DEFAULT_CHUNK[timeframe];
  let done = sessions.length - missing.length;
  const report = (chunk?: HistoryProgress['chunk']) => request.onProgress?.({ instrumentId: id, timeframe, doneSessions: done, totalSessions: sessions.length, ...(chunk ? { chunk } : {}) });
  report();
  let requests = 0;
  for (const chunk of chunks(missing, chunkSize, calendar)) {
    const from = chunk[0]!;
    const to = chunk.at(-1)!;
    requests++;
    const fetched = await source.fetch(request.symbol, request.exchange, timeframe, from, to);
    if (!fetched.ok) return err({ kind: 'history-source', message: `fetching ${id} ${timeframe} ${from} … ${to}: ${fetched.error.message}`, cause: fetched.error, chunk: { from, to } });
    const checked = validate(fetched.value, id, timeframe, new Set(chunk), calendar);
    if (typeof checked === 'string') return err({ kind: 'history-invalid', message: `${id} ${timeframe} ${from} … ${to}: ${checked}`, chunk: { from, to } });
    // A session still open is not complete: keep its bars, fetch it again next time.
    const complete = chunk.filter((k) => calendar.sessionOn(k, segmentOf(id))!.close <= request.nowMs);
    cache.saveFetched(id, timeframe, complete, checked, request.nowMs);
    done += chunk.length;
    report({ from, to, bars: checked.length });
  }
  const first = calendar.sessionOn(sessions[0] ?? fromDateKey, segmentOf(id));
  const last = calendar.sessionOn(sessions.at(-1) ?? toDateKey, segmentOf(id));
  const bars = first && last ? await cache.range(id, timeframe, first.open, last.close) : [];
  return ok({ bars, fetchedSessions: missing.length, cachedSessions: sessions.length - missing.length, requests });
}

/** Why a short range holds no session: each day named as a holiday or a weekend. */
function closedDaysReason(from: string, to: string): string {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`) && days.length < 7; t += 86_400_000) {
    const key = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay();
    const holiday = holidayName(key);
    days.push(`${key} is ${holiday ? `a holiday (${holiday})` : weekday === 0 || weekday === 6 ? 'a weekend' : 'not a trading day'}`);
  }
  return `${days.join(', ')}${days.length === 7 ? ', …' : ''}; choose a range with a trading day`;
}

function tradingDays(from: string, to: string, calendar: SessionCalendar): string[] {
  const out: string[] = [];
  let k = calendar.sessionOn(from) ? from : calendar.nextTradingDay(from);
  while (k <= to && out.length <= MAX_SESSIONS) {
    out.push(k);
    k = calendar.nextTradingDay(k);
  }
  return out;
}

/** Runs of consecutive trading days (a cached session splits a run), at most `size` long. */
function chunks(days: readonly string[], size: number, calendar: SessionCalendar): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  for (const k of days) {
    const prev = run.at(-1);
    if (prev !== undefined && (run.length >= size || calendar.nextTradingDay(prev) !== k)) {
      out.push(run);
      run = [];
    }
    run.push(k);
  }
  if (run.length > 0) out.push(run);
  return out;
}

function validate(bars: readonly Bar[], id: InstrumentId, timeframe: Timeframe, days: ReadonlySet<string>, calendar: SessionCalendar): Bar[] | string {
  const out: Bar[] = [];
  for (const b of bars) {
    // Daily bars arrive stamped at midnight or at the open depending on the source: the session is the day.
    const segment = segmentOf(id);
    const session = timeframe === '1d' ? calendar.sessionOn(istDateKey(b.tsStart), segment) : calendar.sessionAt(b.tsStart, segment);
    if (!session || !days.has(session.dateKey)) return `bar at ${new Date(b.tsStart).toISOString()} is outside the sessions asked for`;
    if (!(b.low <= Math.min(b.open, b.close) && b.high >= Math.max(b.open, b.close) && b.low > 0)) return `bar at ${new Date(b.tsStart).toISOString()} has impossible OHLC`;
    out.push({ ...b, instrumentId: id, timeframe, tsStart: timeframe === '1d' ? session.open : b.tsStart, closed: true });
  }
  return out;
}
