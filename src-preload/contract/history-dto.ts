import { z } from 'zod';
import { timeframeSchema } from './dto.ts';

/** Series a listing names at most when it is not told otherwise, and at most when it is. */
export const HISTORY_LIST_DEFAULT = 200;
export const HISTORY_LIST_MAX = 2000;

const filters = {
  /** The start of EXCHANGE:SYMBOL: `NFO:NIFTY` (NIFTY's options and futures), `NSE_INDEX:` (every index). */
  instrument: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9&_:-]{1,53}$/, 'must be the start of an instrument id, e.g. NFO:NIFTY or NSE_INDEX:')
    .optional(),
  /** Every instrument of one exchange (NSE, NFO, NSE_INDEX, …). */
  exchange: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z_]{2,12}$/, 'must be an exchange, e.g. NFO or NSE_INDEX')
    .optional(),
  timeframe: timeframeSchema.optional(),
};
const oneOf = (v: { instrument?: string | undefined; exchange?: string | undefined }): boolean => v.instrument === undefined || v.exchange === undefined;
const ONE_OF = { message: 'give an exchange or the start of an instrument id, not both (NFO:NIFTY names its exchange)', path: ['exchange'] };

/** `data:history:list`: which series to list, and how many at most. */
export const historyListInput = z
  .object({ ...filters, limit: z.number().int().min(1).max(HISTORY_LIST_MAX).optional() })
  .strict()
  .refine(oneOf, ONE_OF);

/** The same as a query string (`GET /api/data/history?exchange=NFO&limit=50`): numbers arrive as text. */
export const historyListQuery = z
  .object({ ...filters, limit: z.coerce.number().int().min(1).max(HISTORY_LIST_MAX).optional() })
  .strict()
  .refine(oneOf, ONE_OF);

const count = z.number().int().min(0);

/** One instrument at one bar size as the terminal's database holds it. */
export const historySeriesDto = z.object({
  instrumentId: z.string(),
  timeframe: z.string(),
  bars: count,
  /** The first and the last bar's start: epoch ms, and IST as `YYYY-MM-DD HH:MM`. */
  firstTs: z.number().int(),
  lastTs: z.number().int(),
  first: z.string(),
  last: z.string(),
  /** IST calendar days with at least one bar. */
  sessions: count,
  /** Bars by where they came from; `unknown` for bars stored before the terminal kept it. */
  sources: z.object({ simulator: count, feed: count, csv: count, bhavcopy: count, openalgo: count, unknown: count }),
});
export type HistorySeriesDto = z.infer<typeof historySeriesDto>;

/** Stored history per instrument and bar size, in id order; `more` series matched but were not listed (over `limit`). */
export const historyListDto = z.object({
  series: z.array(historySeriesDto),
  totalSeries: count,
  totalBars: count,
  more: count,
  limit: z.number().int(),
});
export type HistoryListDto = z.infer<typeof historyListDto>;
