import { describe, expect, it } from 'vitest';
import { Bollinger, bollingerBatch } from './bollinger.ts';
import { StdDev, stdDevBatch } from './std-dev.ts';
import { alignRight, maxDiff, talib252, tulip } from './testing/fixtures.ts';
import { byClose, indicatorContract } from './testing/indicator-contract.ts';
import { runTalib } from './testing/talib-c.ts';
import { expectTalib, referenceBars, talibSkip } from './testing/talib-reference.ts';

indicatorContract('StdDev(20)', {
  create: () => new StdDev(20),
  input: byClose,
  batch: (c) => {
    const sd = stdDevBatch(c.close, 20);
    const ind = new StdDev(20);
    const mean = Float64Array.from(c.close, (x) => (ind.update(x), ind.mean));
    return [sd, mean];
  },
  fold: (ind, c) => (ind as StdDev).fold(c.close, new Float64Array(c.close.length), new Float64Array(c.close.length)),
  flat: [0, 10],
});
indicatorContract('Bollinger(20,2)', {
  create: () => new Bollinger(20, 2),
  input: byClose,
  batch: (c) => Object.values(bollingerBatch(c.close, 20, 2)),
  fold: (ind, c) => {
    const n = c.close.length;
    const f = (): Float64Array => new Float64Array(n);
    (ind as Bollinger).fold(c.close, { middle: f(), upper: f(), lower: f(), bandwidth: f(), percentB: f() });
  },
  flat: [10, 10, 10, 0, 0.5],
});

describe('Bollinger Bands and standard deviation against outside references', () => {
  const ref = talib252();

  it('pins TA-Lib test_bbands.c BBANDS(20,2) at bar 19 and market.md §1.3 BB(14,2)/STDDEV(14)', () => {
    const bb = bollingerBatch(ref.close, 20, 2);
    expect(bb.upper[18]).toBeNaN();
    expect(bb.upper[19]).toBeCloseTo(98.0734, 4);
    expect(bb.middle[19]).toBeCloseTo(92.891, 4);
    expect(bb.lower[19]).toBeCloseTo(87.7086, 4);
    const bb14 = bollingerBatch(ref.close, 14, 2);
    expect(bb14.upper[13]).toBeCloseTo(98.6502, 4);
    expect(bb14.upper[251]).toBeCloseTo(110.7573, 4);
    // population σ; the sample (n−1) value would be 2.4868
    expect(stdDevBatch(ref.close, 14)[13]).toBeCloseTo(2.3964, 4);
  });

  it('equals Tulip stddev 5 and stddev 3 (population σ, same as TA-Lib)', () => {
    for (const [file, header] of [['untest', 'stddev 5'], ['extra', 'stddev 3']] as const) {
      const c = tulip(file, header, 1);
      const close = c.inputs[0] as number[];
      const expected = alignRight(c.outputs[0] as number[], close.length);
      expect(maxDiff(stdDevBatch(close, Number(header.split(' ')[1])), expected)).toBeLessThan(5e-4);
    }
  });

  it.skipIf(talibSkip)('equals TA-Lib C BBANDS (and %B, bandwidth derived from it) and STDDEV to 1e-9 on 100,000 random bars', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    for (const [p, k] of [[20, 2], [5, 1], [14, 2.5], [2, 2]] as const) {
      const bb = bollingerBatch(cols.close, p, k);
      expectTalib(bb.upper, 'BBANDS', cols, [p, k], 0);
      expectTalib(bb.middle, 'BBANDS', cols, [p, k], 1);
      expectTalib(bb.lower, 'BBANDS', cols, [p, k], 2);
      const [u, m, l] = runTalib('BBANDS', cols, [p, k]).outputs as [Float64Array, Float64Array, Float64Array];
      const width = u.map((x, i) => (x - (l[i] as number)) / (m[i] as number));
      // σ = 0 (equal closes in the window) leaves %B undefined: TA-Lib's bands give 0/0, our convention is 0.5.
      const pctB = u.map((x, i) => (x === l[i] ? 0.5 : ((cols.close[i] as number) - (l[i] as number)) / (x - (l[i] as number))));
      expect(maxDiff(bb.bandwidth, width)).toBeLessThan(1e-9);
      expect(maxDiff(bb.percentB, pctB)).toBeLessThan(1e-9);
      expectTalib(stdDevBatch(cols.close, p), 'STDDEV', cols, [p]);
    }
  });
});
