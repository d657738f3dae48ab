import { nseCalendar as currentNseCalendar, type NseCalendar, type Segment, type TradingSession } from '#calendar/nse-calendar';
import { IST_OFFSET_MS, istDateKey, istMidnight } from '#core/time-ist';
import { TIMEFRAME_MINUTES, type Timeframe } from '#model/bar';

export type { Segment, TradingSession };

/**
 * The slice of the calendar module market code needs. Injected (default: the NSE calendar) so tests can
 * pin a holiday or a special session without depending on the current year's holiday table.
 */
export interface SessionCalendar {
  sessionAt(epochMs: number, segment?: Segment): TradingSession | undefined;
  sessionOn(dateKey: string, segment?: Segment): TradingSession | undefined;
  nextTradingDay(dateKey: string): string;
  previousTradingDay(dateKey: string): string;
}

const DAY_MS = 86_400_000;

/**
 * Remembers every day it was asked about: a session is looked up once per (segment, IST day) and the
 * same object is returned after that, with no date formatting on a hit. `source` is read on every call,
 * so a calendar replaced at run time (`extendCalendar`) empties the memory instead of going stale.
 */
export function memoizedCalendar(source: () => Pick<NseCalendar, 'sessionOn' | 'nextTradingDay' | 'previousTradingDay'>): SessionCalendar {
  let from: unknown;
  const byKey = { equity: new Map<string, TradingSession | null>(), fno: new Map<string, TradingSession | null>() };
  const byDay = { equity: new Map<number, TradingSession | null>(), fno: new Map<number, TradingSession | null>() };
  const current = () => {
    const c = source();
    if (c !== from) {
      from = c;
      for (const m of [byKey.equity, byKey.fno, byDay.equity, byDay.fno]) m.clear();
    }
    return c;
  };
  const sessionOn = (dateKey: string, segment: Segment = 'equity'): TradingSession | undefined => {
    const c = current();
    let s = byKey[segment].get(dateKey);
    if (s === undefined) {
      s = c.sessionOn(dateKey, segment) ?? null;
      byKey[segment].set(dateKey, s);
    }
    return s ?? undefined;
  };
  return {
    sessionOn,
    sessionAt(epochMs, segment = 'equity') {
      current();
      const day = Math.floor((epochMs + IST_OFFSET_MS) / DAY_MS);
      let s = byDay[segment].get(day);
      if (s === undefined) {
        s = sessionOn(istDateKey(epochMs), segment) ?? null;
        byDay[segment].set(day, s);
      }
      return s && epochMs >= s.open && epochMs < s.close && !inBreak(s, epochMs) ? s : undefined;
    },
    nextTradingDay: (dateKey) => current().nextTradingDay(dateKey),
    previousTradingDay: (dateKey) => current().previousTradingDay(dateKey),
  };
}

/** The NSE calendar (with whatever `extendCalendar` added), memoized per day. */
export const nseCalendar: SessionCalendar = memoizedCalendar(currentNseCalendar);

export { segmentOf } from '#calendar/bar-end';

/** The interval a bar covers: `[start, end)`, clipped to the session (the 60m bar from 15:15 ends at 15:30). */
export interface BarWindow {
  readonly start: number;
  readonly end: number;
  readonly dateKey: string;
}

/** The bar window of `timeframe` containing `epochMs` inside `session`. Windows are anchored at the open (09:15). */
export function barWindow(epochMs: number, timeframe: Timeframe, session: TradingSession): BarWindow {
  if (timeframe === '1d') return { start: session.open, end: session.close, dateKey: session.dateKey };
  const len = TIMEFRAME_MINUTES[timeframe] * 60_000;
  const start = session.open + Math.floor((epochMs - session.open) / len) * len;
  return { start, end: Math.min(start + len, session.close), dateKey: session.dateKey };
}

/**
 * The session open at `epochMs`, for a caller whose times mostly move forward (ticks, bars): it remembers
 * the last session found and the last closed stretch (night, weekend, a break), so nearly every lookup is
 * two comparisons and the tick path does no date arithmetic. A break inside a session is closed time.
 */
export function cachedSessionLookup(calendar: SessionCalendar, segment: Segment = 'equity'): (epochMs: number) => TradingSession | undefined {
  let last: TradingSession | undefined;
  let closedFrom = Number.POSITIVE_INFINITY;
  let closedUntil = Number.NEGATIVE_INFINITY;
  return (epochMs) => {
    if (last && epochMs >= last.open && epochMs < last.close && (last.breaks === undefined || !inBreak(last, epochMs))) return last;
    if (epochMs >= closedFrom && epochMs < closedUntil) return undefined;
    const s = calendar.sessionAt(epochMs, segment);
    if (s) {
      last = s;
      return s;
    }
    // Closed: remember until the next instant something could open (today's open, a break's end, midnight).
    const midnight = istMidnight(epochMs);
    const today = calendar.sessionOn(istDateKey(epochMs), segment);
    const resume = today?.breaks?.find((b) => epochMs >= b.from && epochMs < b.to);
    closedFrom = resume ? resume.from : today && epochMs >= today.close ? today.close : midnight;
    closedUntil = resume ? resume.to : today && epochMs < today.open ? today.open : midnight + DAY_MS;
    return undefined;
  };
}

function inBreak(s: TradingSession, epochMs: number): boolean {
  const breaks = s.breaks;
  if (breaks === undefined) return false;
  for (const b of breaks) if (epochMs >= b.from && epochMs < b.to) return true;
  return false;
}
