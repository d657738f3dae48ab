import { err, ok, type Result } from '#core/result';
import { formatIstTime, istDateKey, istToEpoch } from '#core/time-ist';
import type { Bar, Timeframe } from '#model/bar';
import { instrumentId as makeInstrumentId, type InstrumentId } from '#model/ids';
import { barWindow, nseCalendar, segmentOf, type SessionCalendar } from '../session-calendar.ts';
import type { BarCache } from './bar-cache.ts';
import { MONTHS, parseCsv, parseNumber, parseTimestamp, type CsvRecord } from './csv-rows.ts';

export type CsvImportOptions =
  | {
      /** Broker / TradingView style: a timestamp column (or Date + Time) and open, high, low, close[, volume][, oi]. */
      readonly format: 'ohlcv';
      readonly instrumentId: InstrumentId;
      readonly timeframe: Timeframe;
      /** How to read timestamps without a zone. Never guessed: exports differ. */
      readonly timezone: 'Asia/Kolkata' | 'UTC';
      /** Whether a row's time is its bar's start (09:15 first) or end (09:16 first). Never guessed. */
      readonly stamp: 'start' | 'end';
      readonly calendar?: SessionCalendar;
    }
  | {
      /** NSE F&O bhavcopy, UDiFF (from July 2024) or legacy: daily bars of every contract in the file. */
      readonly format: 'nse-fo-bhavcopy';
      readonly calendar?: SessionCalendar;
    };

export interface CsvRowError {
  readonly line: number;
  readonly message: string;
}

export type CsvImportError =
  | { readonly kind: 'csv-format'; readonly message: string }
  | { readonly kind: 'csv-invalid'; readonly message: string; readonly errors: readonly CsvRowError[] };

const MONTH_NAMES = Object.keys(MONTHS);
const MAX_REPORTED = 200;

