import { istDateFromKey, istDateKey } from '#core/time-ist';
import { nseCalendar, type SessionCalendar, type TradingSession } from '#market/session-calendar';

const DAY_MS = 86_400_000;

/** The NSE sessions from `from` to `to` inclusive (IST days), oldest first; weekends and holidays skipped. */
export function tradingSessions(from: string, to: string, calendar: SessionCalendar = nseCalendar): TradingSession[] {
  const out: TradingSession[] = [];
  for (let t = istDateFromKey(from); istDateKey(t) <= to; t += DAY_MS) {
    const s = calendar.sessionOn(istDateKey(t));
    if (s) out.push(s);
  }
  return out;
}
