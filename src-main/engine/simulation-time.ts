import { mix32 } from '#core/random';
import { istDateFromKey, istDateKey } from '#core/time-ist';
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

/**
 * The simulated market's seed for a run starting at `startMs`: the configured seed mixed with the IST date
 * of the start. One seed alone replays the same random draws from whatever day the terminal opens on, so
 * every launch showed the same day's shape (the same fall at the open, the same recovery); mixed with the
 * date, each day brings its own market, and the same seed with the same `--sim-start` day repeats it.
 */
export function simulationSeed(seed: number, startMs: number): number {
  const day = Math.round(istDateFromKey(istDateKey(startMs)) / 86_400_000);
  return mix32(seed ^ Math.imul(day, 0x9e3779b9));
}
