import type { Underlying } from '#options/contract-specs';
import type { BotCalendar } from './contract/context.ts';
import { minutesOf, param, type DatedEntry } from './contract/params.ts';

/**
 * Expiry-day and event-day rules every bot follows, all read from the one NSE calendar
 * (`#calendar/nse-calendar` through `ctx.calendar`) and the expiry rules in `#options/expiry`.
 */
export interface PlaybookRules {
  /** On an expiry day of the underlying, no new short-premium entry from this IST time. */
  readonly expiryEntryCutoff: string;
  /** Positions in a contract expiring today are closed from this IST time. */
  readonly expiryExitTime: string;
  /** Lots are multiplied by this on an event day (rounded down). */
  readonly eventSizeFactor: number;
  /** Configured event days (RBI policy, Budget, …); NSE special sessions count as event days too. */
  readonly eventDays: readonly DatedEntry[];
}

/** The playbook's fields, spread into each bot's parameter schema so the editor shows them with the bot's own. */
export const playbookParams = {
  expiryEntryCutoff: param.time({
    label: 'Expiry day: no new short premium from',
    default: '13:00',
    min: '09:15',
    max: '15:30',
    stepMinutes: 15,
    description: 'On an expiry day of the underlying no new short-premium entry is made from this time (IST).',
  }),
  expiryExitTime: param.time({ label: 'Expiry day: exit expiring positions at', default: '15:15', min: '09:30', max: '15:29', stepMinutes: 5 }),
  eventSizeFactor: param.number({ label: 'Event day size factor', default: 0.5, min: 0, max: 1, step: 0.05, description: 'Lots × this on event days, rounded down.' }),
  eventDays: param.dates({ label: 'Event days', description: 'Dates with scheduled risk (RBI policy, Budget, Fed): size is reduced.' }),
};

export interface PlaybookView {
  readonly expiryDay: boolean;
  /** The event named for today, if any. */
  readonly event: string | undefined;
  readonly sizeFactor: number;
  /** Whether a new short-premium position may be opened now, and why (or why not). */
  readonly shortPremiumEntry: { readonly allowed: boolean; readonly reason: string };
  /** Whether a position expiring on `expiry` (YYYY-MM-DD) must be closed now, and why. */
  mustExit(expiry: string): { readonly exit: boolean; readonly reason: string };
}

export function playbook(calendar: BotCalendar, underlying: Underlying, rules: PlaybookRules): PlaybookView {
  const expiryDay = calendar.isExpiryDay(underlying);
  const configured = rules.eventDays.find((d) => d.date === calendar.today)?.name;
  const event = configured ?? (calendar.session?.kind === 'special' ? 'NSE special session' : undefined);
  const cutoff = minutesOf(rules.expiryEntryCutoff);
  const exitAt = minutesOf(rules.expiryExitTime);
  const blocked = expiryDay && calendar.minuteOfDay >= cutoff;
  return {
    expiryDay,
    event,
    sizeFactor: event ? rules.eventSizeFactor : 1,
    shortPremiumEntry: blocked
      ? { allowed: false, reason: `${underlying} expiry day: no new short premium from ${rules.expiryEntryCutoff}` }
      : { allowed: true, reason: expiryDay ? `${underlying} expiry day, before the ${rules.expiryEntryCutoff} cut-off` : 'not an expiry day' },
    mustExit(expiry) {
      if (expiry < calendar.today) return { exit: true, reason: `contract expired on ${expiry}` };
      if (expiry === calendar.today && calendar.minuteOfDay >= exitAt) return { exit: true, reason: `expiry day time exit at ${rules.expiryExitTime}` };
      return { exit: false, reason: '' };
    },
  };
}

/** Lots after the event-day factor, rounded down, with the sentence the signal carries when it changed. */
export function sizedLots(lots: number, view: Pick<PlaybookView, 'event' | 'sizeFactor'>): { readonly lots: number; readonly note?: string } {
  if (!view.event || view.sizeFactor === 1) return { lots };
  const sized = Math.floor(lots * view.sizeFactor + 1e-9);
  return { lots: sized, note: `event day (${view.event}): ${lots} lot(s) × ${view.sizeFactor} = ${sized}` };
}
