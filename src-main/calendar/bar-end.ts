import { istDateFromKey, istDateKey } from '#core/time-ist';
import { TIMEFRAME_MINUTES, type Timeframe } from '#model/bar';
import { nseCalendar, type NseCalendar } from './nse-calendar.ts';
import type { Segment } from './nse-sessions.ts';

const DERIVATIVE_EXCHANGES = new Set(['NFO', 'BFO', 'CDS', 'BCD', 'MCX']);
const DAY_MS = 86_400_000;

/**
 * Which session hours apply to an instrument: derivatives follow the F&O segment (open to 15:40 from
 * 2026-08-03), index spot and cash the equity segment (15:30).
 */
export function segmentOf(instrumentId: string): Segment {
  return DERIVATIVE_EXCHANGES.has(instrumentId.slice(0, instrumentId.indexOf(':'))) ? 'fno' : 'equity';
}

/**
 * When the bar of `timeframe` starting at `tsStart` ends, i.e. when its content is knowable. A daily bar
 * is its session: it ends at that day's close for the instrument's segment (15:30, F&O 15:40 from
 * 2026-08-03, earlier on a special session), not a fixed 375 minutes after the open. An intraday bar ends
 * `timeframe` later, clipped to the close (the 60m bar from 15:15 ends at 15:30). A bar outside any NSE
 * session (other markets' data) is not clipped; a daily one then ends with its IST day.
 */
export function barEndOf(instrumentId: string, timeframe: Timeframe, tsStart: number, calendar: NseCalendar = nseCalendar()): number {
  const dateKey = istDateKey(tsStart);
  const session = calendar.sessionOn(dateKey, segmentOf(instrumentId));
  if (timeframe === '1d') return session ? session.close : istDateFromKey(dateKey) + DAY_MS;
  const end = tsStart + TIMEFRAME_MINUTES[timeframe] * 60_000;
  return session && tsStart >= session.open && tsStart < session.close ? Math.min(end, session.close) : end;
}
