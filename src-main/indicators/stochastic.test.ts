import { describe, expect, it } from 'vitest';
import { Stochastic, stochasticBatch } from './stochastic.ts';
import { StochasticFast, stochasticFastBatch } from './stochastic-fast.ts';
import { WilliamsR, williamsRBatch } from './williams-r.ts';
import { alignRight, maxDiff, talib252, tulip } from './testing/fixtures.ts';
import { asBar, indicatorContract } from './testing/indicator-contract.ts';
import { expectTalib, referenceBars, talibSkip } from './testing/talib-reference.ts';

indicatorContract('Stochastic(5,3,3)', {
  create: () => new Stochastic(5, 3, 3),
  input: asBar,
  batch: (c) => Object.values(stochasticBatch(c, 5, 3, 3)),
  fold: (ind, c) => (ind as Stochastic).fold(c, new Float64Array(c.close.length), new Float64Array(c.close.length)),
  flat: [50, 50],
});
indicatorContract('StochasticFast(14,3)', {
  create: () => new StochasticFast(14, 3),
  input: asBar,
  batch: (c) => Object.values(stochasticFastBatch(c, 14, 3)),
  fold: (ind, c) => (ind as StochasticFast).fold(c, new Float64Array(c.close.length), new Float64Array(c.close.length)),
  flat: [50, 50],
});
indicatorContract('Williams %R(14)', {
  create: () => new WilliamsR(14),
  input: asBar,
  batch: (c) => [williamsRBatch(c, 14)],
  fold: (ind, c) => (ind as WilliamsR).fold(c, new Float64Array(c.close.length)),
  flat: [-50],
});

describe('stochastics and Williams %R against outside references', () => {
  const ref = talib252();

  it('pins TA-Lib test_stoch.c on the 252-bar series (TA-Lib tolerance ±0.01)', () => {
    const s = stochasticBatch(ref, 5, 3, 3);
    expect(s.k[7]).toBeNaN();
    expect(Math.abs((s.k[8] as number) - 24.0128)).toBeLessThan(0.01);
    expect(Math.abs((s.d[8] as number) - 36.254)).toBeLessThan(0.01);
    expect(Math.abs((s.k[251] as number) - 30.194)).toBeLessThan(0.01);
    expect(Math.abs((s.d[251] as number) - 43.69)).toBeLessThan(0.01);
    const s4 = stochasticBatch(ref, 5, 3, 4);
    expect(Math.abs((s4.k[9] as number) - 38.139)).toBeLessThan(0.01);
    expect(Math.abs((s4.d[9] as number) - 36.725)).toBeLessThan(0.01);
    expect(Math.abs((s4.d[251] as number) - 46.641)).toBeLessThan(0.01);
  });

  it('pins TA-Lib test_per_hlc.c WILLR(14) on the 252-bar series', () => {
    const w = williamsRBatch(ref, 14);
    expect(w[12]).toBeNaN();
    expect(w[13]).toBeCloseTo(-90.1943, 4);
    expect(w[14]).toBeCloseTo(-66.9903, 4);
    expect(w[125]).toBe(-0);
    expect(w[251]).toBeCloseTo(-59.1515, 4);
  });

  it('equals Tulip stoch 5 3 3 and willr 5 (same conventions)', () => {
    const c = tulip('untest', 'stoch 5 3 3', 2);
    const [high, low, close] = c.inputs as [number[], number[], number[]];
    const s = stochasticBatch({ high, low, close }, 5, 3, 3);
    expect(maxDiff(s.k, alignRight(c.outputs[0] as number[], close.length))).toBeLessThan(5e-4);
    expect(maxDiff(s.d, alignRight(c.outputs[1] as number[], close.length))).toBeLessThan(5e-4);
    const w = tulip('untest', 'willr 5', 1);
    const [wh, wl, wc] = w.inputs as [number[], number[], number[]];
    expect(maxDiff(williamsRBatch({ high: wh, low: wl, close: wc }, 5), alignRight(w.outputs[0] as number[], wc.length))).toBeLessThan(5e-4);
  });

  it.skipIf(talibSkip)('equals TA-Lib C STOCH, STOCHF and WILLR to 1e-9 on 100,000 random bars', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    for (const [a, b, c] of [[5, 3, 3], [14, 3, 3], [5, 1, 1], [9, 4, 2]] as const) {
      const s = stochasticBatch(cols, a, b, c);
      expectTalib(s.k, 'STOCH', cols, [a, b, c], 0);
      expectTalib(s.d, 'STOCH', cols, [a, b, c], 1);
    }
    for (const [a, b] of [[5, 3], [14, 3], [14, 1]] as const) {
      const f = stochasticFastBatch(cols, a, b);
      expectTalib(f.k, 'STOCHF', cols, [a, b], 0);
      expectTalib(f.d, 'STOCHF', cols, [a, b], 1);
    }
    for (const p of [2, 5, 14, 30]) expectTalib(williamsRBatch(cols, p), 'WILLR', cols, [p]);
  });
});
