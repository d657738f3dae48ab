import { istToEpoch } from '#core/time-ist';
import { instrumentId, type InstrumentId } from '#model/ids';
import type { FutureInstrument, OptionInstrument, Tradable } from '#model/instrument';
import type { Quote } from '#execution/quotes';

/** NIFTY December 2025 monthly contracts (expiry Tuesday 30 Dec 2025; lot 75, freeze 1800 in the specs table). */
export const EXPIRY = istToEpoch(2025, 12, 30, 15, 30);
/** Monday 1 Dec 2025, 10:00 IST: a trading day inside the session. */
export const TRADE_START = istToEpoch(2025, 12, 1, 10, 0);

const option = (strike: number, right: 'CE' | 'PE'): OptionInstrument => ({
  kind: 'option',
  id: instrumentId('NFO', `NIFTY30DEC25${strike}${right}`),
  symbol: `NIFTY30DEC25${strike}${right}`,
  exchange: 'NFO',
  tickSize: 0.05,
  underlying: 'NIFTY',
  expiry: EXPIRY,
  strike,
  right,
  lotSize: 75,
});

export const CE_26000 = option(26000, 'CE');
export const PE_26000 = option(26000, 'PE');
export const CE_26500 = option(26500, 'CE');
export const PE_25500 = option(25500, 'PE');
export const NIFTY_FUT: FutureInstrument = {
  kind: 'future',
  id: instrumentId('NFO', 'NIFTY30DEC25FUT'),
  symbol: 'NIFTY30DEC25FUT',
  exchange: 'NFO',
  tickSize: 0.1,
  underlying: 'NIFTY',
  expiry: EXPIRY,
  lotSize: 75,
};

export const ALL_INSTRUMENTS: readonly Tradable[] = [CE_26000, PE_26000, CE_26500, PE_25500, NIFTY_FUT];

/** A two-sided quote; sizes unbounded unless given. */
export function quote(id: InstrumentId, bid: number, ask: number, ts: number, extra: Partial<Quote> = {}): Quote {
  return { instrumentId: id, ltp: Number(((bid + ask) / 2).toFixed(2)), bid, ask, tsEvent: ts, ...extra };
}
