import { z } from 'zod';
import { exchange, expiryDate, foExchange, num, numOr, offset, optNum, optionType, optStr, strategy, strOr, successStatus, symbol } from './common.ts';

/**
 * Symbol and options services (openalgo.md §3.4). Symbol rows are SymToken columns, all nullable but
 * `symbol`/`brsymbol`/`id`, and option legs are filled from broker quote dicts: nulls are read as absent.
 */
export const searchRequest = z.strictObject({ query: z.string().min(1), exchange: exchange.optional() });
export const expiryRequest = z.strictObject({ symbol, exchange: foExchange, instrumenttype: z.enum(['futures', 'options']) });
export const optionSymbolRequest = z.strictObject({
  underlying: symbol,
  exchange,
  expiry_date: expiryDate.optional(),
  strike_int: z.number().int().min(1).optional(),
  offset,
  option_type: optionType,
  strategy: strategy.optional(),
});
export const optionChainRequest = z.strictObject({
  underlying: symbol,
  exchange,
  expiry_date: expiryDate,
  strike_count: z.number().int().min(1).max(100).optional(),
  with_greeks: z.boolean().optional(),
  interest_rate: z.number().min(0).max(100).optional(),
});
export const optionGreeksRequest = z.strictObject({
  symbol,
  exchange: foExchange,
  interest_rate: z.number().min(0).max(100).optional(),
  forward_price: z.number().positive().optional(),
  underlying_symbol: symbol.optional(),
  underlying_exchange: exchange.optional(),
  expiry_time: z.string().regex(/^\d{2}:\d{2}$/).optional(),
});

const token = z.preprocess((v) => (v === null ? undefined : v), z.union([z.string(), z.number().transform(String)]).optional());

/** One master-contract row as `/instruments` sends it (no freeze quantity there). */
export const instrumentRow = z.object({
  symbol: z.string(),
  /** Nullable in OpenAlgo's table; a row without it cannot be traded, so the caller skips it. */
  exchange: strOr(''),
  name: optStr,
  brsymbol: optStr,
  brexchange: optStr,
  instrumenttype: optStr,
  /** `DD-MMM-YY`, or "" for instruments without expiry. */
  expiry: strOr(''),
  strike: numOr(0),
  /** Absent when the broker's master has none: never guessed here. */
  lotsize: optNum,
  tick_size: optNum,
  token,
});
export type InstrumentRow = z.infer<typeof instrumentRow>;

const symbolInfo = instrumentRow.extend({
  /** 1 means "not configured", not a real freeze quantity. */
  freeze_qty: optNum,
  id: optNum,
});
export type SymbolInfo = z.infer<typeof symbolInfo>;

export const symbolResponse = z.object({ status: successStatus, data: symbolInfo });
export const searchResponse = z.object({ status: successStatus, message: z.string().optional(), data: z.array(symbolInfo) });
export const expiryResponse = z.object({ status: successStatus, message: z.string().optional(), data: z.array(z.string()) });

export const optionSymbolResponse = z.object({
  status: successStatus,
  symbol: z.string(),
  exchange: z.string(),
  lotsize: optNum,
  tick_size: optNum,
  freeze_qty: optNum,
  underlying_ltp: optNum,
});

/** Quote fields default to 0 as OpenAlgo's own `quote.get(key, 0)` does; Greeks are absent, never 0. */
const chainLeg = z.object({
  symbol: z.string(),
  label: optStr,
  ltp: numOr(0),
  bid: numOr(0),
  ask: numOr(0),
  bid_qty: numOr(0),
  ask_qty: numOr(0),
  open: optNum,
  high: optNum,
  low: optNum,
  prev_close: optNum,
  volume: numOr(0),
  oi: numOr(0),
  lotsize: optNum,
  tick_size: optNum,
  implied_volatility: optNum,
  delta: optNum,
  gamma: optNum,
  theta: optNum,
  vega: optNum,
});
/** A strike whose CE or PE is not in the master contract comes as `"ce": null` / `"pe": null`. */
const chainSide = z.preprocess((v) => (v === null ? undefined : v), chainLeg.optional());

/**
 * `forward_price` is null unless Greeks were asked for, `expiry_ts` null when OpenAlgo cannot derive the
 * expiry instant (`services/option_chain_service.py`).
 */
export const optionChainResponse = z.object({
  status: successStatus,
  underlying: z.string(),
  underlying_symbol: optStr,
  underlying_exchange: optStr,
  underlying_ltp: num,
  underlying_prev_close: optNum,
  expiry_date: z.string(),
  expiry_ts: optNum,
  server_ts: optNum,
  atm_strike: num,
  quotes_included: z.boolean().optional(),
  greeks_included: z.boolean().optional(),
  forward_price: optNum,
  chain: z.array(z.object({ strike: num, ce: chainSide, pe: chainSide })),
});
export type OptionChainWire = z.infer<typeof optionChainResponse>;

const greeksFields = {
  symbol: z.string(),
  exchange: z.string(),
  underlying: optStr,
  strike: num,
  option_type: z.string(),
  expiry_date: z.string(),
  days_to_expiry: num,
  spot_price: num,
  option_price: num,
  interest_rate: optNum,
  implied_volatility: num,
  intrinsic_value: optNum,
  time_value: optNum,
  /** Set when OpenAlgo returns theoretical Greeks (deep ITM, expired) instead of computed ones. */
  note: optStr,
  greeks: z.object({ delta: num, gamma: num, theta: num, vega: num, rho: optNum }),
};

export const optionGreeksResponse = z.object({ status: successStatus, ...greeksFields });

const greeksRequestItem = z.strictObject({
  symbol,
  exchange: foExchange,
  underlying_symbol: symbol.optional(),
  underlying_exchange: exchange.optional(),
});
export const multiOptionGreeksRequest = z.strictObject({
  symbols: z.array(greeksRequestItem).min(1).max(50),
  interest_rate: z.number().min(0).max(100).optional(),
  expiry_time: z.string().regex(/^\d{2}:\d{2}$/).optional(),
});

/** Per symbol, in request order: the Greeks, or `{status: "error", symbol, exchange, message}`. */
export const multiGreeksRow = z.union([
  z.object({ status: z.literal('success'), ...greeksFields }),
  z.object({ status: z.literal('error'), symbol: optStr, exchange: optStr, message: optStr }),
]);

/** Top-level status is `success`, `partial`, or (all failed) `error` — the last parses as an error body. */
export const multiOptionGreeksResponse = z.object({
  status: z.enum(['success', 'partial']),
  data: z.array(multiGreeksRow),
  summary: z.object({ total: numOr(0), success: numOr(0), failed: numOr(0) }).optional().catch(undefined),
  message: optStr,
});

export const syntheticFutureRequest = z.strictObject({ underlying: symbol, exchange, expiry_date: expiryDate });

export const syntheticFutureResponse = z.object({
  status: successStatus,
  underlying: z.string(),
  underlying_ltp: optNum,
  /** DDMMMYY as requested. */
  expiry: z.string(),
  atm_strike: optNum,
  synthetic_future_price: num,
});

/** OpenAlgo 2.0.2.1 answers 400 "Field may not be null." without an exchange, so it is required here. */
export const instrumentsRequest = z.strictObject({ exchange });
export const instrumentsResponse = z.object({ status: successStatus, message: optStr, data: z.array(instrumentRow) });
