import { istDateFromKey, istDateKey, istParts } from '#core/time-ist';
import { NSE_HOLIDAYS, type HolidayEntry } from './nse-holidays.ts';
import { NSE_SPECIAL_SESSIONS, SESSION_RULES, type SessionRule, type Segment, type SpecialSession } from './nse-sessions.ts';

/**
 * NSE trading days and session times, from the dated data in nse-holidays.ts and nse-sessions.ts.
 * Everything is a pure function of a date key or an epoch ms: no clock is read here.
 */
export interface TradingSession {
  /** IST calendar day, YYYY-MM-DD. */
  readonly dateKey: string;
  /** Session open, epoch ms (09:15 IST on a regular day). */
  readonly open: number;
  /** Session close, epoch ms (15:30 IST; F&O 15:40 from 2026-08-03). */
  readonly close: number;
  readonly segment: Segment;
  readonly kind: 'regular' | 'special' | 'muhurat';
  /** End of continuous trading when the session ends in a closing auction, epoch ms. */
  readonly continuousClose?: number;
  /** Halts inside the session, [from, to) epoch ms. */
  readonly breaks?: readonly { readonly from: number; readonly to: number }[];
}

export interface CalendarConfig {
  /** Extra closed days (new years, exchange announcements). */
  readonly holidays?: readonly HolidayEntry[];
  /** Listed holidays that turned out to be trading days. */
  readonly removeHolidays?: readonly string[];
  /** Extra special or Muhurat sessions; one per date replaces the built-in one. */
  readonly specialSessions?: readonly SpecialSession[];
  /** Extra dated session-time rules, merged by `from`. */
  readonly sessionRules?: readonly SessionRule[];
}

