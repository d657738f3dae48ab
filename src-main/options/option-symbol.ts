import { instrumentId, type InstrumentId } from '#model/ids';
import type { OptionRight } from '#model/instrument';
import { CONTRACT_SPECS, type Underlying } from './contract-specs.ts';

/**
 * OpenAlgo's derivative symbols (openalgo.md §5), built from a `YYYY-MM-DD` expiry key:
 * `NIFTY25AUG2624000CE`, `NIFTY25AUG26FUT`. Quotes from OpenAlgo carry their own symbol; simulated
 * chains and bots picking a strike build it here, so both name a leg the same way.
 */
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

export function expiryCode(expiryKey: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiryKey);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) throw new RangeError(`expiry must be YYYY-MM-DD, got "${expiryKey}"`);
  return `${m[3]}${month}${m[1]!.slice(2)}`;
}

function strikeText(strike: number): string {
  if (!(strike > 0) || !Number.isFinite(strike)) throw new RangeError(`strike must be positive, got ${strike}`);
  return Number.isInteger(strike) ? String(strike) : String(Number(strike.toFixed(4)));
}

/** Expiries whose symbols are kept per underlying: the chains quoted now, with room for a wide backtest. */
const KEPT_EXPIRIES = 32;
const kept = new Map<string, Map<string, Record<OptionRight, Map<number, string>>>>();

/**
 * A simulated chain names every leg again each second, and the chain book, the quote book and the leg
 * registry each compare or hash that name: handing back the same string (flat, its hash computed once)
 * instead of a new concatenation each time was a tenth of a backtest with option bots.
 */
export function optionSymbol(underlying: string, expiryKey: string, strike: number, right: OptionRight): string {
  const known = kept.get(underlying)?.get(expiryKey)?.[right].get(strike);
  if (known !== undefined) return known;
  const symbol = `${underlying.toUpperCase()}${expiryCode(expiryKey)}${strikeText(strike)}${right}`;
  let expiries = kept.get(underlying);
  if (!expiries) {
    expiries = new Map();
    kept.set(underlying, expiries);
  }
  let byRight = expiries.get(expiryKey);
  if (!byRight) {
    byRight = { CE: new Map(), PE: new Map() };
    expiries.set(expiryKey, byRight);
    // Oldest first (insertion order): an expired chain is not quoted again.
    if (expiries.size > KEPT_EXPIRIES) expiries.delete(expiries.keys().next().value!);
  }
  byRight[right].set(strike, symbol);
  return symbol;
}

export function futureSymbol(underlying: string, expiryKey: string): string {
  return `${underlying.toUpperCase()}${expiryCode(expiryKey)}FUT`;
}

/** The index an underlying's derivatives follow: `NSE_INDEX:NIFTY`, `BSE_INDEX:SENSEX`. */
export function underlyingIndexId(underlying: Underlying): InstrumentId {
  return instrumentId(CONTRACT_SPECS[underlying].exchange === 'BFO' ? 'BSE_INDEX' : 'NSE_INDEX', underlying);
}

export function optionInstrumentId(underlying: Underlying, expiryKey: string, strike: number, right: OptionRight): InstrumentId {
  return instrumentId(CONTRACT_SPECS[underlying].exchange, optionSymbol(underlying, expiryKey, strike, right));
}

export function futureInstrumentId(underlying: Underlying, expiryKey: string): InstrumentId {
  return instrumentId(CONTRACT_SPECS[underlying].exchange, futureSymbol(underlying, expiryKey));
}
