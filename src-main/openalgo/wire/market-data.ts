import { z } from 'zod';
import { exchange, isoDate, num, numOr, optNum, successStatus, symbol } from './common.ts';

/**
 * Market data (openalgo.md §3.3): always the live broker's, also in analyze mode. Quote dicts come
 * straight from the broker adapters, which send null for fields they lack; only the price itself is
 * required, because a quote without a last price is no quote.
 */
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
  open: numOr(0),
  high: numOr(0),
  low: numOr(0),
  ltp: num,
  ask: numOr(0),
  bid: numOr(0),
  prev_close: numOr(0),
  volume: numOr(0),
  oi: optNum,
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

const level = z.object({ price: numOr(0), quantity: numOr(0), orders: optNum });
export const depthResponse = z.object({
  status: successStatus,
  data: z.object({
    open: numOr(0),
    high: numOr(0),
    low: numOr(0),
    ltp: num,
    ltq: optNum,
    prev_close: numOr(0),
    volume: numOr(0),
    oi: optNum,
    totalbuyqty: optNum,
    totalsellqty: optNum,
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

/** Prices stay required: a candle without them is a gap in the data, reported rather than filled. */
export const candle = z.object({ timestamp: candleTime, open: num, high: num, low: num, close: num, volume: numOr(0), oi: optNum });
export const historyResponse = z.object({ status: successStatus, data: z.array(candle) });

const intervalList = z.preprocess((v) => (v === null ? undefined : v), z.array(z.string()).default([]));
export const intervalsResponse = z.object({
  status: successStatus,
  data: z.object({ months: intervalList, weeks: intervalList, days: intervalList, hours: intervalList, minutes: intervalList, seconds: intervalList }),
});

/**
 * `GET /ticker/<EXCHANGE:SYMBOL>`: OpenAlgo loads it with the history schema, so the same intervals and
 * real dates apply; intraday ranges longer than 30 days (daily: 10 years) are cut short by the server.
 */
export const tickerRequest = z.strictObject({ symbol, exchange, interval: z.enum(HISTORY_INTERVALS), from: isoDate, to: isoDate });
export const tickerResponse = historyResponse;
