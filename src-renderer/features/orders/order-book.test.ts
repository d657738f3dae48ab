import { describe, expect, it } from 'vitest';
import type { OrderDto, TradeDto } from '#contract/trading-dto';
import { appendTrades, applyOrder, bookFromSnapshot, canCancel, canModify, emptyBook, isWorking, orderTerms, ORDERS_KEPT, TRADES_KEPT } from './order-book.ts';
import { rowWindow } from '#renderer/lib/window-rows.ts';

const order = (id: string, status: OrderDto['status'], ts: number, extra: Partial<OrderDto> = {}): OrderDto => ({
  clientOrderId: id,
  botId: 'short-straddle',
  instrumentId: 'NFO:NIFTY01DEC2626000CE',
  side: 'BUY',
  type: 'LIMIT',
  product: 'NRML',
  quantity: 65,
  limitPrice: 152.5,
  status,
  filledQuantity: 0,
  avgFillPrice: 0,
  reduceOnly: false,
  killSwitch: false,
  tsInit: ts,
  tsLast: ts,
  ...extra,
});
const trade = (id: string): TradeDto => ({ tradeId: id, clientOrderId: 'o', instrumentId: 'NFO:X', side: 'BUY', quantity: 65, price: 10, charges: 21.5, tsEvent: 1 });

describe('the order book the Orders panel shows', () => {
  it('records each status an order passes through once, in order, and replaces its row in place', () => {
    let b = bookFromSnapshot([order('a', 'accepted', 10)]);
    b = applyOrder(b, order('b', 'initialized', 20));
    b = applyOrder(b, order('b', 'submitted', 21));
    b = applyOrder(b, order('b', 'submitted', 21));
    b = applyOrder(b, order('b', 'accepted', 22));
    b = applyOrder(b, order('b', 'filled', 25, { filledQuantity: 65, avgFillPrice: 152.5 }));
    expect(b.orders.map((o) => [o.clientOrderId, o.status])).toEqual([
      ['b', 'filled'],
      ['a', 'accepted'],
    ]);
    expect(b.transitions.get('b')!.map((t) => `${t.status}@${t.ts}`)).toEqual(['initialized@20', 'submitted@21', 'accepted@22', 'filled@25']);
    expect(b.transitions.get('a')!.map((t) => t.status)).toEqual(['accepted']);
  });

  it('keeps at most ORDERS_KEPT orders, dropping the oldest with its transitions', () => {
    let b = emptyBook();
    for (let i = 0; i <= ORDERS_KEPT; i++) b = applyOrder(b, order(`o${i}`, 'filled', i));
    expect(b.orders).toHaveLength(ORDERS_KEPT);
    expect(b.orders[0]!.clientOrderId).toBe(`o${ORDERS_KEPT}`);
    expect(b.transitions.has('o0')).toBe(false);
    expect(b.transitions.has('o1')).toBe(true);
  });

  it('offers cancel and modify only where the order manager can act on them', () => {
    expect(canCancel(order('a', 'accepted', 1))).toBe(true);
    expect(canModify(order('a', 'partially-filled', 1))).toBe(true);
    expect(canModify(order('a', 'accepted', 1, { type: 'MARKET' }))).toBe(false);
    expect(canCancel(order('a', 'filled', 1))).toBe(false);
    expect(canCancel(order('a', 'submitted', 1))).toBe(false);
    expect(isWorking(order('a', 'submitted', 1))).toBe(true);
    expect(canCancel(order('a', 'accepted', 1, { killSwitch: true }))).toBe(false);
    const { botId: _drop, ...noBot } = order('a', 'accepted', 1);
    expect(canCancel(noBot)).toBe(false);
  });

  it('spells out what an order asks for', () => {
    expect(orderTerms(order('a', 'accepted', 1))).toBe('BUY 65 @ 152.50 LMT');
    expect(orderTerms(order('a', 'accepted', 1, { type: 'MARKET', side: 'SELL' }))).toBe('SELL 65 MKT');
    expect(orderTerms(order('a', 'accepted', 1, { type: 'SL', triggerPrice: 140, limitPrice: 141 }))).toBe('BUY 65 SL 140.00 / 141.00');
  });

  it('takes fills once each across a resnapshot and keeps the newest TRADES_KEPT', () => {
    const list = appendTrades([trade('1'), trade('2')], [trade('2'), trade('3')]);
    expect(list.map((t) => t.tradeId)).toEqual(['1', '2', '3']);
    const many = appendTrades([], Array.from({ length: TRADES_KEPT + 5 }, (_, i) => trade(String(i))));
    expect(many).toHaveLength(TRADES_KEPT);
    expect(many[0]!.tradeId).toBe('5');
  });
});

describe('windowed rows', () => {
  it('draws only the rows in view plus the overscan, with spacers for the rest', () => {
    const w = rowWindow(2200, 220, 22, 10_000, 5);
    expect(w.start).toBe(95);
    expect(w.end).toBe(115);
    expect(w.padTop).toBe(95 * 22);
    expect(w.padBottom).toBe((10_000 - 115) * 22);
    expect(rowWindow(0, 500, 22, 3)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
    expect(rowWindow(0, 500, 22, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});
