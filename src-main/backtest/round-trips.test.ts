import { describe, expect, it } from 'vitest';
import { clientOrderId, instrumentId, tradeId } from '#model/ids';
import type { OrderSide } from '#model/order';
import { roundTrips, type AttributedFill } from './round-trips.ts';

let n = 0;
const fill = (side: OrderSide, quantity: number, price: number, charges = 0, botId = 'b', rule = 'b/entry'): AttributedFill => ({
  fill: { tradeId: tradeId(`t${++n}`), clientOrderId: clientOrderId(`c${n}`), instrumentId: instrumentId('NFO', 'NIFTYX'), side, quantity, price, charges, tsEvent: n * 1000 },
  botId,
  rule,
  reason: `why ${n}`,
});

describe('round trips from fills', () => {
  it('a long built in two fills and closed in one: averaged prices, P&L, the opening signal and the closing reason', () => {
    const { closed, open } = roundTrips([fill('BUY', 50, 100, 1), fill('BUY', 50, 110, 1), fill('SELL', 100, 120, 2, 'b', 'b/target')]);
    expect(open).toEqual([]);
    expect(closed).toHaveLength(1);
    const t = closed[0]!;
    expect(t).toMatchObject({ direction: 'long', quantity: 100, entryPrice: 105, exitPrice: 120, grossPnl: 1500, charges: 4, netPnl: 1496, signal: 'b/entry' });
    expect(t.reason).toMatch(/^why /);
    expect(t.exitReason).toMatch(/^b\/target: why /);
  });

  it('a fill through zero closes the short and opens a long with the rest, charges split by quantity', () => {
    const { closed, open } = roundTrips([fill('SELL', 75, 100, 0), fill('BUY', 100, 90, 4)]);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ direction: 'short', quantity: 75, entryPrice: 100, exitPrice: 90, grossPnl: 750, charges: 3, netPnl: 747 });
    // The remaining 25 bought at 90 are held: cash −2,250, their share of the charges 1.
    expect(open).toEqual([{ botId: 'b', instrumentId: 'NFO:NIFTYX', direction: 'long', entryTs: closed[0]!.exitTs, entryPrice: 90, charges: 1, signal: 'b/entry', reason: expect.stringMatching(/^why /), net: 25, cash: -2250 }]);
  });

  it('keeps bots apart on the same instrument', () => {
    const { closed, open } = roundTrips([fill('BUY', 25, 10, 0, 'a'), fill('SELL', 25, 12, 0, 'b'), fill('SELL', 25, 11, 0, 'a')]);
    expect(closed.map((t) => [t.botId, t.grossPnl])).toEqual([['a', 25]]);
    expect(open.map((o) => [o.botId, o.direction, o.net, o.cash])).toEqual([['b', 'short', -25, 300]]);
  });
});
