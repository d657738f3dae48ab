import { describe, expect, it } from 'vitest';
import { deriveTradeIds, type TradeIdSource } from './trade-ids.ts';

const fill = (orderid: string, quantity: number, price: number, tradeid?: string): TradeIdSource => ({ orderid, quantity, price, ...(tradeid ? { tradeid } : {}) });

describe('deriveTradeIds', () => {
  it('scopes a broker trade id by its order id', () => {
    expect(deriveTradeIds([fill('25040800000001', 65, 120.5, 'T7')])).toEqual(['25040800000001/t:T7']);
  });

  it('derives ids from order, quantity and price, numbering identical fills', () => {
    expect(deriveTradeIds([fill('A', 65, 120.5), fill('A', 65, 120.5), fill('A', 130, 120.5), fill('B', 65, 120.5)])).toEqual([
      'A/f:65@120.5#1',
      'A/f:65@120.5#2',
      'A/f:130@120.5#1',
      'B/f:65@120.5#1',
    ]);
  });

  it('keeps every earlier id when the book is listed newest first or a fill arrives between reads', () => {
    const first = [fill('A', 65, 120.5), fill('A', 65, 121)];
    const later = [fill('A', 65, 121.5), fill('A', 65, 121), fill('A', 65, 120.5)];
    const before = new Set(deriveTradeIds(first));
    const after = deriveTradeIds(later);
    expect([...before].every((id) => after.includes(id))).toBe(true);
    expect(new Set(after).size).toBe(3);
  });
});