/** Parses and validates the whole file; any bad row fails the whole file, with every bad row listed by line. */
export function parseCsvBars(text: string, options: CsvImportOptions): Result<Bar[], CsvImportError> {
  const { header, records } = parseCsv(text);
  const calendar = options.calendar ?? nseCalendar;
  const errors: CsvRowError[] = [];
  const bars = options.format === 'ohlcv' ? parseOhlcv(header, records, options, calendar, errors) : parseBhavcopy(header, records, calendar, errors);
  if (typeof bars === 'string') return err({ kind: 'csv-format', message: bars });
  const seen = new Map<string, number>();
  bars.forEach(({ bar, line }) => {
    const key = `${bar.instrumentId}|${bar.tsStart}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push({ line, message: `duplicate bar: same instrument and time as line ${first}` });
    else seen.set(key, line);
  });
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return err({ kind: 'csv-invalid', message: `${errors.length} bad row(s); nothing imported`, errors: errors.slice(0, MAX_REPORTED) });
  }
  return ok(bars.map((b) => b.bar).sort((a, b) => (a.instrumentId < b.instrumentId ? -1 : a.instrumentId > b.instrumentId ? 1 : a.tsStart - b.tsStart)));
}

/** Parses, validates and saves in one transaction: a file is imported whole or not at all. */
export function importCsv(text: string, options: CsvImportOptions, cache: BarCache): Result<{ bars: number; instruments: number }, CsvImportError> {
  const parsed = parseCsvBars(text, options);
  if (!parsed.ok) return parsed;
  cache.save(parsed.value);
  return ok({ bars: parsed.value.length, instruments: new Set(parsed.value.map((b) => b.instrumentId)).size });
}

interface Parsed {
  readonly bar: Bar;
  readonly line: number;
}

function column(header: readonly string[], ...names: string[]): number {
  return header.findIndex((h) => names.includes(h));
}

function parseOhlcv(header: string[], records: CsvRecord[], o: Extract<CsvImportOptions, { format: 'ohlcv' }>, calendar: SessionCalendar, errors: CsvRowError[]): Parsed[] | string {
  const ts = column(header, 'timestamp', 'datetime', 'date_time', 'date time', 'time');
  const date = column(header, 'date');
  const time = ts >= 0 && header[ts] === 'time' && date >= 0 ? ts : -1;
  const stampCol = time >= 0 ? date : ts >= 0 ? ts : date;
  const cols = { open: column(header, 'open', 'o'), high: column(header, 'high', 'h'), low: column(header, 'low', 'l'), close: column(header, 'close', 'c', 'ltp'), volume: column(header, 'volume', 'vol', 'shares traded'), oi: column(header, 'oi', 'open interest', 'openinterest') };
  if (stampCol < 0 || cols.open < 0 || cols.high < 0 || cols.low < 0 || cols.close < 0) return `header must name a timestamp (or date[, time]) and open, high, low, close columns; found: ${header.join(', ')}`;
  const daily = o.timeframe === '1d';
  const out: Parsed[] = [];
  for (const r of records) {
    const bad = (message: string) => errors.push({ line: r.line, message });
    const stampText = time >= 0 ? `${r.fields[stampCol] ?? ''} ${r.fields[time] ?? ''}` : (r.fields[stampCol] ?? '');
    const stamp = parseTimestamp(stampText);
    if (!stamp) {
      bad(`unreadable timestamp "${stampText.trim()}"`);
      continue;
    }
    const values = readOhlc(r, cols, bad);
    if (!values) continue;
    let tsStart: number;
    if (daily) {
      const key = 'wall' in stamp ? dateKey(stamp.wall.year, stamp.wall.month, stamp.wall.day) : istDateKey(stamp.epochMs);
      const session = calendar.sessionOn(key, segmentOf(o.instrumentId));
      if (!session) {
        bad(`${key} is not a trading day`);
        continue;
      }
      tsStart = session.open;
    } else {
      if ('wall' in stamp && stamp.wall.dateOnly) {
        bad(`timestamp "${stampText.trim()}" has no time of day for ${o.timeframe} bars`);
        continue;
      }
      const at = 'epochMs' in stamp ? stamp.epochMs : wallToEpoch(stamp.wall, o.timezone);
      // End stamps name the instant a bar closed: the bar is the window just before it.
      const probe = o.stamp === 'end' ? at - 1 : at;
      const session = calendar.sessionAt(probe, segmentOf(o.instrumentId));
      if (!session) {
        bad(`${describe(at)} is outside the trading session`);
        continue;
      }
      const window = barWindow(probe, o.timeframe, session);
      if ((o.stamp === 'start' ? window.start : window.end) !== at) {
        bad(`${describe(at)} is not on a ${o.timeframe} bar ${o.stamp} (bars run from ${describe(session.open)})`);
        continue;
      }
      tsStart = window.start;
    }
    out.push({ bar: { instrumentId: o.instrumentId, timeframe: o.timeframe, tsStart, ...values, closed: true }, line: r.line });
  }
  return out;
}

function parseBhavcopy(header: string[], records: CsvRecord[], calendar: SessionCalendar, errors: CsvRowError[]): Parsed[] | string {
  const udiff = header.includes('tckrsymb');
  const legacy = header.includes('instrument') && header.includes('expiry_dt');
  if (!udiff && !legacy) return 'not an NSE F&O bhavcopy: expected UDiFF (TckrSymb, FinInstrmTp, …) or legacy (INSTRUMENT, EXPIRY_DT, …) columns';
  const c = udiff
    ? { date: column(header, 'traddt'), type: column(header, 'fininstrmtp'), symbol: column(header, 'tckrsymb'), expiry: column(header, 'xprydt'), strike: column(header, 'strkpric'), right: column(header, 'optntp'), open: column(header, 'opnpric'), high: column(header, 'hghpric'), low: column(header, 'lwpric'), close: column(header, 'clspric'), volume: column(header, 'ttltradgvol'), oi: column(header, 'opnintrst'), segment: column(header, 'src') }
    : { date: column(header, 'timestamp'), type: column(header, 'instrument'), symbol: column(header, 'symbol'), expiry: column(header, 'expiry_dt'), strike: column(header, 'strike_pr'), right: column(header, 'option_typ'), open: column(header, 'open'), high: column(header, 'high'), low: column(header, 'low'), close: column(header, 'close'), volume: column(header, 'contracts'), oi: column(header, 'open_int'), segment: -1 };
  const out: Parsed[] = [];
  for (const r of records) {
    const bad = (message: string) => errors.push({ line: r.line, message });
    const f = (i: number) => (i >= 0 ? (r.fields[i] ?? '') : '');
    const type = f(c.type).toUpperCase();
    const isFuture = ['IDF', 'STF', 'FUTIDX', 'FUTSTK'].includes(type);
    const isOption = ['IDO', 'STO', 'OPTIDX', 'OPTSTK'].includes(type);
    if (!isFuture && !isOption) continue;
    const day = parseTimestamp(f(c.date));
    const expiry = parseTimestamp(f(c.expiry));
    if (!day || !('wall' in day) || !expiry || !('wall' in expiry)) {
      bad(`unreadable trade date "${f(c.date)}" or expiry "${f(c.expiry)}"`);
      continue;
    }
    const session = calendar.sessionOn(dateKey(day.wall.year, day.wall.month, day.wall.day), 'fno');
    if (!session) {
      bad(`${f(c.date)} is not a trading day`);
      continue;
    }
    // Contracts that did not trade carry zero prices: no bar, not an error.
    if (parseNumber(f(c.open)) === 0 && parseNumber(f(c.close)) === 0) continue;
    const values = readOhlc(r, c, bad);
    if (!values) continue;
    const e = expiry.wall;
    const code = `${f(c.symbol)}${String(e.day).padStart(2, '0')}${MONTH_NAMES[e.month - 1]}${String(e.year).slice(2)}`;
    let symbol = `${code}FUT`;
    if (isOption) {
      const strike = parseNumber(f(c.strike));
      const right = f(c.right).toUpperCase();
      if (strike === undefined || (right !== 'CE' && right !== 'PE')) {
        bad(`option without a readable strike "${f(c.strike)}" and right "${f(c.right)}"`);
        continue;
      }
      symbol = `${code}${strike}${right}`;
    }
    const exchange = f(c.segment).toUpperCase() === 'BSE' ? 'BFO' : 'NFO';
    out.push({ bar: { instrumentId: makeInstrumentId(exchange, symbol), timeframe: '1d', tsStart: session.open, ...values, closed: true }, line: r.line });
  }
  return out;
}

function readOhlc(r: CsvRecord, c: { open: number; high: number; low: number; close: number; volume: number; oi: number }, bad: (m: string) => void) {
  const get = (i: number) => (i >= 0 ? parseNumber(r.fields[i]) : undefined);
  const open = get(c.open);
  const high = get(c.high);
  const low = get(c.low);
  const close = get(c.close);
  if (open === undefined || high === undefined || low === undefined || close === undefined) {
    bad('open, high, low and close must all be numbers');
    return undefined;
  }
  if (!(low > 0) || low > Math.min(open, close) || high < Math.max(open, close)) {
    bad(`impossible OHLC: open ${open}, high ${high}, low ${low}, close ${close}`);
    return undefined;
  }
  const volumeText = c.volume >= 0 ? (r.fields[c.volume] ?? '') : '';
  const volume = volumeText === '' ? 0 : parseNumber(volumeText);
  if (volume === undefined || volume < 0) {
    bad(`volume "${volumeText}" is not a non-negative number`);
    return undefined;
  }
  const oi = get(c.oi);
  return { open, high, low, close, volume, ...(oi !== undefined ? { oi } : {}) };
}

function wallToEpoch(w: { year: number; month: number; day: number; hour: number; minute: number; second: number }, zone: 'Asia/Kolkata' | 'UTC'): number {
  return zone === 'UTC' ? Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) : istToEpoch(w.year, w.month, w.day, w.hour, w.minute, w.second);
}

function dateKey(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function describe(ms: number): string {
  return `${istDateKey(ms)} ${formatIstTime(ms)} IST`;
}
