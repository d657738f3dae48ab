import { istDateFromKey, istDateKey, istParts, istToEpoch } from '#core/time-ist';
import { nseCalendar, type NseCalendar } from '#calendar/nse-calendar';
import { CONTRACT_SPECS, type ExpiryRule, type Underlying } from './contract-specs-data.ts';
import { inForceOn } from './dated.ts';
import { DAYS_PER_YEAR, type DayBasis } from './black.ts';

/**
 * Expiry dates from the dated weekday rules: weekly on the rule's weekday, monthly on the last such
 * weekday of the month, a weekly dropped in a week that has a monthly, and a holiday moving the
 * expiry to the previous trading day. Options expire at 15:30 IST (OpenAlgo `expiry_ts`).
 */
export interface Expiry {
  /** Trading day the contract expires, after the holiday shift. */
  readonly date: string;
  /** The rule's weekday date before any holiday shift. */
  readonly nominal: string;
  readonly kind: 'weekly' | 'monthly';
  /** 15:30 IST on `date`, epoch ms. */
  readonly instant: number;
}

const DAY_MS = 86_400_000;
export const EXPIRY_MINUTE = 15 * 60 + 30;
const MINUTES_PER_YEAR = 525_600;

/** By date key: bots and the chain reader ask for the same few expiries on every bar. */
const instants = new Map<string, number>();
/** A backtest over years asks for every day's close: forgotten now and then rather than kept without end. */
const INSTANTS_LIMIT = 4096;

export function expiryInstant(dateKey: string): number {
  let instant = instants.get(dateKey);
  if (instant === undefined) {
    const [y, m, d] = dateKey.split('-').map(Number) as [number, number, number];
    instant = istToEpoch(y, m, d, 15, 30);
    if (instants.size >= INSTANTS_LIMIT) instants.clear();
    instants.set(dateKey, instant);
  }
  return instant;
}

const addDays = (key: string, n: number): string => istDateKey(istDateFromKey(key) + n * DAY_MS);
const weekdayOf = (key: string): number => istParts(istDateFromKey(key)).weekday;
/** Monday of the ISO week containing `key`. */
const weekOf = (key: string): string => addDays(key, -((weekdayOf(key) + 6) % 7));

export function expiryRuleOn(underlying: Underlying, date: string): ExpiryRule {
  return inForceOn(CONTRACT_SPECS[underlying].expiries, (r) => r.from, date);
}

function isLastWeekdayOfMonth(key: string): boolean {
  return addDays(key, 7).slice(0, 7) !== key.slice(0, 7);
}

/** All expiries with a nominal date in [fromKey, toKey], in date order. */
export function expiriesBetween(underlying: Underlying, fromKey: string, toKey: string, calendar: NseCalendar = nseCalendar()): Expiry[] {
  const monthlyWeeks = new Set<string>();
  const nominals: { nominal: string; kind: 'weekly' | 'monthly' }[] = [];
  // Scan a week wider on each side so a monthly just outside the range still suppresses its week's weekly.
  for (let key = addDays(fromKey, -7); key <= addDays(toKey, 7); key = addDays(key, 1)) {
    const rule = expiryRuleOn(underlying, key);
    const wd = weekdayOf(key);
    if (wd === rule.monthly && isLastWeekdayOfMonth(key)) {
      monthlyWeeks.add(weekOf(key));
      nominals.push({ nominal: key, kind: 'monthly' });
    } else if (rule.weekly !== null && wd === rule.weekly) nominals.push({ nominal: key, kind: 'weekly' });
  }
  return nominals
    .filter((n) => n.nominal >= fromKey && n.nominal <= toKey && (n.kind === 'monthly' || !monthlyWeeks.has(weekOf(n.nominal))))
    .map((n) => {
      const date = calendar.onOrBeforeTradingDay(n.nominal);
      return { date, nominal: n.nominal, kind: n.kind, instant: expiryInstant(date) };
    });
}

const kindsByCalendar = new WeakMap<NseCalendar, Map<string, 'weekly' | 'monthly'>>();

/**
 * Whether the contract expiring on `dateKey` is its month's monthly (the last expiry of the month under
 * the weekday rules, after the holiday shift) or a weekly. Remembered per contract: lot-size lookups ask
 * it on every order and chain build.
 */
export function expiryKind(underlying: Underlying, dateKey: string, calendar: NseCalendar = nseCalendar()): 'weekly' | 'monthly' {
  let kinds = kindsByCalendar.get(calendar);
  if (!kinds) kindsByCalendar.set(calendar, (kinds = new Map()));
  const key = `${underlying}|${dateKey}`;
  let kind = kinds.get(key);
  if (kind === undefined) {
    const month = dateKey.slice(0, 7);
    const monthly = expiriesBetween(underlying, `${month}-01`, `${month}-31`, calendar).find((e) => e.kind === 'monthly');
    kind = monthly?.date === dateKey ? 'monthly' : 'weekly';
    kinds.set(key, kind);
  }
  return kind;
}

/** `expiriesBetween` lists by calendar, underlying, first day and span: a bot asks on every bar of the day. */
const spans = new WeakMap<NseCalendar, Map<string, readonly Expiry[]>>();

function expiriesFrom(underlying: Underlying, from: string, span: number, calendar: NseCalendar): readonly Expiry[] {
  let byKey = spans.get(calendar);
  if (!byKey) spans.set(calendar, (byKey = new Map()));
  const key = `${underlying}|${from}|${span}`;
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = expiriesBetween(underlying, from, addDays(from, span), calendar)));
  return list;
}

/** The first expiry whose instant is after `atMs` (optionally monthly only). */
export function nextExpiry(underlying: Underlying, atMs: number, kind?: 'monthly', calendar: NseCalendar = nseCalendar()): Expiry {
  const from = istDateKey(atMs);
  for (let span = 45; span <= 400; span *= 2) {
    const found = expiriesFrom(underlying, from, span, calendar).find((e) => e.instant > atMs && (!kind || e.kind === kind));
    if (found) return found;
  }
  throw new Error(`no ${kind ?? ''} expiry for ${underlying} after ${from}`);
}

export function minutesToExpiry(nowMs: number, expiryMs: number): number {
  return (expiryMs - nowMs) / 60_000;
}

/** Calendar days to expiry, fractional (India VIX convention: minutes ÷ 1440). */
export function daysToExpiry(nowMs: number, expiryMs: number): number {
  return minutesToExpiry(nowMs, expiryMs) / 1440;
}

/**
 * Time to expiry in years. `calendar`: minutes ÷ 525,600 (India VIX). `trading`: trading days left,
 * counting today's remaining session fraction, ÷ 252 (Sensibull). Clamped to one minute so that
 * pricing on expiry afternoon stays finite.
 */
export function yearsToExpiry(nowMs: number, expiryMs: number, basis: DayBasis = 'calendar', calendar: NseCalendar = nseCalendar()): number {
  if (basis === 'calendar') return Math.max(minutesToExpiry(nowMs, expiryMs), 1) / MINUTES_PER_YEAR;
  const today = istDateKey(nowMs);
  let days = calendar.tradingDaysBetween(today, istDateKey(expiryMs));
  const session = calendar.sessionOn(today, 'fno');
  if (session) {
    const close = Math.min(session.close, expiryInstant(today));
    days += Math.min(Math.max((close - nowMs) / (close - session.open), 0), 1);
  }
  const oneMinute = 1 / (EXPIRY_MINUTE - (9 * 60 + 15));
  return Math.max(days, oneMinute) / DAYS_PER_YEAR.trading;
}
