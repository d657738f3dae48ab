import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import type { EquityInstrument, OptionInstrument } from '#model/instrument';
import { tableSpecs } from '#options/contract-specs';
import { freezeQuantity, sliceQuantity } from './freeze-slicing.ts';
import { CE_26000, TRADE_START } from './testing/fixtures.ts';

describe('freeze-quantity slicing', () => {
  it('reads the freeze quantity in force on the trade date from the contract specs', () => {
    expect(freezeQuantity(CE_26000, TRADE_START, tableSpecs)).toBe(tableSpecs.specOn('NIFTY', '2025-12-01', '2025-12-30').freezeQty);
    expect(freezeQuantity(CE_26000, TRADE_START, tableSpecs)).toBe(1800);
    const before: OptionInstrument = { ...CE_26000, expiry: istToEpoch(2024, 10, 31, 15, 30) };
    expect(freezeQuantity(before, istToEpoch(2024, 10, 1, 10), tableSpecs)).toBe(2800);
  });

  it('has no freeze quantity for what the specs do not cover', () => {
    const equity: EquityInstrument = { kind: 'equity', id: instrumentId('NSE', 'RELIANCE'), symbol: 'RELIANCE', exchange: 'NSE', tickSize: 0.05, lotSize: 1 };
    expect(freezeQuantity(equity, TRADE_START, tableSpecs)).toBeUndefined();
    expect(freezeQuantity({ ...CE_26000, underlying: 'RELIANCE' }, TRADE_START, tableSpecs)).toBeUndefined();
  });

  it('slices into whole-lot orders of at most the freeze quantity, the remainder last', () => {
    expect(sliceQuantity(1800, 75, 1800)).toEqual({ ok: true, value: [1800] });
    expect(sliceQuantity(3750, 75, 1800)).toEqual({ ok: true, value: [1800, 1800, 150] });
    // lot 65 against a freeze of 1800: the largest whole-lot slice is 27 lots = 1755
    expect(sliceQuantity(65 * 60, 65, 1800)).toEqual({ ok: true, value: [1755, 1755, 390] });
    expect(sliceQuantity(750, 75, undefined)).toEqual({ ok: true, value: [750] });
  });

  it('refuses quantities that are not whole lots, and a freeze below one lot', () => {
    expect(sliceQuantity(100, 75, 1800)).toMatchObject({ ok: false, error: { kind: 'not-lot-multiple' } });
    expect(sliceQuantity(0, 75, 1800)).toMatchObject({ ok: false, error: { kind: 'not-lot-multiple' } });
    expect(sliceQuantity(150, 75, 50)).toMatchObject({ ok: false, error: { kind: 'freeze-below-lot' } });
  });
});
