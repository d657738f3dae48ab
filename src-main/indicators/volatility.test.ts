import { describe, expect, it } from 'vitest';
import { HistoricalVolatility, historicalVolatilityBatch } from './historical-volatility.ts';
import { IvPercentile, ivPercentileBatch } from './iv-percentile.ts';
import { IvRank, ivRankBatch } from './iv-rank.ts';
import { alignRight, maxDiff, tulip } from './testing/fixtures.ts';
import { byClose, indicatorContract } from './testing/indicator-contract.ts';
import { runTalib } from './testing/talib-c.ts';
import { expectTalib, referenceBars, talibSkip } from './testing/talib-reference.ts';
import { createRandom } from '#core/random';

indicatorContract('historical volatility(20)', {
  create: () => new HistoricalVolatility(20),
  input: byClose,
  batch: (c) => [historicalVolatilityBatch(c.close, 20)],
  flat: [0],
});
indicatorContract('IV rank(252)', {
  create: () => new IvRank(252),
  input: byClose,
  batch: (c) => [ivRankBatch(c.close, 252)],
  fold: (ind, c) => (ind as IvRank).fold(c.close, new Float64Array(c.close.length)),
  flat: [50],
});
indicatorContract('IV percentile(252)', { create: () => new IvPercentile(252), input: byClose, batch: (c) => [ivPercentileBatch(c.close, 252)], flat: [0] });

describe('historical volatility against outside references', () => {
  const tulipHv = { returns: 'simple', deviation: 'population' } as const;

  it("with Tulip's convention (simple returns, population σ, √252) equals Tulip volatility 5 and volatility 3", () => {
    const a = tulip('untest', 'volatility 5', 1);
    const ca = a.inputs[0] as number[];
    expect(maxDiff(historicalVolatilityBatch(ca, 5, tulipHv), alignRight(a.outputs[0] as number[], ca.length))).toBeLessThan(5e-4);
    const b = tulip('extra', 'volatility 3', 1);
    const cb = b.inputs[0] as number[];
    expect(maxDiff(historicalVolatilityBatch(cb, 3, tulipHv), alignRight(b.outputs[0] as number[], cb.length))).toBeLessThan(1e-8);
  });

  it.skipIf(talibSkip)('by default (log returns, sample σ) is TA-Lib STDDEV of ln(xₜ/xₜ₋₁) × √(252·N/(N−1)), to 1e-9', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    const logReturns = Float64Array.from(cols.close, (x, i) => (i === 0 ? 0 : Math.log(x / (cols.close[i - 1] as number))));
    for (const n of [5, 20, 60]) {
      const sd = runTalib('STDDEV', { ...cols, close: logReturns.subarray(1) }, [n]).outputs[0] as Float64Array;
      const expected = new Float64Array(cols.close.length).fill(NaN);
      sd.forEach((v, i) => (expected[i + 1] = v * Math.sqrt((252 * n) / (n - 1))));
      const ours = historicalVolatilityBatch(cols.close, n);
      expect(ours[n - 1]).toBeNaN();
      expect(maxDiff(ours, expected)).toBeLessThan(1e-9);
    }
  });

  it('rejects non-positive prices before touching its state', () => {
    const hv = new HistoricalVolatility(3);
    hv.update(100);
    expect(() => hv.update(0)).toThrow(RangeError);
    expect(() => hv.replace(-1)).toThrow(RangeError);
  });
});

describe('IV rank and IV percentile', () => {
  it.skipIf(talibSkip)('IV rank is TA-Lib STOCHF fast %K on the series as high = low = close, to 1e-9', { timeout: 120_000 }, () => {
    const rnd = createRandom(12);
    const iv = Float64Array.from({ length: 20_000 }, () => 0.1 + rnd.next() * 0.3);
    const cols = { high: iv, low: iv, close: iv };
    for (const n of [5, 30, 252]) expectTalib(ivRankBatch(iv, n), 'STOCHF', cols, [n, 1], 0);
  });

  it('IV rank: 0 at the window low, 100 at its high, 50 when the window is flat', () => {
    expect(Array.from(ivRankBatch([20, 10, 15, 30, 30, 10], 3)).slice(2)).toEqual([50, 100, 100, 0]);
    expect(ivRankBatch([12, 12, 12], 3)[2]).toBe(50);
  });

  it('IV percentile counts the previous N values strictly below the current one (the definition #options/iv-stats uses)', () => {
    // the 4 values before 13 are [10, 14, 12, 16]: two are below 13 → 50 %; before [14, 12, 13, 11]: two (the equal 13 is not) → 50 %
    expect(ivPercentileBatch([10, 14, 12, 16, 13], 4)[4]).toBe(50);
    expect(ivPercentileBatch([10, 14, 12, 13, 11, 13], 4)[5]).toBe(50);
    // the vector of iv-stats' test: 4 of [0.1, 0.12, 0.15, 0.2, 0.11, 0.13] are below 0.15
    expect(ivPercentileBatch([0.1, 0.12, 0.15, 0.2, 0.11, 0.13, 0.15], 6)[6]).toBeCloseTo((4 / 6) * 100, 12);
    const rnd = createRandom(3);
    const xs = Array.from({ length: 5_000 }, () => Math.round(rnd.next() * 50) / 2);
    const ours = ivPercentileBatch(xs, 60);
    xs.forEach((x, i) => {
      if (i < 60) return expect(ours[i]).toBeNaN();
      const below = xs.slice(i - 60, i).filter((v) => v < x).length;
      expect(ours[i]).toBe((100 * below) / 60);
    });
  });
});
