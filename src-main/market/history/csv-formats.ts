import { formatIstTime, istDateKey, istToEpoch } from '#core/time-ist';
import type { Bar, Timeframe } from '#model/bar';
import { instrumentId as makeInstrumentId, type InstrumentId } from '#model/ids';
import { barWindow, cachedSessionLookup, nseCalendar, segmentOf, type SessionCalendar, type TradingSession } from '../session-calendar.ts';
import type { CsvRecord } from './csv-reader.ts';
import { MONTHS, parseNumber, parseTimestamp } from './csv-rows.ts';

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

/** One record to a bar: undefined for a row that is skipped or bad (bad ones are reported through `bad`). */
export type BarRowReader = (record: CsvRecord, bad: (message: string) => void) => Bar | undefined;

const MONTH_NAMES = Object.keys(MONTHS);

/** The reader for the file's format and header, or why the header does not fit the format. */
export function barRowReader(header: readonly string[], options: CsvImportOptions): BarRowReader | string {
  const calendar = options.calendar ?? nseCalendar;
  return options.format === 'ohlcv' ? ohlcvReader(header, options, calendar) : bhavcopyReader(header, calendar);
}

function column(header: readonly string[], ...names: string[]): number {
  return header.findIndex((h) => names.includes(h));
}

interface OhlcColumns {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly oi: number;
}

function ohlcvReader(header: readonly string[], o: Extract<CsvImportOptions, { format: 'ohlcv' }>, calendar: SessionCalendar): BarRowReader | string {
  const ts = column(header, 'timestamp', 'datetime', 'date_time', 'date time', 'time');
  const date = column(header, 'date');
  const time = ts >= 0 && header[ts] === 'time' && date >= 0 ? ts : -1;
  const stampCol = time >= 0 ? date : ts >= 0 ? ts : date;
  const cols: OhlcColumns = { open: column(header, 'open', 'o'), high: column(header, 'high', 'h'), low: column(header, 'low', 'l'), close: column(header, 'close', 'c', 'ltp'), volume: column(header, 'volume', 'vol', 'shares traded'), oi: column(header, 'oi', 'open interest', 'openinterest') };
  if (stampCol < 0 || cols.open < 0 || cols.high < 0 || cols.low < 0 || cols.close < 0) return `header must name a timestamp (or date[, time]) and open, high, low, close columns; found: ${header.join(', ')}`;
  const segment = segmentOf(o.instrumentId);
  const sessionAt = cachedSessionLookup(calendar, segment);
  return (r, bad) => {
    const stampText = time >= 0 ? `${r.fields[stampCol] ?? ''} ${r.fields[time] ?? ''}` : (r.fields[stampCol] ?? '');
    const stamp = parseTimestamp(stampText);
    if (!stamp) return void bad(`unreadable timestamp "${stampText.trim()}"`);
    const values = readOhlc(r, cols, bad);
    if (!values) return undefined;
    let tsStart: number;
    if (o.timeframe === '1d') {
      const key = 'wall' in stamp ? dateKey(stamp.wall.year, stamp.wall.month, stamp.wall.day) : istDateKey(stamp.epochMs);
      const session = calendar.sessionOn(key, segment);
      if (!session) return void bad(`${key} is not a trading day`);
      tsStart = session.open;
    } else {
      if ('wall' in stamp && stamp.wall.dateOnly) return void bad(`timestamp "${stampText.trim()}" has no time of day for ${o.timeframe} bars`);
      const at = 'epochMs' in stamp ? stamp.epochMs : wallToEpoch(stamp.wall, o.timezone);
      // End stamps name the instant a bar closed: the bar is the window just before it.
      const probe = o.stamp === 'end' ? at - 1 : at;
      const session = sessionAt(probe);
      if (!session) return void bad(`${describe(at)} is outside the trading session`);
      const window = barWindow(probe, o.timeframe, session);
      if ((o.stamp === 'start' ? window.start : window.end) !== at) return void bad(`${describe(at)} is not on a ${o.timeframe} bar ${o.stamp} (bars run from ${describe(session.open)})`);
      tsStart = window.start;
    }
    return { instrumentId: o.instrumentId, timeframe: o.timeframe, tsStart, ...values, closed: true };
  };
}

const FUTURES = new Set(['IDF', 'STF', 'FUTIDX', 'FUTSTK']);
const OPTIONS = new Set(['IDO', 'STO', 'OPTIDX', 'OPTSTK']);

