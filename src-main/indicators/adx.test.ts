import { describe, expect, it } from 'vitest';
import { Adx, adxBatch } from './adx.ts';
import { talib252 } from './testing/fixtures.ts';
import { asBar, indicatorContract } from './testing/indicator-contract.ts';
import { expectTalib, referenceBars, talibSkip } from './testing/talib-reference.ts';

indicatorContract('ADX(14)', {
  create: () => new Adx(14),
  input: asBar,
  batch: (c) => {
    const r = adxBatch(c, 14);
    return [r.adx, r.plusDi, r.minusDi];
  },
  fold: (ind, c) => {
    const n = c.close.length;
    (ind as Adx).fold(c, new Float64Array(n), new Float64Array(n), new Float64Array(n));
  },
  flat: [0, 0, 0],
});

describe('ADX, +DI, −DI against outside references', () => {
  it('pins TA-Lib test_adx.c on the 252-bar series (current values; ±0.01 is TA-Lib tolerance)', () => {
    const r = adxBatch(talib252(), 14);
    expect(r.adx[26]).toBeNaN();
    expect(r.adx[27]).toBeCloseTo(22.9993, 4);
    expect(r.adx[28]).toBeCloseTo(22.0803, 4);
    expect(r.adx[250]).toBeCloseTo(16.684, 3);
    expect(r.adx[251]).toBeCloseTo(15.5261, 4);
    expect(r.plusDi[13]).toBeNaN();
    expect(r.plusDi[14]).toBeCloseTo(20.3782, 4);
    expect(r.plusDi[27]).toBeCloseTo(22.1073, 4);
    expect(r.plusDi[251]).toBeCloseTo(20.9996, 4);
    expect(r.minusDi[14]).toBeCloseTo(30.1685, 4);
    expect(r.minusDi[28]).toBeCloseTo(24.969182, 4);
    expect(r.minusDi[251]).toBeCloseTo(21.1988, 4);
  });

  it('states the Tulip/trading-signals convention where it differs: their ADX(5) starts a bar earlier', () => {
    const r = adxBatch(
      {
        high: [82.15, 81.89, 83.03, 83.3, 83.85, 83.9, 83.33, 84.3, 84.84, 85.0, 85.9, 86.58, 86.98, 88.0, 87.87],
        low: [81.29, 80.64, 81.31, 82.65, 83.07, 83.11, 82.49, 82.3, 84.15, 84.11, 84.03, 85.39, 85.76, 87.17, 87.01],
        close: [81.59, 81.06, 82.87, 83.0, 83.61, 83.15, 82.84, 83.99, 84.55, 84.36, 85.53, 86.54, 86.89, 87.77, 87.29],
      },
      5,
    );
    // market.md §1.3, TA-Lib column: 9: 42.5268, 48.0125 … 66.7782; +DI 5: 35.4358 … 42.9812 (Tulip: 8: 41.3838)
    expect(r.adx[8]).toBeNaN();
    expect(r.adx[9]).toBeCloseTo(42.5268, 4);
    expect(r.adx[10]).toBeCloseTo(48.0125, 4);
    expect(r.adx[14]).toBeCloseTo(66.7782, 4);
    expect(r.plusDi[5]).toBeCloseTo(35.4358, 4);
    expect(r.plusDi[14]).toBeCloseTo(42.9812, 4);
  });

  it.skipIf(talibSkip)('equals TA-Lib C ADX, PLUS_DI, MINUS_DI to 1e-9 on 100,000 random bars', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    for (const p of [2, 5, 14, 30]) {
      const r = adxBatch(cols, p);
      expectTalib(r.adx, 'ADX', cols, [p]);
      expectTalib(r.plusDi, 'PLUS_DI', cols, [p]);
      expectTalib(r.minusDi, 'MINUS_DI', cols, [p]);
    }
  });
});
