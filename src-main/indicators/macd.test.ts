import { describe, expect, it } from 'vitest';
import { Macd, macdBatch } from './macd.ts';
import { talib252 } from './testing/fixtures.ts';
import { byClose, indicatorContract } from './testing/indicator-contract.ts';
import { expectTalib, referenceBars, talibSkip } from './testing/talib-reference.ts';

indicatorContract('MACD(12,26,9)', {
  create: () => new Macd(12, 26, 9),
  input: byClose,
  batch: (c) => {
    const r = macdBatch(c.close, 12, 26, 9);
    return [r.macd, r.signal, r.histogram];
  },
  fold: (ind, c) => {
    const n = c.close.length;
    (ind as Macd).fold(c.close, new Float64Array(n), new Float64Array(n), new Float64Array(n));
  },
  flat: [0, 0, 0],
});

describe('MACD against outside references', () => {
  it('pins TA-Lib test_macd.c at bar 33 and market.md §1.3 at bar 251', () => {
    const r = macdBatch(talib252().close);
    expect(r.macd[32]).toBeNaN();
    expect(r.macd[33]).toBeCloseTo(-1.9738, 4);
    expect(r.signal[33]).toBeCloseTo(-2.7071, 4);
    expect(r.histogram[33]).toBeCloseTo(0.7333, 4);
    expect(r.macd[251]).toBeCloseTo(0.904, 4);
    expect(r.signal[251]).toBeCloseTo(1.4046, 4);
  });

  it('states the Tulip convention where it differs: Tulip 12/26 uses k = 0.15/0.075 and never converges (0.8768 at bar 251)', () => {
    const r = macdBatch(talib252().close);
    expect(Math.abs((r.macd[251] as number) - 0.8768)).toBeGreaterThan(0.02);
  });

  it.skipIf(talibSkip)('equals TA-Lib C MACD (all three outputs) to 1e-9 on 100,000 random bars', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    for (const [f, s, g] of [[12, 26, 9], [5, 35, 5], [2, 3, 2]] as const) {
      const r = macdBatch(cols.close, f, s, g);
      expectTalib(r.macd, 'MACD', cols, [f, s, g], 0);
      expectTalib(r.signal, 'MACD', cols, [f, s, g], 1);
      expectTalib(r.histogram, 'MACD', cols, [f, s, g], 2);
    }
  });
});
