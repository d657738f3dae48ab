import { nextTradingDay, previousTradingDay, sessionAt, sessionOn, type Segment, type TradingSession } from '#calendar/nse-calendar';
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

export const nseCalendar: SessionCalendar = { sessionAt, sessionOn, nextTradingDay, previousTradingDay };

const DERIVATIVE_EXCHANGES = new Set(['NFO', 'BFO', 'CDS', 'BCD', 'MCX']);

/**
 * Which session hours apply to an instrument: derivatives follow the F&O segment (open to 15:40 from
 * 2026-08-03), index spot and cash the equity segment (15:30).
 */
export function segmentOf(instrumentId: string): Segment {
  return DERIVATIVE_EXCHANGES.has(instrumentId.slice(0, instrumentId.indexOf(':'))) ? 'fno' : 'equity';
}

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
 * Remembers the last session found: ticks arrive in time order, so nearly every lookup hits the cache
 * and the tick path does no date arithmetic.
 */
export function cachedSessionLookup(calendar: SessionCalendar, segment: Segment = 'equity'): (epochMs: number) => TradingSession | undefined {
  let last: TradingSession | undefined;
  return (epochMs) => {
    if (last && epochMs >= last.open && epochMs < last.close) return last;
    const s = calendar.sessionAt(epochMs, segment);
    if (s) last = s;
    return s;
  };
}
