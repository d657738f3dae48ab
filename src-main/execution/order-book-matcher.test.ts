import { describe, expect, it } from 'vitest';
import { brokerOrderId, clientOrderId } from '#model/ids';
import { createOrder } from '#model/order';
import type { BrokerOrderRow } from './broker.ts';
import { matchKey, unknownOutcomeCandidates } from './order-book-matcher.ts';
import { CE_26000, PE_26000 } from './testing/fixtures.ts';

const order = createOrder({ clientOrderId: clientOrderId('c'), instrumentId: CE_26000.id, side: 'SELL', type: 'LIMIT', product: 'NRML', quantity: 75, limitPrice: 119.05, tsInit: 1000 });
const row = (id: string, extra: Partial<BrokerOrderRow> = {}): BrokerOrderRow => ({
  brokerOrderId: brokerOrderId(id),
  instrumentId: CE_26000.id,
  side: 'SELL',
  quantity: 75,
  type: 'LIMIT',
  product: 'NRML',
  price: 119.05,
  triggerPrice: 0,
  status: 'open',
  filledQuantity: 0,
  avgPrice: 0,
  placedAt: 10_000,
  ...extra,
});

const candidates = (rows: BrokerOrderRow[], claimed: string[] = []) =>
  unknownOutcomeCandidates(order, 10_000, rows, (b) => claimed.includes(b), 2000).map((r) => r.brokerOrderId);

describe('unknown-outcome matching against the order book', () => {
  it('matches symbol, exchange, side, quantity, product, price type and price', () => {
    expect(candidates([row('a')])).toEqual(['a']);
    for (const miss of [
      { instrumentId: PE_26000.id },
      { side: 'BUY' as const },
      { quantity: 150 },
      { product: 'MIS' as const },
      { type: 'MARKET' as const, price: 0 },
      { price: 119.1 },
    ]) {
      expect(candidates([row('x', miss)])).toEqual([]);
    }
  });

  it('skips rows another order already claimed', () => {
    expect(candidates([row('a'), row('b')], ['a'])).toEqual(['b']);
  });

  it('takes only rows placed after the send (less the skew), and rows without a readable time', () => {
    expect(candidates([row('old', { placedAt: 7999 }), row('edge', { placedAt: 8000 }), row('untimed', { placedAt: undefined })])).toEqual(['edge', 'untimed']);
  });

  it('compares prices in paise, so float noise does not split a match', () => {
    expect(candidates([row('a', { price: 119.05000000001 })])).toEqual(['a']);
  });

  it('ignores the price of market orders (OpenAlgo shows 0) and keys stops by trigger', () => {
    const market = createOrder({ ...order, type: 'MARKET', limitPrice: undefined });
    expect(matchKey(market)).toBe(matchKey({ ...market, limitPrice: 5 }));
    const stop = createOrder({ ...order, type: 'SL-M', limitPrice: undefined, triggerPrice: 100 });
    expect(matchKey(stop)).not.toBe(matchKey({ ...stop, triggerPrice: 101 }));
  });
});
