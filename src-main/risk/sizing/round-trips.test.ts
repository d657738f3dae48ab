import { describe, expect, it } from 'vitest';
import type { Fill } from '#model/fill';
import { clientOrderId, instrumentId, tradeId } from '#model/ids';
import { roundTrips } from './round-trips.ts';

let n = 0;
const fill = (symbol: string, side: 'BUY' | 'SELL', quantity: number, price: number, ts: number, charges = 20): Fill => ({
  tradeId: tradeId(`t${++n}`),
  clientOrderId: clientOrderId(`c${n}`),
  instrumentId: instrumentId('NFO', symbol),
  side,
  quantity,
  price,
  charges,
  tsEvent: ts,
});

describe('round trips', () => {
  it('counts a straddle and its exit as one trade, net of charges, and leaves an open trade out', () => {
    const trips = roundTrips([
      fill('CE', 'SELL', 65, 100, 1),
      fill('PE', 'SELL', 65, 90, 2),
      fill('CE', 'BUY', 65, 60, 3),
      fill('PE', 'BUY', 65, 110, 4),
      fill('CE', 'BUY', 65, 50, 5),
    ]);
    // Gross: 65 × (100 − 60) + 65 × (90 − 110) = 2,600 − 1,300 = 1,300; charges 4 × 20.
    expect(trips).toEqual([{ tsOpen: 1, tsClose: 4, gross: 1_300, charges: 80, net: 1_220, fills: 4 }]);
  });

  it('orders fills by time and splits consecutive trades', () => {
    const trips = roundTrips([fill('F', 'SELL', 65, 105, 20, 0), fill('F', 'BUY', 65, 100, 10, 0), fill('F', 'BUY', 65, 100, 30, 0), fill('F', 'SELL', 65, 98, 40, 0)]);
    expect(trips.map((t) => t.net)).toEqual([325, -130]);
  });
});
