import { describe, expect, it } from 'vitest';
import { matchBasketResults, type BasketItem } from './basket-match.ts';

const item = (symbol: string, action: string, extra: Partial<BasketItem> = {}): BasketItem => ({ exchange: 'NFO', symbol, action, quantity: 65, product: 'NRML', ...extra });
const ok = (symbol: string, orderid: string, extra: object = {}) => ({ symbol, exchange: 'NFO', product: 'NRML', status: 'success', orderid, ...extra });
const failed = (symbol: string, message: string) => ({ symbol, status: 'error', message });

describe('basket results are matched to items by symbol/exchange/product, never by position', () => {
  it('rows in completion order, BUYs first, land on their items', () => {
    const items = [item('A', 'SELL'), item('B', 'BUY'), item('C', 'SELL')];
    const r = matchBasketResults(items, [ok('B', '2'), failed('C', 'RMS reject'), ok('A', '1')]);
    expect(r.legs.map((l) => [l.index, l.outcome, l.orderid ?? l.message])).toEqual([
      [0, 'ok', '1'],
      [1, 'ok', '2'],
      [2, 'failed', 'RMS reject'],
    ]);
    expect(r.unmatched).toEqual([]);
  });

  it('identical items are interchangeable: one success and one failure are both told', () => {
    const items = [item('A', 'BUY'), item('A', 'BUY')];
    const r = matchBasketResults(items, [failed('A', 'freeze limit'), ok('A', '9')]);
    expect(r.legs.map((l) => l.outcome).sort()).toEqual(['failed', 'ok']);
    expect(r.legs.some((l) => l.ambiguous)).toBe(false);
  });

  it('a BUY and a SELL of the same contract that both succeeded: both ok, order ids withheld, rows reported', () => {
    const r = matchBasketResults([item('A', 'BUY'), item('A', 'SELL')], [ok('A', '1'), ok('A', '2')]);
    expect(r.legs.map((l) => [l.outcome, l.ambiguous, l.orderid])).toEqual([
      ['ok', true, undefined],
      ['ok', true, undefined],
    ]);
    expect(r.unmatched.map((u) => [u.reason, u.candidates])).toEqual([
      ['ambiguous', [0, 1]],
      ['ambiguous', [0, 1]],
    ]);
  });

  it('a BUY and a SELL of the same contract, one failed: neither is guessed', () => {
    const r = matchBasketResults([item('A', 'BUY'), item('A', 'SELL')], [ok('A', '1'), failed('A', 'no margin')]);
    expect(r.legs.map((l) => l.outcome)).toEqual(['unknown', 'unknown']);
    expect(r.unmatched).toHaveLength(2);
  });

  it('the exchange on a success row separates two items of the same symbol', () => {
    const items = [item('X', 'BUY', { exchange: 'NSE', product: 'MIS' }), item('X', 'SELL', { exchange: 'BSE', product: 'MIS' })];
    const r = matchBasketResults(items, [failed('X', 'rejected'), { symbol: 'X', exchange: 'BSE', product: 'MIS', status: 'success', orderid: '7' }]);
    expect(r.legs.map((l) => [l.outcome, l.orderid ?? l.message])).toEqual([
      ['failed', 'rejected'],
      ['ok', '7'],
    ]);
  });

  it('an item without a row is unknown; a row for no item and a surplus row are reported', () => {
    const r = matchBasketResults([item('A', 'BUY'), item('B', 'BUY')], [ok('A', '1'), ok('A', '3'), ok('Z', '2')]);
    expect(r.legs.map((l) => l.outcome)).toEqual(['ok', 'unknown']);
    expect(r.unmatched.map((u) => u.reason).sort()).toEqual(['surplus', 'unknown-leg']);
  });

  it('OpenAlgo’s internal-error text on a leg is an unknown outcome, not a failure', () => {
    const r = matchBasketResults([item('A', 'BUY')], [failed('A', 'Failed to place order due to internal error')]);
    expect(r.legs[0]?.outcome).toBe('unknown');
  });
});
