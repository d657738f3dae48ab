import { IST_OFFSET_MS } from '#core/time-ist';

const DAY_MS = 86_400_000;
/** NSE cash session: 09:15 to 15:30 IST, 375 minutes. */
const OPEN_MINUTE = 9 * 60 + 15;
const SESSION_MINUTES = 375;

/** Where in the session a bar starts, 0 at 09:15 and 1 at 15:30 (clamped). */
export function sessionFraction(tsStart: number): number {
  const minute = (((tsStart + IST_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 60_000;
  return Math.min(1, Math.max(0, (minute - OPEN_MINUTE) / SESSION_MINUTES));
}

/** IST calendar day number of a bar, for keeping labels inside one session. */
export const istDay = (tsStart: number): number => Math.floor((tsStart + IST_OFFSET_MS) / DAY_MS);
