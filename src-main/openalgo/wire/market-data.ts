import { z } from 'zod';
import { exchange, isoDate, num, successStatus, symbol } from './common.ts';

/** Market data (openalgo.md §3.3): always the live broker's, also in analyze mode. */
export const symbolExchangeRequest = z.strictObject({ symbol, exchange });
export const multiQuotesRequest = z.strictObject({ symbols: z.array(z.strictObject({ symbol, exchange })).min(1) });

export const HISTORY_INTERVALS = ['1s', '5s', '10s', '15s', '30s', '45s', '1m', '2m', '3m', '5m', '10m', '15m', '20m', '30m', '1h', '2h', '3h', '4h', 'D', 'W', 'M', 'Q', 'Y'] as const;
export const historyRequest = z.strictObject({
  symbol,
  exchange,
  interval: z.enum(HISTORY_INTERVALS),
  start_date: isoDate,
  end_date: isoDate,
  source: z.enum(['api', 'db']).optional(),
});

const quoteData = z.object({
  open: num.default(0),
  high: num.default(0),
  low: num.default(0),
  ltp: num,
  ask: num.default(0),
  bid: num.default(0),
  prev_close: num.default(0),
  volume: num.default(0),
  oi: num.optional(),
});
export type QuoteData = z.infer<typeof quoteData>;

export const quotesResponse = z.object({ status: successStatus, data: quoteData });

export const multiQuotesResponse = z.object({
  status: successStatus,
  results: z.array(
    z.union([
      z.object({ symbol: z.string(), exchange: z.string(), data: quoteData }),
      z.object({ symbol: z.string(), exchange: z.string(), error: z.string() }),
    ]),
  ),
});

const level = z.object({ price: num, quantity: num, orders: num.optional() });
export const depthResponse = z.object({
  status: successStatus,
  data: z.object({
    open: num.default(0),
    high: num.default(0),
    low: num.default(0),
    ltp: num,
    ltq: num.optional(),
    prev_close: num.default(0),
    volume: num.default(0),
    oi: num.optional(),
    totalbuyqty: num.optional(),
    totalsellqty: num.optional(),
    asks: z.array(level),
    bids: z.array(level),
  }),
});

/**
 * The server sends epoch seconds; the docs sample shows `"2025-04-01 09:15:00+05:30"`. Both parse to
 * epoch seconds here so one candle has one timestamp whichever a broker sends.
 */
const candleTime = z.union([
  num,
  z
    .string()
    .refine((s) => Number.isFinite(Date.parse(s.replace(' ', 'T'))), 'not a timestamp')
    .transform((s) => Math.floor(Date.parse(s.replace(' ', 'T')) / 1000)),
]);

export const historyResponse = z.object({
  status: successStatus,
  data: z.array(
    z.object({ timestamp: candleTime, open: num, high: num, low: num, close: num, volume: num.default(0), oi: num.optional() }),
  ),
});

const intervalList = z.array(z.string()).default([]);
export const intervalsResponse = z.object({
  status: successStatus,
  data: z.object({ months: intervalList, weeks: intervalList, days: intervalList, hours: intervalList, minutes: intervalList, seconds: intervalList }),
});
