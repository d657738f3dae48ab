import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { ok } from '#core/result';
import { brokerOrderId, instrumentId } from '#model/ids';
import type { Broker, PlaceOrderRequest } from '#execution/broker';
import { QuoteBook, type Quote } from '#execution/quotes';
import { adjustQuote, fillQuotes } from './fill-quotes.ts';
import { nextBarBroker } from './timed-broker.ts';

const ID = instrumentId('NFO', 'NIFTY01DEC2625600CE');
const quote: Quote = { instrumentId: ID, ltp: 100.05, bid: 100, ask: 100.1, bidQty: 650, askQty: 1300, tsEvent: 0 };

describe('the backtest fill model', () => {
  it('a spread in ticks or basis points replaces the touch around the last price, on the tick grid', () => {
    expect(adjustQuote(quote, { spread: { kind: 'ticks', ticks: 4 }, partial: { maxShareOfLevel: 1 } }, 0.05)).toMatchObject({ bid: 99.95, ask: 100.15 });
    // 20 bps of 100.05 is 0.2001: 0.10005 either side, out to the next tick.
    expect(adjustQuote(quote, { spread: { kind: 'bps', bps: 20 }, partial: { maxShareOfLevel: 1 } }, 0.05)).toMatchObject({ bid: 99.9, ask: 100.2 });
  });

  it('caps the share of each displayed level one order may take', () => {
    const q = { ...quote, depth: { bids: [{ price: 100, quantity: 650 }], asks: [{ price: 100.1, quantity: 1300 }, { price: 100.15, quantity: 99 }] } };
    const a = adjustQuote(q, { spread: { kind: 'quoted' }, partial: { maxShareOfLevel: 0.5 } }, 0.05);
    expect(a).toMatchObject({ bid: 100, ask: 100.1, bidQty: 325, askQty: 650, depth: { bids: [{ price: 100, quantity: 325 }], asks: [{ price: 100.1, quantity: 650 }, { price: 100.15, quantity: 49 }] } });
  });

  it('hands the broker one adjusted object per quote, so depth one order took is not handed out again', () => {
    const book = new QuoteBook();
    const adjusted = fillQuotes(book, { spread: { kind: 'ticks', ticks: 2 }, partial: { maxShareOfLevel: 1 } }, () => 0.05);
    const seen: Quote[] = [];
    adjusted.onQuote((q) => seen.push(q));
    book.set(quote);
    expect(adjusted.quote(ID)).toBe(seen[0]);
    expect(fillQuotes(book, { spread: { kind: 'quoted' }, partial: { maxShareOfLevel: 1 } }, () => 0.05)).toBe(book);
  });

  it('next-bar timing holds an order until the next minute boundary', async () => {
    const clock = new SimClock(60_000 * 100 + 30_000);
    const placedAt: number[] = [];
    const inner = { name: 'paper', place: async () => (placedAt.push(clock.now()), ok({ brokerOrderId: brokerOrderId('p-1') })) } as unknown as Broker;
    const broker = nextBarBroker(inner, clock);
    const placed = broker.place({} as PlaceOrderRequest);
    clock.advanceTo(60_000 * 101 - 1);
    await Promise.resolve();
    expect(placedAt).toEqual([]);
    clock.advanceTo(60_000 * 101);
    await placed;
    expect(placedAt).toEqual([60_000 * 101]);
  });
});
