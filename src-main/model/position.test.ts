import { describe, expect, it } from 'vitest';
import type { Fill } from './fill.ts';
import { clientOrderId, instrumentId, tradeId } from './ids.ts';
import { netPnl, positionFromFills } from './position.ts';

const id = instrumentId('NFO', 'NIFTY30DEC2526000PE');
let n = 0;
const fill = (side: 'BUY' | 'SELL', quantity: number, price: number, charges = 0): Fill => ({
  tradeId: tradeId(`t${++n}`),
  clientOrderId: clientOrderId('c'),
  instrumentId: id,
  side,
  quantity,
  price,
  charges,
  tsEvent: n,
});

describe('position as a fold of fills', () => {
  it('averages entries and realises on exit (short straddle leg: sell 130 @120, buy back @90)', () => {
    const p = positionFromFills(id, [fill('SELL', 65, 120, 20), fill('SELL', 65, 124, 20), fill('BUY', 130, 90, 25)]);
    expect(p.netQuantity).toBe(0);
    expect(p.avgPrice).toBe(0);
    expect(p.realizedPnl).toBeCloseTo(130 * (122 - 90), 9);
    expect(p.charges).toBe(65);
    expect(netPnl(p, 0)).toBeCloseTo(130 * 32 - 65, 9);
  });

  it('flips through zero with the new side opened at the flipping price', () => {
    const p = positionFromFills(id, [fill('BUY', 75, 100), fill('SELL', 150, 110)]);
    expect(p.netQuantity).toBe(-75);
    expect(p.avgPrice).toBe(110);
    expect(p.realizedPnl).toBe(750);
  });

  it('marks open quantity to market', () => {
    const p = positionFromFills(id, [fill('BUY', 75, 100)]);
    expect(netPnl(p, 104)).toBe(300);
  });

  it('refuses a fill for another instrument', () => {
    expect(() => positionFromFills(instrumentId('NFO', 'OTHER'), [fill('BUY', 1, 1)])).toThrow(/applied to the position/);
  });
});
