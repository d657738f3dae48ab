import type { InstrumentId } from './ids.ts';

/** OpenAlgo exchange codes (openalgo.md §1). */
export const Exchange = {
  NSE: 'NSE',
  BSE: 'BSE',
  NFO: 'NFO',
  BFO: 'BFO',
  CDS: 'CDS',
  BCD: 'BCD',
  MCX: 'MCX',
  NSE_INDEX: 'NSE_INDEX',
  BSE_INDEX: 'BSE_INDEX',
} as const;
export type Exchange = (typeof Exchange)[keyof typeof Exchange];

export const OptionRight = { call: 'CE', put: 'PE' } as const;
export type OptionRight = (typeof OptionRight)[keyof typeof OptionRight];

interface InstrumentBase {
  readonly id: InstrumentId;
  /** OpenAlgo symbol, e.g. NIFTY, NIFTY28NOV24FUT, NIFTY28NOV2424000CE. */
  readonly symbol: string;
  readonly exchange: Exchange;
  /** Minimum price increment in rupees. */
  readonly tickSize: number;
}

export interface IndexInstrument extends InstrumentBase {
  readonly kind: 'index';
}

export interface EquityInstrument extends InstrumentBase {
  readonly kind: 'equity';
  readonly lotSize: number;
}

export interface FutureInstrument extends InstrumentBase {
  readonly kind: 'future';
  readonly underlying: string;
  /** Expiry instant (15:30 IST of the expiry day), epoch ms. */
  readonly expiry: number;
  readonly lotSize: number;
}

export interface OptionInstrument extends InstrumentBase {
  readonly kind: 'option';
  readonly underlying: string;
  readonly expiry: number;
  readonly strike: number;
  readonly right: OptionRight;
  readonly lotSize: number;
}

export type Instrument = IndexInstrument | EquityInstrument | FutureInstrument | OptionInstrument;

export type Tradable = EquityInstrument | FutureInstrument | OptionInstrument;

/**
 * Rounds a price to the instrument's tick (a half tick rounds up, as Math.round), without float residue: the result is
 * the double nearest to the exact decimal multiple of the tick. Ticks of the form 1/n (0.05, 0.01,
 * 0.0025, 0.5) divide the tick count by n, which IEEE division rounds correctly; whole-number ticks
 * multiply exactly. It is on the tick path (every simulated quote), so no log10/toFixed there.
 */
export function roundToTick(price: number, tickSize: number): number {
  const ticks = Math.round(price / tickSize);
  const perUnit = Math.round(1 / tickSize);
  // `+ 0` turns -0 into 0, as the decimal string path always did.
  if (Math.abs(perUnit * tickSize - 1) < 1e-12) return ticks / perUnit + 0;
  if (Number.isInteger(tickSize)) return ticks * tickSize + 0;
  return roundToTickSlow(ticks, tickSize);
}

/** Any other tick (0.15, 2.5): through a decimal string of the tick's precision. */
function roundToTickSlow(ticks: number, tickSize: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(tickSize)) + 1);
  return Number((ticks * tickSize).toFixed(decimals));
}
