import { z } from 'zod';
import { exchange, expiryDate, foExchange, num, offset, optionType, strategy, successStatus, symbol } from './common.ts';

/** Symbol and options services (openalgo.md §3.4). */
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

const symbolInfo = z.object({
  symbol: z.string(),
  exchange: z.string(),
  name: z.string().optional(),
  brsymbol: z.string().optional(),
  brexchange: z.string().optional(),
  instrumenttype: z.string().optional(),
  /** `DD-MMM-YY`, or "" for instruments without expiry. */
  expiry: z.string().default(''),
  strike: num.default(0),
  lotsize: num.default(1),
  tick_size: num.optional(),
  token: z.union([z.string(), z.number().transform(String)]).optional(),
  /** 1 means "not configured", not a real freeze quantity. */
  freeze_qty: num.optional(),
  id: num.optional(),
});
export type SymbolInfo = z.infer<typeof symbolInfo>;

export const symbolResponse = z.object({ status: successStatus, data: symbolInfo });
export const searchResponse = z.object({ status: successStatus, message: z.string().optional(), data: z.array(symbolInfo) });
export const expiryResponse = z.object({ status: successStatus, message: z.string().optional(), data: z.array(z.string()) });

export const optionSymbolResponse = z.object({
  status: successStatus,
  symbol: z.string(),
  exchange: z.string(),
  lotsize: num.optional(),
  tick_size: num.optional(),
  freeze_qty: num.optional(),
  underlying_ltp: num.optional(),
});

const chainLeg = z.object({
  symbol: z.string(),
  label: z.string().optional(),
  ltp: num.default(0),
  bid: num.default(0),
  ask: num.default(0),
  bid_qty: num.optional(),
  ask_qty: num.optional(),
  open: num.optional(),
  high: num.optional(),
  low: num.optional(),
  prev_close: num.optional(),
  volume: num.optional(),
  oi: num.optional(),
  lotsize: num.optional(),
  tick_size: num.optional(),
  implied_volatility: num.optional(),
  delta: num.optional(),
  gamma: num.optional(),
  theta: num.optional(),
  vega: num.optional(),
});

export const optionChainResponse = z.object({
  status: successStatus,
  underlying: z.string(),
  underlying_ltp: num,
  underlying_prev_close: num.optional(),
  expiry_date: z.string(),
  expiry_ts: num.optional(),
  server_ts: num.optional(),
  atm_strike: num,
  quotes_included: z.boolean().optional(),
  greeks_included: z.boolean().optional(),
  forward_price: num.optional(),
  chain: z.array(z.object({ strike: num, ce: chainLeg.optional(), pe: chainLeg.optional() })),
});

export const optionGreeksResponse = z.object({
  status: successStatus,
  symbol: z.string(),
  exchange: z.string(),
  underlying: z.string().optional(),
  strike: num,
  option_type: z.string(),
  expiry_date: z.string(),
  days_to_expiry: num,
  spot_price: num,
  option_price: num,
  interest_rate: num.optional(),
  implied_volatility: num,
  greeks: z.object({ delta: num, gamma: num, theta: num, vega: num, rho: num.optional() }),
});
