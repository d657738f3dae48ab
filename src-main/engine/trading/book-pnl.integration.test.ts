import { afterEach, describe, expect, it } from 'vitest';
import { botId, intentId } from '#model/ids';
import { TradingHarness } from '../testing/trading-harness.ts';

let h: TradingHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the book P&L risk reads', () => {
  it('is the fills’ cash flow less charges plus the holdings at their marks, when two bots hold one option in opposite directions', async () => {
    h = await TradingHarness.open();
    const ce = h.option(0, 'CE');
    const order = (id: string, bot: string, side: 'BUY' | 'SELL', quantity: number) =>
      ({ kind: 'place', intentId: intentId(id), botId: botId(bot), instrumentId: ce, side, quantity, type: 'MARKET', product: 'NRML', reason: 'test' }) as const;
    await h.submit(order('a1', 'seller', 'SELL', 65));
    await h.advance(60_000);
    await h.submit(order('b1', 'buyer', 'BUY', 130));
    await h.advance(60_000);
    await h.submit(order('a2', 'seller', 'SELL', 65));
    await h.advance(60_000);
    const fills = h.engine.trading.fills();
    const cash = fills.reduce((s, f) => s + (f.side === 'SELL' ? 1 : -1) * f.quantity * f.price - f.charges, 0);
    const held = fills.reduce((s, f) => s + (f.side === 'BUY' ? f.quantity : -f.quantity), 0);
    const mark = h.engine.trading.positions().positions.find((p) => p.instrumentId === ce)?.mark ?? 0;
    expect(Math.round(h.engine.trading.risk().pnl * 100)).toBe(Math.round((cash + held * mark) * 100));
  }, 60_000);
});
