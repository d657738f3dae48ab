import { istDateFromKey, istDateKey, istParts } from '#core/time-ist';

/**
 * NSE trading days and session times. Placeholder data (weekends only, fixed 09:15–15:30): the
 * options/calendar work replaces the holiday table and dated session times behind this same API.
 */
export interface TradingSession {
  /** IST calendar day, YYYY-MM-DD. */
  readonly dateKey: string;
  /** Session open, epoch ms (09:15 IST). */
  readonly open: number;
  /** Session close, epoch ms (15:30 IST). */
  readonly close: number;
}

const DAY_MS = 86_400_000;
const OPEN_MINUTE = 9 * 60 + 15;
const CLOSE_MINUTE = 15 * 60 + 30;

export function isTradingDay(dateKey: string): boolean {
  const weekday = istParts(istDateFromKey(dateKey)).weekday;
  return weekday !== 0 && weekday !== 6;
}

export function sessionOn(dateKey: string): TradingSession | undefined {
  if (!isTradingDay(dateKey)) return undefined;
  const midnight = istDateFromKey(dateKey);
  return { dateKey, open: midnight + OPEN_MINUTE * 60_000, close: midnight + CLOSE_MINUTE * 60_000 };
}

export function nextTradingDay(dateKey: string): string {
  let t = istDateFromKey(dateKey);
  do t += DAY_MS;
  while (!isTradingDay(istDateKey(t)));
  return istDateKey(t);
}

export function previousTradingDay(dateKey: string): string {
  let t = istDateFromKey(dateKey);
  do t -= DAY_MS;
  while (!isTradingDay(istDateKey(t)));
  return istDateKey(t);
}

/** The session containing `epochMs`, if the market is open then. */
export function sessionAt(epochMs: number): TradingSession | undefined {
  const s = sessionOn(istDateKey(epochMs));
  return s && epochMs >= s.open && epochMs < s.close ? s : undefined;
}