export interface NseCalendar {
  isTradingDay(dateKey: string): boolean;
  /** The holiday's name when `dateKey` is a listed weekday holiday. */
  holidayName(dateKey: string): string | undefined;
  sessionOn(dateKey: string, segment?: Segment): TradingSession | undefined;
  /** The Diwali Muhurat hour on `dateKey`, if any (not a trading day for expiry and settlement). */
  muhuratSessionOn(dateKey: string): TradingSession | undefined;
  sessionAt(epochMs: number, segment?: Segment): TradingSession | undefined;
  nextTradingDay(dateKey: string): string;
  previousTradingDay(dateKey: string): string;
  /** Trading days in (fromKey, toKey]: 1 from a trading day to the next. Negative when toKey < fromKey. */
  tradingDaysBetween(fromKey: string, toKey: string): number;
  /** `dateKey` itself when it trades, else the trading day before it. */
  onOrBeforeTradingDay(dateKey: string): string;
  holidaysIn(year: number): readonly HolidayEntry[];
  /** Years for which a holiday list is present; outside them only weekends are closed. */
  readonly coveredYears: readonly number[];
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

function sessionRuleOn(rules: readonly SessionRule[], dateKey: string): SessionRule {
  let found = rules[0];
  for (const r of rules) if (r.from <= dateKey) found = r;
  if (!found) throw new Error('calendar has no session rules');
  return found;
}

export function createNseCalendar(config: CalendarConfig = {}): NseCalendar {
  const removed = new Set(config.removeHolidays ?? []);
  const holidays = new Map<string, HolidayEntry>();
  for (const h of [...NSE_HOLIDAYS, ...(config.holidays ?? [])]) if (!removed.has(h.date)) holidays.set(h.date, h);
  const specials = new Map<string, SpecialSession>();
  for (const s of [...NSE_SPECIAL_SESSIONS, ...(config.specialSessions ?? [])]) specials.set(s.date, s);
  const ruleMap = new Map<string, SessionRule>();
  for (const r of [...SESSION_RULES, ...(config.sessionRules ?? [])]) ruleMap.set(r.from, r);
  const rules = [...ruleMap.values()].sort((a, b) => (a.from < b.from ? -1 : 1));
  const coveredYears = [...new Set([...holidays.keys()].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  const tradingCache = new Map<string, boolean>();

  const isTradingDay = (dateKey: string): boolean => {
    const cached = tradingCache.get(dateKey);
    if (cached !== undefined) return cached;
    const special = specials.get(dateKey);
    let trades: boolean;
    if (special?.kind === 'special') trades = true;
    else if (holidays.has(dateKey)) trades = false;
    else {
      const weekday = istParts(istDateFromKey(dateKey)).weekday;
      trades = weekday !== 0 && weekday !== 6;
    }
    tradingCache.set(dateKey, trades);
    return trades;
  };

  const fromSpecial = (dateKey: string, s: SpecialSession, segment: Segment): TradingSession => {
    const midnight = istDateFromKey(dateKey);
    const base = { dateKey, open: midnight + s.open * MINUTE_MS, close: midnight + s.close * MINUTE_MS, segment, kind: s.kind };
    if (!s.breaks) return base;
    return { ...base, breaks: s.breaks.map((b) => ({ from: midnight + b.from * MINUTE_MS, to: midnight + b.to * MINUTE_MS })) };
  };

  // Every tick and every bot evaluation asks for the day's session: each (day, segment) is built once,
  // frozen, and shared (a few hundred entries a year).
  const sessionMemo: Record<Segment, Map<string, TradingSession | null>> = { equity: new Map(), fno: new Map() };
  const sessionOn = (dateKey: string, segment: Segment = 'equity'): TradingSession | undefined => {
    const memo = sessionMemo[segment];
    const known = memo.get(dateKey);
    if (known !== undefined) return known ?? undefined;
    const built = buildSession(dateKey, segment);
    memo.set(dateKey, built ? freezeSession(built) : null);
    return built;
  };

  const buildSession = (dateKey: string, segment: Segment): TradingSession | undefined => {
    if (!isTradingDay(dateKey)) return undefined;
    const special = specials.get(dateKey);
    if (special) return fromSpecial(dateKey, special, segment);
    const hours = sessionRuleOn(rules, dateKey)[segment];
    const midnight = istDateFromKey(dateKey);
    const session: TradingSession = {
      dateKey,
      open: midnight + hours.open * MINUTE_MS,
      close: midnight + hours.close * MINUTE_MS,
      segment,
      kind: 'regular',
    };
    return hours.continuousClose === undefined ? session : { ...session, continuousClose: midnight + hours.continuousClose * MINUTE_MS };
  };

  const step = (dateKey: string, dir: 1 | -1): string => {
    let t = istDateFromKey(dateKey);
    for (let i = 0; i < 60; i++) {
      t += dir * DAY_MS;
      const key = istDateKey(t);
      if (isTradingDay(key)) return key;
    }
    throw new Error(`no trading day within 60 days of ${dateKey}`);
  };

  return {
    isTradingDay,
    holidayName: (dateKey) => holidays.get(dateKey)?.name,
    sessionOn,
    muhuratSessionOn: (dateKey) => {
      const s = specials.get(dateKey);
      return s?.kind === 'muhurat' ? fromSpecial(dateKey, s, 'equity') : undefined;
    },
    sessionAt: (epochMs, segment = 'equity') => {
      const s = sessionOn(istDateKey(epochMs), segment);
      if (!s || epochMs < s.open || epochMs >= s.close) return undefined;
      return s.breaks?.some((b) => epochMs >= b.from && epochMs < b.to) ? undefined : s;
    },
    nextTradingDay: (dateKey) => step(dateKey, 1),
    previousTradingDay: (dateKey) => step(dateKey, -1),
    tradingDaysBetween: (fromKey, toKey) => {
      if (toKey < fromKey) return -countForward(isTradingDay, toKey, fromKey);
      return countForward(isTradingDay, fromKey, toKey);
    },
    onOrBeforeTradingDay: (dateKey) => (isTradingDay(dateKey) ? dateKey : step(dateKey, -1)),
    holidaysIn: (year) => [...holidays.values()].filter((h) => h.date.startsWith(`${year}-`)).sort((a, b) => (a.date < b.date ? -1 : 1)),
    coveredYears,
  };
}

function freezeSession(s: TradingSession): TradingSession {
  if (s.breaks) Object.freeze(s.breaks);
  return Object.freeze(s);
}

function countForward(isTradingDay: (k: string) => boolean, fromKey: string, toKey: string): number {
  let n = 0;
  const end = istDateFromKey(toKey);
  for (let t = istDateFromKey(fromKey) + DAY_MS; t <= end; t += DAY_MS) if (isTradingDay(istDateKey(t))) n++;
  return n;
}

let current = createNseCalendar();

/**
 * Applies the user's calendar config on top of the built-in data for every caller of this module. Each
 * call replaces the previous config (pass the whole config; `{}` restores the built-in calendar).
 */
export function extendCalendar(config: CalendarConfig): void {
  current = createNseCalendar(config);
}

/** The calendar the module-level functions use. */
export function nseCalendar(): NseCalendar {
  return current;
}

export const isTradingDay = (dateKey: string): boolean => current.isTradingDay(dateKey);
export const holidayName = (dateKey: string): string | undefined => current.holidayName(dateKey);
export const sessionOn = (dateKey: string, segment?: Segment): TradingSession | undefined => current.sessionOn(dateKey, segment);
export const muhuratSessionOn = (dateKey: string): TradingSession | undefined => current.muhuratSessionOn(dateKey);
export const nextTradingDay = (dateKey: string): string => current.nextTradingDay(dateKey);
export const previousTradingDay = (dateKey: string): string => current.previousTradingDay(dateKey);
export const tradingDaysBetween = (fromKey: string, toKey: string): number => current.tradingDaysBetween(fromKey, toKey);
export const onOrBeforeTradingDay = (dateKey: string): string => current.onOrBeforeTradingDay(dateKey);

/** The session containing `epochMs`, if the market is open then (outside breaks). */
export function sessionAt(epochMs: number, segment?: Segment): TradingSession | undefined {
  return current.sessionAt(epochMs, segment);
}

export type { Segment, SpecialSession, SessionRule } from './nse-sessions.ts';
export type { HolidayEntry } from './nse-holidays.ts';
