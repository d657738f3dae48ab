import { describe, expect, it } from 'vitest';
import type { Fill } from '#model/fill';
import { TradeEpisodes } from './trade-episodes.ts';

let n = 0;
const fill = (instrumentId: string, side: 'BUY' | 'SELL', quantity: number, price: number, tsEvent: number, charges = 0): Fill =>
  ({ tradeId: `t${++n}`, clientOrderId: 'c', instrumentId, side, quantity, price, charges, tsEvent }) as Fill;

describe('a bot’s trades for its threshold bandit', () => {
  it('a straddle sold and bought back is one trade: its P&L net of charges, the premium received as its risk', () => {
    const e = new TradeEpisodes();
    expect(e.onFill('s', fill('CE', 'SELL', 75, 200, 1000, 20))).toBeUndefined();
    expect(e.onFill('s', fill('PE', 'SELL', 75, 180, 1001, 20))).toBeUndefined();
    expect(e.onFill('s', fill('CE', 'BUY', 75, 150, 5000, 20))).toBeUndefined();
    // Premium received 75 × 380 = 28,500; bought back for 75 × 150 + 75 × 170 = 24,000; charges 80.
    expect(e.onFill('s', fill('PE', 'BUY', 75, 170, 5001, 20))).toEqual({ openedAt: 1000, pnl: 28_500 - 24_000 - 80, risk: 28_500 });
    expect(e.state()).toEqual({});
  });

  it('a long scaled in and out: risk is the most premium held at cost at once', () => {
    const e = new TradeEpisodes();
    e.onFill('r', fill('CE', 'BUY', 50, 100, 1));
    e.onFill('r', fill('CE', 'BUY', 50, 120, 2)); // 11,000 at cost
    e.onFill('r', fill('CE', 'SELL', 50, 130, 3)); // half out: 5,500 at cost left
    expect(e.onFill('r', fill('CE', 'SELL', 50, 90, 4))).toEqual({ openedAt: 1, pnl: 50 * 130 + 50 * 90 - 11_000, risk: 11_000 });
  });

  it('ignores a fill reported twice, keeps bots apart, and picks up an open trade from its saved state', () => {
    const e = new TradeEpisodes();
    const open = fill('FUT', 'SELL', 25, 1000, 10);
    e.onFill('a', open);
    e.onFill('a', open);
    e.onFill('b', fill('FUT', 'BUY', 25, 1000, 11));
    const restored = TradeEpisodes.restore(JSON.parse(JSON.stringify(e.state())));
    expect(restored.problem).toBeUndefined();
    expect(restored.episodes.onFill('a', fill('FUT', 'BUY', 25, 990, 20))).toEqual({ openedAt: 10, pnl: 250, risk: 25_000 });
    expect(restored.episodes.state()).toEqual({ b: expect.objectContaining({ openedAt: 11 }) });
    expect(TradeEpisodes.restore({ a: { openedAt: 'x' } }).problem).toMatch(/^open trades of the threshold bandits unreadable/);
  });
});
