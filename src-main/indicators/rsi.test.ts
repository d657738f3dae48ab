import { describe, expect, it } from 'vitest';
import { Rsi, rsiBatch } from './rsi.ts';
import { alignRight, maxDiff, talib252, tulip } from './testing/fixtures.ts';
import { byClose, indicatorContract } from './testing/indicator-contract.ts';
import { expectTalib, referenceBars, talibSkip } from './testing/talib-reference.ts';

indicatorContract('RSI(14)', {
  create: () => new Rsi(14),
  input: byClose,
  batch: (c) => [rsiBatch(c.close, 14)],
  fold: (ind, c) => (ind as Rsi).fold(c.close, new Float64Array(c.close.length)),
  flat: [50],
});

describe('RSI against outside references', () => {
  it('pins TA-Lib test_rsi.c on the 252-bar series (±0.01, TA-Lib tolerance) and market.md §1.3 (4 dp)', () => {
    const rsi = rsiBatch(talib252().close, 14);
    expect(rsi[13]).toBeNaN();
    expect(rsi[14]).toBeCloseTo(49.1473, 4);
    expect(rsi[15]).toBeCloseTo(52.3256, 4);
    expect(rsi[16]).toBeCloseTo(46.0724, 4);
    expect(rsi[251]).toBeCloseTo(49.6321, 4);
  });

  it('equals Tulip rsi 5 (same Wilder convention)', () => {
    const c = tulip('untest', 'rsi 5', 1);
    const close = c.inputs[0] as number[];
    expect(maxDiff(rsiBatch(close, 5), alignRight(c.outputs[0] as number[], close.length))).toBeLessThan(5e-4);
  });

  it('reports 100 with only gains, 0 with only losses (all four libraries agree), 50 when flat (our §1.4 choice)', () => {
    expect(rsiBatch([1, 2, 3, 4, 5, 6], 3)[5]).toBe(100);
    expect(rsiBatch([6, 5, 4, 3, 2, 1], 3)[5]).toBe(0);
    expect(rsiBatch([5, 5, 5, 5, 5], 3)[4]).toBe(50);
  });

  it.skipIf(talibSkip)('equals TA-Lib C RSI to 1e-9 on 100,000 random bars', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    for (const p of [2, 5, 14, 30]) expectTalib(rsiBatch(cols.close, p), 'RSI', cols, [p]);
  });
});
