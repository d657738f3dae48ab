import { istDateKey, istMidnight } from '#core/time-ist';
import { nseCalendar, type NseCalendar } from '#calendar/nse-calendar';

/**
 * The risk day runs from one F&O session's open to the next one's. Overnight, weekends and holidays
 * belong to the last session, so the day's loss is not reset by midnight or by a restart at 08:00: it
 * resets when the next session opens and positions can be marked on new prices.
 */
export function riskDayKey(ts: number, calendar: NseCalendar = nseCalendar()): string {
  return riskDayKeys(calendar)(ts);
}

/**
 * `riskDayKey` for one calendar, remembering the IST day it last answered for: the monitor asks on every
 * tick, and within a day the answer changes only at the session's open.
 */
export function riskDayKeys(calendar: NseCalendar = nseCalendar()): (ts: number) => string {
  let midnight = Number.NaN;
  let open = Number.POSITIVE_INFINITY;
  let today = '';
  let before = '';
  return (ts) => {
    const m = istMidnight(ts);
    if (m !== midnight) {
      midnight = m;
      today = istDateKey(ts);
      open = calendar.sessionOn(today, 'fno')?.open ?? Number.POSITIVE_INFINITY;
      before = calendar.previousTradingDay(today);
    }
    return ts >= open ? today : before;
  };
}
