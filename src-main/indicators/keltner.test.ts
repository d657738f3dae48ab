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

/**
 * TA_KC as test_kc.c pins it bit for bit: TA_EMA(begIdx, …) of TYPPRICE ± k·TA_ATR(begIdx, …), with
 * begIdx = max(n − 1, m). A TA-Lib function entered at begIdx reads only the window ending there, so each
 * leg is the plain C function run on the columns from its own window's start (EMA: begIdx − (n − 1);
 * ATR: begIdx − m, one extra bar for the first true range's previous close). The TA-Lib C in
 * node_modules predates TA_KC; this composes it from the functions it calls.
 */
function talibKc(cols: OhlcvColumns, n: number, m: number, k: number): { middle: Float64Array; upper: Float64Array; lower: Float64Array } {
  const begIdx = Math.max(n - 1, m);
  const tp = runTalib('TYPPRICE', cols).outputs[0] as Float64Array;
  const emaFrom = begIdx - (n - 1);
  const atrFrom = begIdx - m;
  const ema = runTalib('EMA', { high: tp.subarray(emaFrom), low: tp.subarray(emaFrom), close: tp.subarray(emaFrom) }, [n]).outputs[0] as Float64Array;
  const tail = (xs: ArrayLike<number>): Float64Array => Float64Array.from(xs).subarray(atrFrom);
  const atr = runTalib('ATR', { high: tail(cols.high), low: tail(cols.low), close: tail(cols.close) }, [m]).outputs[0] as Float64Array;
  const len = cols.close.length;
  const at = (i: number): [number, number] => (i < begIdx ? [NaN, NaN] : [ema[i - emaFrom] as number, atr[i - atrFrom] as number]);
  return {
    middle: Float64Array.from({ length: len }, (_, i) => at(i)[0]),
    upper: Float64Array.from({ length: len }, (_, i) => at(i)[0] + k * at(i)[1]),
    lower: Float64Array.from({ length: len }, (_, i) => at(i)[0] - k * at(i)[1]),
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

  it.skipIf(talibSkip)('equals TA_KC (each leg entered at the first output bar) composed from TA-Lib C, warm-up included, to 1e-9', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    // (20, 10): the ATR leg starts at bar 9, not 0; (5, 30): the EMA leg starts at bar 26; (10, 10): neither moves.
    for (const [n, m, k] of [[20, 10, 2], [8, 4, 1.5], [5, 30, 3], [10, 10, 1]] as const) {
      const ours = keltnerBatch(cols, n, m, k);
      const theirs = talibKc(cols, n, m, k);
      const begIdx = Math.max(n - 1, m);
      expect(Number.isNaN(ours.middle[begIdx - 1] as number)).toBe(true);
      expect(Number.isFinite(ours.upper[begIdx] as number)).toBe(true);
      expect(maxDiff(ours.middle, theirs.middle)).toBeLessThan(1e-9);
      expect(maxDiff(ours.upper, theirs.upper)).toBeLessThan(1e-9);
      expect(maxDiff(ours.lower, theirs.lower)).toBeLessThan(1e-9);
    }
  });

  it.skipIf(talibSkip)('the squeeze is on exactly where TA-Lib BBANDS lie inside the TA-Lib-composed Keltner', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    const [bbU, , bbL] = runTalib('BBANDS', cols, [20, 2]).outputs as [Float64Array, Float64Array, Float64Array];
    const kc = talibKc(cols, 20, 20, 1.5);
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
