import { describe, expect, it } from 'vitest';
import { QuoteBook, referencePrice, type Quote } from './quotes.ts';
import { CE_26000 } from './testing/fixtures.ts';

describe('quote book', () => {
  it('takes ticks, keeping the day band and depth known from earlier quotes, and tells its listeners', () => {
    const book = new QuoteBook();
    const seen: Quote[] = [];
    book.onQuote((q) => seen.push(q));
    book.set({ instrumentId: CE_26000.id, ltp: 120, bid: 119.5, ask: 120.5, lowerCircuit: 90, upperCircuit: 150, tsEvent: 1 });
    book.applyTick({ instrumentId: CE_26000.id, tsEvent: 2, ltp: 121, bid: 120.8, ask: 121.2, askQty: 150 });
    expect(book.quote(CE_26000.id)).toEqual({ instrumentId: CE_26000.id, ltp: 121, bid: 120.8, ask: 121.2, askQty: 150, lowerCircuit: 90, upperCircuit: 150, tsEvent: 2 });
    expect(seen).toHaveLength(2);
  });

  it('gives a quote to the listeners subscribed when it arrived, whoever (un)subscribes while it is handled', () => {
    const book = new QuoteBook();
    const calls: string[] = [];
    let offB = (): void => {};
    book.onQuote((q) => {
      calls.push(`a${q.tsEvent}`);
      if (q.tsEvent === 1) {
        offB();
        book.onQuote((q2) => calls.push(`c${q2.tsEvent}`));
      }
    });
    offB = book.onQuote((q) => calls.push(`b${q.tsEvent}`));
    book.set({ instrumentId: CE_26000.id, ltp: 1, tsEvent: 1 });
    book.set({ instrumentId: CE_26000.id, ltp: 2, tsEvent: 2 });
    offB();
    expect(calls).toEqual(['a1', 'b1', 'a2', 'c2']);
  });

  it('makes a deferred quote when it is first read, once; a quote set before the read replaces it', () => {
    const book = new QuoteBook();
    const seen: number[] = [];
    book.onQuote((q) => seen.push(q.tsEvent));
    let made = 0;
    const make = (ts: number) => (): void => {
      made++;
      // The maker reads the book as a simulated chain does (a leg quoted at this instant keeps its quote).
      if (book.quote(CE_26000.id)?.tsEvent !== ts) book.set({ instrumentId: CE_26000.id, ltp: 100 + ts, tsEvent: ts });
    };
    book.defer(CE_26000.id, make(1));
    expect(made).toBe(0);
    expect(book.quote(CE_26000.id)).toMatchObject({ ltp: 101, tsEvent: 1 });
    expect(book.quote(CE_26000.id)).toMatchObject({ ltp: 101, tsEvent: 1 });
    expect([made, seen]).toEqual([1, [1]]);
    book.defer(CE_26000.id, make(2));
    book.set({ instrumentId: CE_26000.id, ltp: 130, tsEvent: 3 });
    expect(book.quote(CE_26000.id)).toMatchObject({ ltp: 130, tsEvent: 3 });
    expect([made, seen]).toEqual([1, [1, 3]]);
    // A tick merges into the deferred quote, as it would into one set when the chain was priced.
    book.defer(CE_26000.id, make(4));
    book.applyTick({ instrumentId: CE_26000.id, tsEvent: 5, ltp: 131 });
    expect([made, seen]).toEqual([2, [1, 3, 4, 5]]);
  });

  it('prices proposals at the mid of the touch, or the last price without one', () => {
    expect(referencePrice({ instrumentId: CE_26000.id, ltp: 100, bid: 99, ask: 102, tsEvent: 0 })).toBe(100.5);
    expect(referencePrice({ instrumentId: CE_26000.id, ltp: 100, tsEvent: 0 })).toBe(100);
    expect(referencePrice({ instrumentId: CE_26000.id, ltp: 100, bid: 0, ask: 102, tsEvent: 0 })).toBe(100);
  });
});
