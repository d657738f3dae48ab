import { describe, expect, it } from 'vitest';
import { replacePosition, type SellerPosition, type SellerState } from './seller-state.ts';

const position = (underlying: SellerPosition['underlying']): SellerPosition => ({
  underlying,
  expiry: '2026-12-01',
  phase: 'open',
  intentId: `enter-${underlying}`,
  structure: 'straddle',
  legs: [{ instrumentId: `NFO:${underlying}01DEC2625850CE`, right: 'CE', strike: 25_850, side: 'SELL', quantity: 65 }],
  credit: 394.1,
  openedAt: 0,
  adjustments: 0,
  warned: [],
});

describe('replacePosition', () => {
  const nifty = position('NIFTY');
  const bank = position('BANKNIFTY');
  const state: SellerState = { positions: [nifty, bank] };

  it('gives the same state back when nothing changes (so the manager re-validates nothing)', () => {
    expect(replacePosition(state, 'FINNIFTY', undefined)).toBe(state);
    expect(replacePosition(state, 'BANKNIFTY', bank)).toBe(state);
  });

  it('moves a replaced position last, as before, and drops a closed one', () => {
    expect(replacePosition(state, 'NIFTY', nifty)).toEqual({ positions: [bank, nifty] });
    const rolled = { ...bank, adjustments: 1 };
    expect(replacePosition(state, 'BANKNIFTY', rolled)).toEqual({ positions: [nifty, rolled] });
    expect(replacePosition(state, 'NIFTY', undefined)).toEqual({ positions: [bank] });
    expect(replacePosition({ positions: [] }, 'NIFTY', nifty)).toEqual({ positions: [nifty] });
  });
});
