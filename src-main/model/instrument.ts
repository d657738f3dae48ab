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

/** Rounds a price to the instrument's tick, half away from zero, without float residue. */
export function roundToTick(price: number, tickSize: number): number {
  const ticks = Math.round(price / tickSize);
  const decimals = Math.max(0, Math.ceil(-Math.log10(tickSize)) + 1);
  return Number((ticks * tickSize).toFixed(decimals));
}
