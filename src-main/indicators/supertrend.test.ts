import { describe, expect, it } from 'vitest';
import { Supertrend, supertrendBatch } from './supertrend.ts';
import { maxDiff } from './testing/fixtures.ts';
import { asBar, indicatorContract } from './testing/indicator-contract.ts';
import { runTalib } from './testing/talib-c.ts';
import { referenceBars, talibSkip } from './testing/talib-reference.ts';

indicatorContract('Supertrend(10,3)', {
  create: () => new Supertrend(10, 3),
  input: asBar,
  batch: (c) => Object.values(supertrendBatch(c, 10, 3)),
  flat: [10, -1, 10, 10],
});

/**
 * A line-by-line transcription of TradingView's published `ta.supertrend` Pine source, run on TA-Lib C's
 * ATR. Pine's direction is −1 for up; ours is +1.
 */
function pineSupertrend(h: ArrayLike<number>, l: ArrayLike<number>, c: ArrayLike<number>, atr: ArrayLike<number>, factor: number): Float64Array[] {
  const n = c.length;
  const st = new Float64Array(n).fill(NaN);
  const dir = new Float64Array(n).fill(NaN);
  let prevUpper = NaN;
  let prevLower = NaN;
  let prevSt = NaN;
  for (let i = 0; i < n; i++) {
    const a = atr[i] as number;
    if (Number.isNaN(a)) continue;
    const src = ((h[i] as number) + (l[i] as number)) / 2;
    let upperBand = src + factor * a;
    let lowerBand = src - factor * a;
    const pl = Number.isNaN(prevLower) ? 0 : prevLower;
    const pu = Number.isNaN(prevUpper) ? 0 : prevUpper;
    const close1 = i > 0 ? (c[i - 1] as number) : NaN;
    lowerBand = lowerBand > pl || close1 < pl ? lowerBand : pl;
    upperBand = upperBand < pu || close1 > pu ? upperBand : pu;
    let direction: number;
    if (Number.isNaN(atr[i - 1] ?? NaN)) direction = 1;
    else if (prevSt === prevUpper) direction = (c[i] as number) > upperBand ? -1 : 1;
    else direction = (c[i] as number) < lowerBand ? 1 : -1;
    const superTrend = direction === -1 ? lowerBand : upperBand;
    st[i] = superTrend;
    dir[i] = -direction;
    prevUpper = upperBand;
    prevLower = lowerBand;
    prevSt = superTrend;
  }
  return [st, dir];
}

describe('Supertrend against outside references', () => {
  it.skipIf(talibSkip)("equals TradingView's ta.supertrend rules on TA-Lib C ATR, to 1e-9 on 100,000 random bars", { timeout: 120_000 }, () => {
    const cols = referenceBars();
    for (const [p, f] of [[10, 3], [7, 2], [14, 1.5]] as const) {
      const atr = runTalib('ATR', cols, [p]).outputs[0] as Float64Array;
      const [st, dir] = pineSupertrend(cols.high, cols.low, cols.close, atr, f) as [Float64Array, Float64Array];
      const ours = supertrendBatch(cols, p, f);
      expect(maxDiff(ours.supertrend, st)).toBeLessThan(1e-9);
      expect(Array.from(ours.direction)).toEqual(Array.from(dir));
      const flips = dir.filter((d, i) => i > 0 && d !== dir[i - 1] && !Number.isNaN(dir[i - 1] as number)).length;
      expect(flips).toBeGreaterThan(100);
    }
  });

  it('turns up when the close breaks above the upper band and trails it with the lower band', () => {
    const st = new Supertrend(2, 1);
    const bar = (h: number, l: number, c: number) => ({ tsStart: 0, open: c, high: h, low: l, close: c, volume: 1 });
    st.update(bar(10, 9, 9.5));
    st.update(bar(10, 9, 9.5));
    st.update(bar(10, 9, 9.5));
    expect(st.direction).toBe(-1);
    st.update(bar(14, 12, 14));
    expect(st.direction).toBe(1);
    expect(st.value).toBe(st.lower);
  });
});
