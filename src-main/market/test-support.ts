import { istToEpoch } from '#core/time-ist';
import type { Tick } from '#model/bar';
import { instrumentId, type InstrumentId } from '#model/ids';
import { nseCalendar, type SessionCalendar } from './session-calendar.ts';

/** Shared by this module's tests only. */
export const NIFTY: InstrumentId = instrumentId('NSE_INDEX', 'NIFTY');
export const NIFTY_FUT: InstrumentId = instrumentId('NFO', 'NIFTY30DEC25FUT');

/** Epoch ms of an IST wall time on 2025-12-<day> (1 Dec 2025 is a Monday). */
export const dec = (day: number, hour: number, minute: number, second = 0): number => istToEpoch(2025, 12, day, hour, minute, second);

export const tick = (ts: number, ltp: number, extra: Partial<Tick> = {}): Tick => ({ instrumentId: NIFTY, tsEvent: ts, ltp, ...extra });

/** The NSE calendar with extra closed days, so holiday handling is tested independently of the year's table. */
export function calendarWithHolidays(...holidays: string[]): SessionCalendar {
  const closed = new Set(holidays);
  return {
    sessionOn: (k, segment) => (closed.has(k) ? undefined : nseCalendar.sessionOn(k, segment)),
    sessionAt(ms, segment) {
      const s = nseCalendar.sessionAt(ms, segment);
      return s && !closed.has(s.dateKey) ? s : undefined;
    },
    nextTradingDay(k) {
      let d = nseCalendar.nextTradingDay(k);
      while (closed.has(d)) d = nseCalendar.nextTradingDay(d);
      return d;
    },
    previousTradingDay(k) {
      let d = nseCalendar.previousTradingDay(k);
      while (closed.has(d)) d = nseCalendar.previousTradingDay(d);
      return d;
    },
  };
}
