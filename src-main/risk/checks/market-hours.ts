import { formatIstTime } from '#core/time-ist';
import type { Segment } from '#calendar/nse-calendar';
import { pass, refuse, type LegCheck } from '../check-context.ts';

const SEGMENT: Readonly<Record<string, Segment>> = { NFO: 'fno', BFO: 'fno', NSE: 'equity', BSE: 'equity' };

/**
 * Every order, exits and the kill switch included, needs an open session of its segment (F&O hours
 * for NFO/BFO, holidays and session breaks closed). An order sent into a closed market is rejected by
 * the exchange anyway; refusing it here keeps the reason readable and the order book clean.
 */
export const marketHoursCheck: LegCheck = (p, ctx) => {
  const segment = SEGMENT[p.instrument.exchange];
  if (segment === undefined) {
    return refuse({ check: 'market-hours', reason: `No trading calendar for exchange ${p.instrument.exchange}: only NSE, BSE, NFO and BFO orders are accepted.` });
  }
  if (ctx.calendar.sessionAt(p.ts, segment)) return pass;
  return refuse({ check: 'market-hours', reason: `The ${segment === 'fno' ? 'F&O' : 'cash'} market is closed at ${formatIstTime(p.ts)} IST.` });
};
