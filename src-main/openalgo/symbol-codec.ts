import { istParts } from '#core/time-ist';

/**
 * OpenAlgo's symbol format (openalgo.md §5): `RELIANCE`, `NIFTY25AUG26FUT`, `NIFTY28NOV2424000CE`,
 * `VEDL25APR24292.5CE`; indices are plain names on NSE_INDEX / BSE_INDEX. Expiries are `DDMMMYY` in
 * symbols and requests, `DD-MMM-YY` in /expiry, /symbol and /search answers.
 */
export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

export interface ExpiryDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export type ParsedSymbol =
  | { readonly kind: 'index'; readonly exchange: string; readonly symbol: string; readonly name: string }
  | { readonly kind: 'equity'; readonly exchange: string; readonly symbol: string; readonly name: string }
  | { readonly kind: 'future'; readonly exchange: string; readonly symbol: string; readonly underlying: string; readonly expiry: ExpiryDate }
  | {
      readonly kind: 'option';
      readonly exchange: string;
      readonly symbol: string;
      readonly underlying: string;
      readonly expiry: ExpiryDate;
      readonly strike: number;
      readonly right: 'CE' | 'PE';
    };

const NSE_INDICES = new Set(['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'MIDCPNIFTY', 'NIFTYNXT50', 'INDIAVIX']);
const BSE_INDICES = new Set(['SENSEX', 'BANKEX', 'SENSEX50']);
const QUOTE_ONLY = new Set(['NSE_INDEX', 'BSE_INDEX', 'MCX_INDEX', 'GLOBAL_INDEX']);
const CASH = new Set(['NSE', 'BSE']);
const MONTH_ALT = MONTHS.join('|');
const FUTURE_RE = new RegExp(`^([A-Z0-9&_-]+?)(\\d{2})(${MONTH_ALT})(\\d{2})FUT$`);
const OPTION_RE = new RegExp(`^([A-Z0-9&_-]+?)(\\d{2})(${MONTH_ALT})(\\d{2})(\\d+(?:\\.\\d+)?)(CE|PE)$`);
const CODE_RE = new RegExp(`^(\\d{2})(${MONTH_ALT})(\\d{2})$`);
const DASHED_RE = new RegExp(`^(\\d{2})-(${MONTH_ALT})-(\\d{2})$`, 'i');

function validDate(d: ExpiryDate): boolean {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
}

/** `{2026, 8, 25}` → `25AUG26`. */
export function formatExpiryCode(d: ExpiryDate): string {
  if (!validDate(d) || d.year < 2000 || d.year > 2099) throw new RangeError(`not a valid expiry date: ${JSON.stringify(d)}`);
  return `${String(d.day).padStart(2, '0')}${MONTHS[d.month - 1]}${String(d.year % 100).padStart(2, '0')}`;
}

/** The IST calendar day of an epoch instant, as an expiry code. */
export function expiryCodeFromEpoch(epochMs: number): string {
  const p = istParts(epochMs);
  return formatExpiryCode({ year: p.year, month: p.month, day: p.day });
}

export function parseExpiryCode(code: string): ExpiryDate | undefined {
  const m = CODE_RE.exec(code);
  if (!m) return undefined;
  const d = { day: Number(m[1]), month: MONTHS.indexOf(m[2] as (typeof MONTHS)[number]) + 1, year: 2000 + Number(m[3]) };
  return validDate(d) ? d : undefined;
}

/** `25-AUG-26` (as /expiry returns it) → `25AUG26` (as requests and symbols use it). */
export function expiryCodeFromDashed(dashed: string): string | undefined {
  const m = DASHED_RE.exec(dashed.trim());
  if (!m) return undefined;
  const code = `${m[1]}${m[2]!.toUpperCase()}${m[3]}`;
  return parseExpiryCode(code) ? code : undefined;
}

export function formatStrike(strike: number): string {
  if (!(strike > 0) || !Number.isFinite(strike)) throw new RangeError(`strike must be positive, got ${strike}`);
  return Number.isInteger(strike) ? String(strike) : String(Number(strike.toFixed(4)));
}

export function futureSymbol(underlying: string, expiry: ExpiryDate): string {
  return `${underlying.toUpperCase()}${formatExpiryCode(expiry)}FUT`;
}

export function optionSymbol(underlying: string, expiry: ExpiryDate, strike: number, right: 'CE' | 'PE'): string {
  return `${underlying.toUpperCase()}${formatExpiryCode(expiry)}${formatStrike(strike)}${right}`;
}

/** Exchange on which an index is quoted: NIFTY → NSE_INDEX, SENSEX → BSE_INDEX. */
export function indexExchange(name: string): 'NSE_INDEX' | 'BSE_INDEX' | undefined {
  const n = name.toUpperCase();
  if (NSE_INDICES.has(n)) return 'NSE_INDEX';
  if (BSE_INDICES.has(n)) return 'BSE_INDEX';
  return undefined;
}

/** Where an underlying's derivatives trade (OpenAlgo's `get_option_exchange`). */
export function derivativeExchange(underlyingExchange: string): string {
  if (underlyingExchange === 'NSE' || underlyingExchange === 'NSE_INDEX') return 'NFO';
  if (underlyingExchange === 'BSE' || underlyingExchange === 'BSE_INDEX') return 'BFO';
  return underlyingExchange;
}

/** Parses an OpenAlgo symbol on its exchange; undefined if it is not in a recognised form. */
export function parseSymbol(symbol: string, exchange: string): ParsedSymbol | undefined {
  if (!/^[A-Z0-9&_.-]+$/.test(symbol)) return undefined;
  if (QUOTE_ONLY.has(exchange)) return { kind: 'index', exchange, symbol, name: symbol };
  const opt = OPTION_RE.exec(symbol);
  if (opt && !CASH.has(exchange)) {
    const expiry = parseExpiryCode(`${opt[2]}${opt[3]}${opt[4]}`);
    const strike = Number(opt[5]);
    if (expiry && strike > 0) {
      return { kind: 'option', exchange, symbol, underlying: opt[1]!, expiry, strike, right: opt[6] as 'CE' | 'PE' };
    }
  }
  const fut = FUTURE_RE.exec(symbol);
  if (fut && !CASH.has(exchange)) {
    const expiry = parseExpiryCode(`${fut[2]}${fut[3]}${fut[4]}`);
    if (expiry) return { kind: 'future', exchange, symbol, underlying: fut[1]!, expiry };
  }
  if (CASH.has(exchange) && /^[A-Z0-9&_-]+$/.test(symbol)) return { kind: 'equity', exchange, symbol, name: symbol };
  return undefined;
}
