import { describe, expect, it } from 'vitest';
import { Keltner, keltnerBatch } from './keltner.ts';
import { Squeeze, squeezeBatch } from './squeeze.ts';
import { maxDiff, talib252 } from './testing/fixtures.ts';
import { asBar, indicatorContract } from './testing/indicator-contract.ts';
import { runTalib } from './testing/talib-c.ts';
import { referenceBars, talibSkip } from './testing/talib-reference.ts';
import type { OhlcvColumns } from './indicator.ts';

indicatorContract('Keltner(20,10,2)', { create: () => new Keltner(20, 10, 2), input: asBar, batch: (c) => Object.values(keltnerBatch(c)), flat: [10, 10, 10] });
indicatorContract('Squeeze(20,2,20,1.5)', { create: () => new Squeeze(), input: asBar, batch: (c) => Object.values(squeezeBatch(c)), flat: [0, 1] });

/** TA_KC composed from TA-Lib C pieces: EMA(TYPPRICE, n) ± k·ATR(m). */
function talibKeltner(cols: OhlcvColumns, n: number, m: number, k: number): { middle: Float64Array; upper: Float64Array; lower: Float64Array } {
  const tp = runTalib('TYPPRICE', cols).outputs[0] as Float64Array;
  const middle = runTalib('EMA', { ...cols, close: tp }, [n]).outputs[0] as Float64Array;
  const atr = runTalib('ATR', cols, [m]).outputs[0] as Float64Array;
  return {
    middle: middle.map((x, i) => (Number.isNaN(atr[i] as number) ? NaN : x)),
    upper: middle.map((x, i) => x + k * (atr[i] as number)),
    lower: middle.map((x, i) => x - k * (atr[i] as number)),
  };
}

describe('Keltner Channels and the squeeze against outside references', () => {
  const ref = talib252();

  it('pins TA-Lib test_kc.c (2026 main, ta4j 0.22.6 oracle) to 1e-12 relative', () => {
    const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
    const a = keltnerBatch(ref, 8, 4, 1.5);
    expect(rel(a.upper[200] as number, 115.64127560116764)).toBeLessThan(1e-12);
    expect(rel(a.middle[200] as number, 109.58860275540715)).toBeLessThan(1e-12);
    expect(rel(a.lower[200] as number, 103.53592990964667)).toBeLessThan(1e-12);
    const b = keltnerBatch(ref, 4, 4, 3);
    expect(rel(b.upper[251] as number, 115.89326431782158)).toBeLessThan(1e-12);
    expect(rel(b.middle[251] as number, 108.81932779286193)).toBeLessThan(1e-12);
    expect(rel(b.lower[251] as number, 101.74539126790228)).toBeLessThan(1e-12);
  });

  it.skipIf(talibSkip)('equals EMA(TYPPRICE) ± k·ATR composed from TA-Lib C, to 1e-9 on 100,000 random bars', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    for (const [n, m, k] of [[20, 10, 2], [8, 4, 1.5], [5, 30, 3]] as const) {
      const ours = keltnerBatch(cols, n, m, k);
      const theirs = talibKeltner(cols, n, m, k);
      expect(maxDiff(ours.middle, theirs.middle)).toBeLessThan(1e-9);
      expect(maxDiff(ours.upper, theirs.upper)).toBeLessThan(1e-9);
      expect(maxDiff(ours.lower, theirs.lower)).toBeLessThan(1e-9);
      expect(Number.isNaN(ours.middle[Math.max(n - 1, m) - 1] as number)).toBe(true);
    }
  });

  it.skipIf(talibSkip)('the squeeze is on exactly where TA-Lib BBANDS lie inside the TA-Lib-composed Keltner', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    const [bbU, , bbL] = runTalib('BBANDS', cols, [20, 2]).outputs as [Float64Array, Float64Array, Float64Array];
    const kc = talibKeltner(cols, 20, 20, 1.5);
    const ours = squeezeBatch(cols, 20, 2, 20, 1.5);
    let on = 0;
    for (let i = 0; i < cols.close.length; i++) {
      const defined = !Number.isNaN(kc.upper[i] as number) && !Number.isNaN(bbU[i] as number);
      const expected = defined ? ((bbU[i] as number) < (kc.upper[i] as number) && (bbL[i] as number) > (kc.lower[i] as number) ? 1 : 0) : NaN;
      expect(ours.on[i]).toBe(expected);
      if (expected === 1) on++;
    }
    expect(on).toBeGreaterThan(1000);
    expect(on).toBeLessThan(cols.close.length - 1000);
  });
});
