import type { NseCalendar } from '#calendar/nse-calendar';
import { istDateKey, istParts } from '#core/time-ist';
import type { Underlying } from '#options/contract-specs';
import { nextExpiry } from '#options/expiry';
import type { BotCalendar } from '../contract/context.ts';

/** The NSE calendar and expiry rules seen from one instant. */
export function createBotCalendar(now: number, nse: NseCalendar): BotCalendar {
  const today = istDateKey(now);
  const session = nse.sessionOn(today, 'fno');
  const marketOpen = nse.sessionAt(now, 'fno') !== undefined;
  return Object.freeze({
    nse,
    today,
    minuteOfDay: istParts(now).minuteOfDay,
    session,
    marketOpen,
    nextExpiry: (underlying: Underlying, kind?: 'monthly') => nextExpiry(underlying, now, kind, nse),
    isExpiryDay: (underlying: Underlying) => {
      if (!session) return false;
      return nextExpiry(underlying, session.open, undefined, nse).date === today;
    },
  });
}
