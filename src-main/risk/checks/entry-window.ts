import { formatIstTime, istParts } from '#core/time-ist';
import { pass, refuse, type LegCheck } from '../check-context.ts';
import { botLimitsOf } from '../bot-limits.ts';

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A bot opens positions only inside its entry window (IST); exits and the trader's orders are not bound by it. */
export const entryWindowCheck: LegCheck = (p, ctx) => {
  if (p.reduceOnly || p.botId === undefined) return pass;
  const window = botLimitsOf(ctx.limits, p.botId).entryWindow;
  if (window === null) return pass;
  const now = istParts(p.ts).minuteOfDay;
  if (now >= minutes(window.start) && now < minutes(window.end)) return pass;
  return refuse({
    check: 'entry-window',
    reason: `Bot ${p.botId} enters only between ${window.start} and ${window.end} IST; it is ${formatIstTime(p.ts).slice(0, 5)}.`,
  });
};
