import { istDateKey } from '#core/time-ist';
import { nextTradingDay, previousTradingDay, sessionAt, sessionOn } from '#calendar/nse-calendar';

const MINUTE = 60_000;

/**
 * Where a simulation starts: now if the market is open, otherwise an hour into the most recent
 * session, so a new user always lands in a living market with today's (or the last) date on screen.
 */
export function simulationStart(wallNowMs: number): number {
  if (sessionAt(wallNowMs)) return wallNowMs;
  const today = istDateKey(wallNowMs);
  const todays = sessionOn(today);
  const session = todays && todays.open <= wallNowMs ? todays : sessionOn(previousTradingDay(today));
  if (!session) throw new Error(`no trading session before ${today}`);
  return Math.min(session.open + 60 * MINUTE, session.close - MINUTE);
}

/** When the simulated market is closed, the instant of the next open; otherwise undefined. */
export function nextOpenIfClosed(simMs: number): number | undefined {
  if (sessionAt(simMs)) return undefined;
  const key = istDateKey(simMs);
  const today = sessionOn(key);
  if (today && simMs < today.open) return today.open;
  return sessionOn(nextTradingDay(key))?.open;
}
