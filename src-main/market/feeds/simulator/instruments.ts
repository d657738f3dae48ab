import { istDateFromKey, istDateKey, istParts } from '#core/time-ist';
import type { FutureInstrument, IndexInstrument } from '#model/instrument';
import { instrumentId } from '#model/ids';
import type { SessionCalendar } from '#market/session-calendar';

/**
 * The simulated underlyings. Levels are late-2026 orders of magnitude; relative volatilities, loadings
 * on the market and financials factors, carry and futures volumes are rough public figures (index
 * factsheets, NSE F&O volumes), good enough for a market that looks and trades like the real one.
 */
export interface UnderlyingSpec {
  readonly name: string;
  readonly indexExchange: 'NSE_INDEX' | 'BSE_INDEX';
  readonly futureExchange: 'NFO' | 'BFO';
  /** Index level the simulation starts from. */
  readonly level: number;
  /** Volatility relative to the market factor (NIFTY = 1). */
  readonly volMultiplier: number;
  readonly marketLoading: number;
  readonly financialsLoading: number;
  readonly lotSize: number;
  /** Cost of carry (repo minus dividend yield), per year: the futures premium over spot. */
  readonly carry: number;
  /** Near-month futures traded quantity on an average day (units, not lots). */
  readonly dailyFuturesVolume: number;
  readonly futuresOpenInterest: number;
  /** Weekday of the monthly expiry (2 = Tuesday for NSE from Sep 2025, 4 = Thursday for BSE). */
  readonly expiryWeekday: number;
}

export const UNDERLYINGS: readonly UnderlyingSpec[] = [
  { name: 'NIFTY', indexExchange: 'NSE_INDEX', futureExchange: 'NFO', level: 26_000, volMultiplier: 1, marketLoading: 0.995, financialsLoading: 0, lotSize: 65, carry: 0.055, dailyFuturesVolume: 9_000_000, futuresOpenInterest: 16_000_000, expiryWeekday: 2 },
  { name: 'BANKNIFTY', indexExchange: 'NSE_INDEX', futureExchange: 'NFO', level: 59_000, volMultiplier: 1.35, marketLoading: 0.85, financialsLoading: 0.5, lotSize: 30, carry: 0.058, dailyFuturesVolume: 2_400_000, futuresOpenInterest: 2_800_000, expiryWeekday: 2 },
  { name: 'FINNIFTY', indexExchange: 'NSE_INDEX', futureExchange: 'NFO', level: 27_500, volMultiplier: 1.25, marketLoading: 0.88, financialsLoading: 0.4, lotSize: 60, carry: 0.056, dailyFuturesVolume: 90_000, futuresOpenInterest: 120_000, expiryWeekday: 2 },
  { name: 'SENSEX', indexExchange: 'BSE_INDEX', futureExchange: 'BFO', level: 85_000, volMultiplier: 0.98, marketLoading: 0.985, financialsLoading: 0.05, lotSize: 20, carry: 0.055, dailyFuturesVolume: 60_000, futuresOpenInterest: 90_000, expiryWeekday: 4 },
];

export const VIX_ID = instrumentId('NSE_INDEX', 'INDIAVIX');

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const SESSION_CLOSE_MS = (15 * 60 + 30) * 60_000;

export function indexInstrument(spec: Pick<UnderlyingSpec, 'name' | 'indexExchange'>): IndexInstrument {
  return { kind: 'index', id: instrumentId(spec.indexExchange, spec.name), symbol: spec.name, exchange: spec.indexExchange, tickSize: 0.01 };
}

export const VIX_INSTRUMENT: IndexInstrument = { kind: 'index', id: VIX_ID, symbol: 'INDIAVIX', exchange: 'NSE_INDEX', tickSize: 0.0025 };

/** The last `weekday` of a month, moved to the previous trading day when that is a holiday. */
export function monthlyExpiryDate(year: number, month: number, weekday: number, calendar: SessionCalendar): string {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  let day = lastDay;
  while (istParts(istDateFromKey(key(year, month, day))).weekday !== weekday) day--;
  const k = key(year, month, day);
  return calendar.sessionOn(k) ? k : calendar.previousTradingDay(k);
}

/** OpenAlgo futures symbol: NIFTY30DEC25FUT. */
export function futureSymbol(underlying: string, expiryDateKey: string): string {
  const [y, m, d] = expiryDateKey.split('-');
  return `${underlying}${d}${MONTHS[Number(m) - 1]}${y!.slice(2)}FUT`;
}

/** The near-month contract on `dateKey`: it stays near-month through its expiry day and rolls the day after. */
export function nearMonthFuture(spec: UnderlyingSpec, dateKey: string, calendar: SessionCalendar): FutureInstrument {
  const p = istParts(istDateFromKey(dateKey));
  let year = p.year;
  let month = p.month;
  let expiry = monthlyExpiryDate(year, month, spec.expiryWeekday, calendar);
  if (expiry < dateKey) {
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
    expiry = monthlyExpiryDate(year, month, spec.expiryWeekday, calendar);
  }
  const symbol = futureSymbol(spec.name, expiry);
  return {
    kind: 'future',
    id: instrumentId(spec.futureExchange, symbol),
    symbol,
    exchange: spec.futureExchange,
    tickSize: 0.05,
    underlying: spec.name,
    expiry: istDateFromKey(expiry) + SESSION_CLOSE_MS,
    lotSize: spec.lotSize,
  };
}

function key(year: number, month: number, day: number): string {
  return istDateKey(Date.UTC(year, month - 1, day, 12));
}