function bhavcopyReader(header: readonly string[], calendar: SessionCalendar): BarRowReader | string {
  const udiff = header.includes('tckrsymb');
  const legacy = header.includes('instrument') && header.includes('expiry_dt');
  if (!udiff && !legacy) return 'not an NSE F&O bhavcopy: expected UDiFF (TckrSymb, FinInstrmTp, …) or legacy (INSTRUMENT, EXPIRY_DT, …) columns';
  const c = udiff
    ? { date: column(header, 'traddt'), type: column(header, 'fininstrmtp'), symbol: column(header, 'tckrsymb'), expiry: column(header, 'xprydt'), strike: column(header, 'strkpric'), right: column(header, 'optntp'), open: column(header, 'opnpric'), high: column(header, 'hghpric'), low: column(header, 'lwpric'), close: column(header, 'clspric'), volume: column(header, 'ttltradgvol'), oi: column(header, 'opnintrst'), segment: column(header, 'src') }
    : { date: column(header, 'timestamp'), type: column(header, 'instrument'), symbol: column(header, 'symbol'), expiry: column(header, 'expiry_dt'), strike: column(header, 'strike_pr'), right: column(header, 'option_typ'), open: column(header, 'open'), high: column(header, 'high'), low: column(header, 'low'), close: column(header, 'close'), volume: column(header, 'contracts'), oi: column(header, 'open_int'), segment: -1 };
  // A bhavcopy is one trading day: its session is looked up once, not once per contract.
  let lastDay: { readonly key: string; readonly session: TradingSession | undefined } | undefined;
  return (r, bad) => {
    const f = (i: number) => (i >= 0 ? (r.fields[i] ?? '') : '');
    const type = f(c.type).toUpperCase();
    const isOption = OPTIONS.has(type);
    if (!isOption && !FUTURES.has(type)) return undefined;
    const day = parseTimestamp(f(c.date));
    const expiry = parseTimestamp(f(c.expiry));
    if (!day || !('wall' in day) || !expiry || !('wall' in expiry)) return void bad(`unreadable trade date "${f(c.date)}" or expiry "${f(c.expiry)}"`);
    const key = dateKey(day.wall.year, day.wall.month, day.wall.day);
    if (lastDay?.key !== key) lastDay = { key, session: calendar.sessionOn(key, 'fno') };
    const session = lastDay.session;
    if (!session) return void bad(`${f(c.date)} is not a trading day`);
    // Contracts that did not trade carry zero prices: no bar, not an error.
    if (parseNumber(f(c.open)) === 0 && parseNumber(f(c.close)) === 0) return undefined;
    const values = readOhlc(r, c, bad);
    if (!values) return undefined;
    const e = expiry.wall;
    const code = `${f(c.symbol)}${String(e.day).padStart(2, '0')}${MONTH_NAMES[e.month - 1]}${String(e.year).slice(2)}`;
    let symbol = `${code}FUT`;
    if (isOption) {
      const strike = parseNumber(f(c.strike));
      const right = f(c.right).toUpperCase();
      if (strike === undefined || (right !== 'CE' && right !== 'PE')) return void bad(`option without a readable strike "${f(c.strike)}" and right "${f(c.right)}"`);
      symbol = `${code}${strike}${right}`;
    }
    const exchange = f(c.segment).toUpperCase() === 'BSE' ? 'BFO' : 'NFO';
    return { instrumentId: makeInstrumentId(exchange, symbol), timeframe: '1d', tsStart: session.open, ...values, closed: true };
  };
}

function readOhlc(r: CsvRecord, c: OhlcColumns, bad: (m: string) => void) {
  const get = (i: number) => (i >= 0 ? parseNumber(r.fields[i]) : undefined);
  const open = get(c.open);
  const high = get(c.high);
  const low = get(c.low);
  const close = get(c.close);
  if (open === undefined || high === undefined || low === undefined || close === undefined) return void bad('open, high, low and close must all be numbers');
  if (!(low > 0) || low > Math.min(open, close) || high < Math.max(open, close)) return void bad(`impossible OHLC: open ${open}, high ${high}, low ${low}, close ${close}`);
  const volumeText = c.volume >= 0 ? (r.fields[c.volume] ?? '') : '';
  const volume = volumeText === '' ? 0 : parseNumber(volumeText);
  if (volume === undefined || volume < 0) return void bad(`volume "${volumeText}" is not a non-negative number`);
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
