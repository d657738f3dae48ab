import { z } from 'zod';
import { isoDate, num, optNum, optStr, successStatus } from './common.ts';

/**
 * OpenAlgo's market calendar (`/market/holidays`, `/market/timings`; openalgo.md §3.5). Times are epoch
 * milliseconds. These two routes never check the API key, so an answer says nothing about the session.
 */
export const holidaysRequest = z.strictObject({ year: z.number().int().min(2020).max(2050).optional() });

const nullableList = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === null ? undefined : v), z.array(item).default([]));

export const holidaysResponse = z.object({
  status: successStatus,
  year: num,
  timezone: optStr,
  data: z.array(
    z.object({
      date: isoDate,
      description: optStr,
      /** TRADING_HOLIDAY, SETTLEMENT_HOLIDAY or SPECIAL_SESSION (e.g. Muhurat). */
      holiday_type: optStr,
      closed_exchanges: nullableList(z.string()),
      /** Exchanges open that day, with their special-session window when the calendar has one. */
      open_exchanges: nullableList(z.object({ exchange: z.string(), start_time: optNum, end_time: optNum })),
    }),
  ),
});

export const timingsRequest = z.strictObject({ date: isoDate });

/** One row per exchange open on that date; `[]` on a full holiday or a weekend without a special session. */
export const timingsResponse = z.object({
  status: successStatus,
  data: z.array(z.object({ exchange: z.string(), start_time: num, end_time: num })),
});
