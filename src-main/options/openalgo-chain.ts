import { err, ok, type Result } from '#core/result';
import { istToEpoch } from '#core/time-ist';
import type { ChainRow, OptionChain, OptionQuote } from './chain.ts';

/**
 * OpenAlgo `/optionchain` response (openalgo.md §3.4), already parsed and validated by the OpenAlgo
 * client. Numbers may arrive as strings from some brokers: the client coerces them before this point.
 */
export interface OpenAlgoChainLeg {
  readonly symbol: string;
  readonly label?: string;
  readonly ltp: number;
  readonly bid: number;
  readonly ask: number;
  readonly bid_qty: number;
  readonly ask_qty: number;
  readonly open?: number;
  readonly high?: number;
  readonly low?: number;
  readonly prev_close?: number;
  readonly volume: number;
  readonly oi: number;
  readonly lotsize?: number;
  readonly tick_size?: number;
  /** Percent (14.92 = 14.92 %). */
  readonly implied_volatility?: number;
  readonly delta?: number;
  readonly gamma?: number;
  readonly theta?: number;
  readonly vega?: number;
}

export interface OpenAlgoOptionChain {
  readonly status?: string;
  readonly underlying: string;
  readonly underlying_ltp: number;
  readonly underlying_prev_close?: number;
  /** DDMMMYY, e.g. 25AUG26. */
  readonly expiry_date: string;
  /** Epoch seconds at the exchange cut-off (15:30 IST for NFO/BFO). */
  readonly expiry_ts?: number;
  /** Epoch seconds. */
  readonly server_ts?: number;
  readonly atm_strike: number;
  readonly forward_price?: number | null;
  readonly chain: readonly { readonly strike: number; readonly ce?: OpenAlgoChainLeg | null; readonly pe?: OpenAlgoChainLeg | null }[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** `25AUG26` or `25-AUG-26` → `2026-08-25`. */
export function parseOpenAlgoExpiry(s: string): string | undefined {
  const m = /^(\d{2})-?([A-Za-z]{3})-?(\d{2})$/.exec(s);
  const month = m ? MONTHS.indexOf(m[2]!.toUpperCase()) + 1 : 0;
  if (!m || month === 0) return undefined;
  return `20${m[3]}-${String(month).padStart(2, '0')}-${m[1]}`;
}

function leg(l: OpenAlgoChainLeg): OptionQuote {
  return {
    symbol: l.symbol,
    ltp: l.ltp,
    bid: l.bid,
    ask: l.ask,
    bidQty: l.bid_qty,
    askQty: l.ask_qty,
    volume: l.volume,
    oi: l.oi,
    ...(l.implied_volatility !== undefined && l.implied_volatility > 0 ? { iv: l.implied_volatility / 100 } : {}),
    ...(l.delta !== undefined ? { delta: l.delta } : {}),
    ...(l.gamma !== undefined ? { gamma: l.gamma } : {}),
    ...(l.theta !== undefined ? { theta: l.theta } : {}),
    ...(l.vega !== undefined ? { vega: l.vega } : {}),
  };
}

/** Maps an OpenAlgo option chain into the chain model. `exchange` is the request's (NFO/BFO). */
export function chainFromOpenAlgo(res: OpenAlgoOptionChain, exchange: string, receivedAt: number): Result<OptionChain, { kind: 'validation'; message: string }> {
  const expiry = parseOpenAlgoExpiry(res.expiry_date);
  if (!expiry) return err({ kind: 'validation', message: `unrecognised expiry_date "${res.expiry_date}"` });
  const [y, mo, d] = expiry.split('-').map(Number) as [number, number, number];
  const rows: ChainRow[] = [...res.chain]
    .sort((a, b) => a.strike - b.strike)
    .map((row) => ({ strike: row.strike, ...(row.ce ? { ce: leg(row.ce) } : {}), ...(row.pe ? { pe: leg(row.pe) } : {}) }));
  const first = res.chain.find((r) => r.ce ?? r.pe);
  const sample = first?.ce ?? first?.pe ?? undefined;
  return ok({
    underlying: res.underlying,
    exchange,
    expiry,
    expiryTs: res.expiry_ts !== undefined ? res.expiry_ts * 1000 : istToEpoch(y, mo, d, 15, 30),
    ts: res.server_ts !== undefined ? res.server_ts * 1000 : receivedAt,
    spot: res.underlying_ltp,
    ...(res.forward_price ? { forward: res.forward_price } : {}),
    atmStrike: res.atm_strike,
    ...(sample?.lotsize !== undefined ? { lotSize: sample.lotsize } : {}),
    tickSize: sample?.tick_size ?? 0.05,
    rows,
  });
}
