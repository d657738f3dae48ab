import { afterEach, describe, expect, it } from 'vitest';
import { TradingHarness, CONDOR_BOT, STRADDLE_BOT } from '#engine/testing/trading-harness';
import { BotBooks } from './bot-books.ts';

describe('BotBooks', () => {
  let h: TradingHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const booksOf = (harness: TradingHarness): BotBooks => {
    const core = harness.engine.core;
    return new BotBooks({ manager: core.manager, portfolio: core.portfolio, market: { mark: () => undefined, spot: () => undefined }, limits: harness.config.risk, funds: () => undefined });
  };

  it('hands back the same structure views until an order or a structure changes, then what the orders hold now', async () => {
    h = await TradingHarness.open();
    const books = booksOf(h);
    expect(books.structures(STRADDLE_BOT)).toEqual([]);

    await h.submit(h.straddle());
    await h.advance(5_000);
    const open = books.structures(STRADDLE_BOT);
    expect(open).toHaveLength(1);
    expect(open[0]!.status).toBe('open');
    expect(open[0]!.legs.map((l) => l.heldQuantity)).toEqual([65, 65]);
    expect(open[0]!.legs.every((l) => l.entryPrice > 0)).toBe(true);
    // Nothing moved: the same array, so a context freezing it walks it once.
    expect(books.structures(STRADDLE_BOT)).toBe(open);
    expect(books.book(STRADDLE_BOT, 100_000, h.clock.now()).structures).toBe(open);

    // Another bot's order changes the orders' version: rebuilt, equal, and the other bot's views are its own.
    await h.submit(h.ironCondor());
    await h.advance(5_000);
    const again = books.structures(STRADDLE_BOT);
    expect(again).not.toBe(open);
    expect(again).toEqual(open);
    expect(books.structures(CONDOR_BOT).map((s) => s.kind)).toEqual(['iron-condor']);

    // The kill switch closed everything: the straddle's legs hold nothing and the view says so.
    await h.until(h.engine.trading.kill('button'));
    await h.advance(5_000);
    const flat = books.structures(STRADDLE_BOT);
    expect(flat[0]!.legs.map((l) => l.heldQuantity)).toEqual([0, 0]);
    expect(flat[0]!.status).toBe('closed');
    expect(books.book(STRADDLE_BOT, 100_000, h.clock.now()).openOrders).toEqual([]);
  });
});
