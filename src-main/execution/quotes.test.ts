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

  it('prices proposals at the mid of the touch, or the last price without one', () => {
    expect(referencePrice({ instrumentId: CE_26000.id, ltp: 100, bid: 99, ask: 102, tsEvent: 0 })).toBe(100.5);
    expect(referencePrice({ instrumentId: CE_26000.id, ltp: 100, tsEvent: 0 })).toBe(100);
    expect(referencePrice({ instrumentId: CE_26000.id, ltp: 100, bid: 0, ask: 102, tsEvent: 0 })).toBe(100);
  });
});
