import type { NseCalendar } from '#calendar/nse-calendar';
import { istDateKey, istParts } from '#core/time-ist';
import type { Underlying } from '#options/contract-specs';
import { nextExpiry, type Expiry } from '#options/expiry';
import type { BotCalendar } from '../contract/context.ts';

/** The last calendar built per NSE calendar: every hook at one instant (each bot, each bar) reads the same one. */
const lastBuilt = new WeakMap<NseCalendar, { readonly now: number; readonly calendar: BotCalendar }>();

/**
 * The NSE calendar and expiry rules seen from one instant. Pure in `now`, so the calendar last built for
 * the same instant is handed out again, with each expiry worked out once (and frozen: readers share it).
 */
export function createBotCalendar(now: number, nse: NseCalendar): BotCalendar {
  const last = lastBuilt.get(nse);
  if (last?.now === now) return last.calendar;
  const today = istDateKey(now);
  const session = nse.sessionOn(today, 'fno');
  const marketOpen = nse.sessionAt(now, 'fno') !== undefined;
  // Made on first ask: most instants' hooks ask for no expiry, and a calendar is built for each instant.
  let expiries: Map<string, Expiry> | undefined;
  let expiryDays: Map<Underlying, boolean> | undefined;
  const calendar: BotCalendar = Object.freeze({
    nse,
    today,
    minuteOfDay: istParts(now).minuteOfDay,
    session,
    marketOpen,
    nextExpiry: (underlying: Underlying, kind?: 'monthly') => {
      const key = `${underlying}|${kind ?? ''}`;
      let e = expiries?.get(key);
      if (!e) {
        e = Object.freeze(nextExpiry(underlying, now, kind, nse));
        (expiries ??= new Map()).set(key, e);
      }
      return e;
    },
    isExpiryDay: (underlying: Underlying) => {
      if (!session) return false;
      let is = expiryDays?.get(underlying);
      if (is === undefined) {
        is = nextExpiry(underlying, session.open, undefined, nse).date === today;
        (expiryDays ??= new Map()).set(underlying, is);
      }
      return is;
    },
  });
  lastBuilt.set(nse, { now, calendar });
  return calendar;
}
