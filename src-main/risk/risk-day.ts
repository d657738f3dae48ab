import { istDateKey } from '#core/time-ist';
import { nseCalendar, type NseCalendar } from '#calendar/nse-calendar';

/**
 * The risk day runs from one F&O session's open to the next one's. Overnight, weekends and holidays
 * belong to the last session, so the day's loss is not reset by midnight or by a restart at 08:00: it
 * resets when the next session opens and positions can be marked on new prices.
 */
export function riskDayKey(ts: number, calendar: NseCalendar = nseCalendar()): string {
  const today = istDateKey(ts);
  const session = calendar.sessionOn(today, 'fno');
  if (session && ts >= session.open) return today;
  return calendar.previousTradingDay(today);
}
