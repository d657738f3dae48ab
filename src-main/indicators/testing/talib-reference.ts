import { expect } from 'vitest';
import type { OhlcvColumns } from '../indicator.ts';
import { maxDiff } from './fixtures.ts';
import { randomBars } from './random-bars.ts';
import { runTalib, talibHarness } from './talib-c.ts';

/** Why the TA-Lib C reference tests skip here, or false when they can run. */
export const talibSkip: string | false = (() => {
  const h = talibHarness();
  return typeof h === 'string' ? false : h.reason;
})();

/** 100,000 random 1-minute bars, the shared input of the TA-Lib C comparisons. */
export const referenceBars = (): OhlcvColumns => randomBars(100_000, 3).cols;

/**
 * Asserts that `ours` equals TA-Lib C's output `k` of `func(params)` on `cols` to 1e-9 (relative above 1),
 * and that both start at the same bar.
 */
export function expectTalib(ours: ArrayLike<number>, func: string, cols: OhlcvColumns, params: readonly number[], k = 0): void {
  const ref = runTalib(func, cols, params);
  const theirs = ref.outputs[k] as Float64Array;
  expect(ref.nbElement).toBeGreaterThan(0);
  expect(Number.isNaN(ours[ref.begIdx - 1] ?? NaN), `${func}: ours defined before TA-Lib's first bar ${ref.begIdx}`).toBe(true);
  expect(Number.isFinite(ours[ref.begIdx] as number), `${func}: ours undefined at TA-Lib's first bar`).toBe(true);
  expect(maxDiff(ours, theirs), `${func}(${params.join(',')}) output ${k}`).toBeLessThan(1e-9);
}
