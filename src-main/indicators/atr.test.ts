import { describe, expect, it } from 'vitest';
import { Atr, atrBatch } from './atr.ts';
import { TrueRange, trueRangeBatch } from './true-range.ts';
import { alignRight, maxDiff, talib252, tulip } from './testing/fixtures.ts';
import { asBar, indicatorContract } from './testing/indicator-contract.ts';
import { expectTalib, referenceBars, talibSkip } from './testing/talib-reference.ts';

indicatorContract('ATR(14)', {
  create: () => new Atr(14),
  input: asBar,
  batch: (c) => [atrBatch(c, 14)],
  fold: (ind, c) => (ind as Atr).fold(c, new Float64Array(c.close.length)),
  flat: [0],
});
indicatorContract('true range', {
  create: () => new TrueRange(),
  input: asBar,
  batch: (c) => [trueRangeBatch(c)],
  fold: (ind, c) => (ind as TrueRange).fold(c, new Float64Array(c.close.length)),
  flat: [0],
});

describe('ATR and true range against outside references', () => {
  it('pins ATR(14) on the TA-Lib 252-bar series: bar 14 = 3.5782 … bar 251 = 3.2608 (market.md §1.3)', () => {
    const atr = atrBatch(talib252(), 14);
    expect(atr[13]).toBeNaN();
    expect(atr[14]).toBeCloseTo(3.5782, 4);
    expect(atr[251]).toBeCloseTo(3.2608, 4);
  });

  it('states the Tulip convention where it differs: Tulip TR[0] = H − L and ATR(5) starts at bar 4', () => {
    const c = tulip('untest', 'atr 5', 1);
    const [high, low, close] = c.inputs as [number[], number[], number[]];
    const ours = atrBatch({ high, low, close }, 5);
    expect(ours[4]).toBeNaN();
    expect(ours[5]).toBeCloseTo(1.102, 3); // TA-Lib's first value (market.md §1.3); Tulip's bar-5 value is 1.051
    const tr = tulip('untest', 'tr', 1);
    const expected = alignRight(tr.outputs[0] as number[], close.length);
    expected[0] = NaN; // Tulip's H − L at bar 0; TA-Lib and we have no previous close there
    const ourTr = trueRangeBatch({ high, low, close });
    expect(ourTr[0]).toBeNaN();
    expect(maxDiff(ourTr, expected)).toBeLessThan(5e-4);
  });

  it.skipIf(talibSkip)('equals TA-Lib C ATR and TRANGE to 1e-9 on 100,000 random bars', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    for (const p of [1, 2, 5, 14, 30]) expectTalib(atrBatch(cols, p), 'ATR', cols, [p]);
    expectTalib(trueRangeBatch(cols), 'TRANGE', cols, []);
  });
});
