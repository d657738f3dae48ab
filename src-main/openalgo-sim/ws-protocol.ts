import { pyStrRepr } from './marshmallow/py-repr.ts';
import type { Quote } from './market.ts';

/**
 * Pieces of OpenAlgo's WebSocket proxy protocol (`websocket_proxy/server.py`, `mode_utils.py`) that do
 * not need a socket: mode normalisation with its Python messages, and the market-data payloads.
 */
export const MODE_NAMES: Readonly<Record<number, string>> = { 1: 'LTP', 2: 'Quote', 3: 'Depth' };

/** The Python type name of a JSON value, for messages such as `'list' object has no attribute 'get'`. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  return Array.isArray(v) ? 'list' : 'dict';
}

/** `normalize_mode`: 1/2/3 or LTP/Quote/Depth in any case (whitespace stripped); anything else fails. */
export function normalizeMode(value: unknown): { ok: true; mode: number } | { ok: false; message: string } {
  if (typeof value === 'boolean') return { ok: false, message: `Mode must be int or str, got bool (${value ? 'True' : 'False'})` };
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value >= 1 && value <= 3 ? { ok: true, mode: value } : { ok: false, message: `Invalid mode ${value}; expected 1 (LTP), 2 (Quote), or 3 (Depth)` };
  }
  if (typeof value === 'string') {
    const mode = { LTP: 1, QUOTE: 2, DEPTH: 3 }[value.trim().toUpperCase()];
    return mode ? { ok: true, mode } : { ok: false, message: `Invalid mode ${pyStrRepr(value)}; expected 'LTP', 'Quote', or 'Depth' (case-insensitive)` };
  }
  return { ok: false, message: `Mode must be int or str, got ${pyTypeName(value)}` };
}

/** Python's truthiness, for the proxy's `a or b` reads. */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

/** An f-string of a JSON value: `None`, `True`, numbers and text as Python prints them. */
export function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** The normalised tick an adapter publishes (fields as `angel_adapter._normalize_market_data`). */
export function dataFor(mode: number, exchange: string, symbol: string, q: Quote, now: number): Record<string, unknown> {
  const base: Record<string, unknown> = { ltp: q.ltp, ltt: q.ts, symbol, exchange, mode, timestamp: now };
  if (mode >= 2) Object.assign(base, { open: q.open, high: q.high, low: q.low, close: q.prevClose, volume: q.volume, oi: q.oi, total_buy_quantity: 1500, total_sell_quantity: 1500 });
  if (mode === 3) {
    const lv = (p: number, i: number): { price: number; quantity: number; orders: number } => ({ price: Math.round(p * 100) / 100, quantity: 100 * (i + 1), orders: i + 1 });
    base.depth = { buy: [0, 1, 2, 3, 4].map((i) => lv(q.bid - i * 0.05, i)), sell: [0, 1, 2, 3, 4].map((i) => lv(q.ask + i * 0.05, i)) };
  }
  return base;
}
