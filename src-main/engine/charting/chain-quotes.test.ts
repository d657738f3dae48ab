import { describe, expect, it } from 'vitest';
import type { InstrumentId } from '#model/ids';
import type { OptionChain, OptionQuote } from '#options/chain';
import { QuoteBook } from '#execution/quotes';
import { ChainQuotes } from './chain-quotes.ts';

const CE = 'NFO:NIFTY01DEC2626000CE' as InstrumentId;
const leg = (bid: number, ask: number, symbol = 'NIFTY01DEC2626000CE'): OptionQuote => ({ symbol, ltp: (bid + ask) / 2, bid, ask, bidQty: 650, askQty: 325, volume: 0, oi: 0 });
const chain = (ts: number, bid: number, ask: number): OptionChain => ({
  underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-12-01', expiryTs: 0, ts, spot: 26_000, atmStrike: 26_000, tickSize: 0.05,
  rows: [{ strike: 26_000, ce: leg(bid, ask), pe: leg(0, 0, 'NIFTY01DEC2626000PE') }],
});

describe('chain quotes in the quote book', () => {
  it('quotes a leg nobody quotes yet, as a feed tick would, and replaces its own quote with the next chain of the same second', () => {
    const book = new QuoteBook();
    const w = new ChainQuotes(book);
    expect(w.apply(chain(1000, 100, 101))).toBe(1);
    expect(book.quote(CE)).toEqual({ instrumentId: CE, ltp: 100.5, bid: 100, bidQty: 650, ask: 101, askQty: 325, tsEvent: 1000 });
    // A leg with no price and no touch is not quoted.
    expect(book.quote('NFO:NIFTY01DEC2626000PE' as InstrumentId)).toBeUndefined();
    w.apply(chain(1000, 102, 103));
    expect(book.quote(CE)?.bid).toBe(102);
  });

  it('leaves a fresher feed tick alone, and takes over from an older one without its depth', () => {
    const book = new QuoteBook();
    const w = new ChainQuotes(book);
    book.set({ instrumentId: CE, ltp: 99, bid: 98, ask: 99, depth: { bids: [{ price: 98, quantity: 65 }], asks: [{ price: 99, quantity: 65 }] }, reference: 120, tsEvent: 2000 });
    expect(w.apply(chain(2000, 100, 101))).toBe(0);
    expect(book.quote(CE)?.bid).toBe(98);
    w.apply(chain(3000, 100, 101));
    expect(book.quote(CE)).toEqual({ instrumentId: CE, ltp: 100.5, bid: 100, bidQty: 650, ask: 101, askQty: 325, reference: 120, tsEvent: 3000 });
    book.applyTick({ instrumentId: CE, ltp: 104, bid: 103.5, ask: 104, tsEvent: 3500 });
    w.apply(chain(3000, 100, 101));
    expect(book.quote(CE)?.bid).toBe(103.5);
  });
});
