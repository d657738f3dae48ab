import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { Vwap, vwapBatch } from './vwap.ts';
import { PivotPoints, pivotPointsBatch } from './pivot-points.ts';
import { maxDiff, talib252 } from './testing/fixtures.ts';
import { asBar, indicatorContract } from './testing/indicator-contract.ts';
import { runTalib } from './testing/talib-c.ts';
import { referenceBars, talibSkip } from './testing/talib-reference.ts';
import { randomBars } from './testing/random-bars.ts';

indicatorContract('session VWAP', { create: () => new Vwap(), input: asBar, batch: (c) => [vwapBatch(c)], flat: [10] });
indicatorContract('pivot points (daily bars)', {
  create: () => new PivotPoints(),
  input: asBar,
  batch: (c) => pivotPointsBatch(c),
  daily: true,
  flat: [10, 10, 10, 10, 10, 10, 10],
});

describe('session VWAP against outside references', () => {
  const ref = talib252();

  it('equals TA-Lib test_vwap.c (cumulative TA_VWAP, bit-exact legs) within one session', () => {
    const v = vwapBatch(ref); // tsStart 0..251 ms: one IST day
    expect(v[0]).toBe(91.833333333333329);
    expect(v[1]).toBe(92.868395583796413);
    expect(v[251]).toBe(107.07755043572831);
  });

  it('restarts at a session boundary: from bar 100 it equals TA-Lib VWAP started at 100 (test_vwap.c)', () => {
    const v = vwapBatch(ref, (ts) => (ts < 100 ? 0 : 1));
    expect(v[100]).toBe(115.16333333333334);
    expect(v[99]).toBe(vwapBatch(ref)[99]);
  });

  it('resets at each IST day by default, and reports the typical price while no volume has traded', () => {
    const { cols } = randomBars(375 * 3, 4);
    const v = vwapBatch(cols);
    for (const day of [1, 2]) {
      const i = day * 375;
      const tp = ((cols.high[i] as number) + (cols.low[i] as number) + (cols.close[i] as number)) / 3;
      if ((cols.volume[i] as number) > 0) expect(v[i]).toBeCloseTo(tp, 9);
    }
    expect(cols.tsStart[375]).toBe(istToEpoch(2024, 1, 2, 9, 15));
    const index = new Vwap();
    const bar = { tsStart: 0, open: 10, high: 12, low: 8, close: 11, volume: 0 };
    expect(index.update(bar)).toBeCloseTo(31 / 3, 12);
  });
});

describe('pivot points against outside references', () => {
  it.skipIf(talibSkip)('P is TA-Lib TYPPRICE of the previous session; the levels follow the floor-trader formulas', () => {
    const { cols } = randomBars(2_000, 8, true);
    const tp = runTalib('TYPPRICE', cols).outputs[0] as Float64Array;
    const [pp, r1, s1, r2, s2, r3, s3] = pivotPointsBatch(cols) as [Float64Array, ...Float64Array[]];
    const prev = (a: ArrayLike<number>, i: number): number => (i === 0 ? NaN : (a[i - 1] as number));
    const expected = Float64Array.from(tp, (_, i) => prev(tp, i));
    expect(pp[0]).toBeNaN();
    expect(maxDiff(pp, expected)).toBeLessThan(1e-12);
    for (let i = 1; i < 2_000; i++) {
      const h = prev(cols.high, i);
      const l = prev(cols.low, i);
      const p = expected[i] as number;
      expect(r1?.[i]).toBeCloseTo(2 * p - l, 9);
      expect(s1?.[i]).toBeCloseTo(2 * p - h, 9);
      expect(r2?.[i]).toBeCloseTo(p + h - l, 9);
      expect(s2?.[i]).toBeCloseTo(p - h + l, 9);
      expect(r3?.[i]).toBeCloseTo(h + 2 * (p - l), 9);
      expect(s3?.[i]).toBeCloseTo(l - 2 * (h - p), 9);
    }
  });

  it('on intraday bars uses the whole previous session: its high, its low and its last close', () => {
    const { cols } = randomBars(375 * 2 + 10, 9);
    const pp = pivotPointsBatch(cols)[0] as Float64Array;
    let h = -Infinity;
    let l = Infinity;
    for (let i = 0; i < 375; i++) {
      h = Math.max(h, cols.high[i] as number);
      l = Math.min(l, cols.low[i] as number);
      expect(pp[i]).toBeNaN();
    }
    const p = (h + l + (cols.close[374] as number)) / 3;
    for (let i = 375; i < 750; i++) expect(pp[i]).toBe(p);
    expect(pp[750]).not.toBe(p);
  });
});

describe('VWAP on the shared reference bars', () => {
  it.skipIf(talibSkip)('within a session is Σ(TYPPRICE·V)/ΣV of TA-Lib TYPPRICE', () => {
    const cols = referenceBars();
    const tp = runTalib('TYPPRICE', cols).outputs[0] as Float64Array;
    const v = vwapBatch(cols);
    let pv = 0;
    let vol = 0;
    const expected = new Float64Array(cols.close.length);
    for (let i = 0; i < expected.length; i++) {
      if (i % 375 === 0) pv = vol = 0;
      pv += (tp[i] as number) * (cols.volume?.[i] as number);
      vol += cols.volume?.[i] as number;
      expected[i] = vol > 0 ? pv / vol : (tp[i] as number);
    }
    expect(maxDiff(v, expected)).toBeLessThan(1e-12);
  });
});
