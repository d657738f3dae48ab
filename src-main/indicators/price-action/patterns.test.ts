import { describe, it, expect } from 'vitest';
import { detectPatterns } from './patterns.ts';
import { latestTrendlines, lineAt, trendlineBreak } from './trendlines.ts';
import { premiumDiscount } from './premium-discount.ts';
import type { Ohlc } from './types.ts';
import type { SwingPoint } from './structure-rule.ts';

const flat = (close: number, n = 60): Ohlc => {
  const a = new Float64Array(n).fill(close);
  return { open: a, high: a, low: a, close: a, volume: new Float64Array(n), length: n };
};
const sw = (...pts: [number, 1 | -1, number][]): SwingPoint[] => pts.map(([index, side, level]) => ({ index, side, level }));
const kinds = (ps: { kind: string }[]): string[] => ps.map((p) => p.kind);

describe('classic patterns on swings', () => {
  it('double top: equal highs around a trough, confirmed by a close under the neckline', () => {
    const s = sw([10, 1, 100], [20, -1, 95], [30, 1, 100.1]);
    const open = detectPatterns(s, flat(97), 59).find((p) => p.kind === 'double-top');
    expect(open).toMatchObject({ side: -1, trigger: 95, stop: 100.1, confirmed: false });
    expect(open!.target).toBeCloseTo(89.9, 9);
    expect(detectPatterns(s, flat(94), 59).find((p) => p.kind === 'double-top')?.confirmed).toBe(true);
    expect(kinds(detectPatterns(sw([10, 1, 100], [20, -1, 95], [30, 1, 103]), flat(97), 59))).not.toContain('double-top');
  });

  it('double bottom mirrors it', () => {
    const p = detectPatterns(sw([10, -1, 90], [20, 1, 95], [30, -1, 90.1]), flat(96), 59).find((x) => x.kind === 'double-bottom');
    expect(p).toMatchObject({ side: 1, trigger: 95, confirmed: true, target: 100 });
  });

  it('head and shoulders and the inverse', () => {
    const hs = sw([10, 1, 100], [15, -1, 95], [20, 1, 105], [25, -1, 95.2], [30, 1, 100.05]);
    expect(kinds(detectPatterns(hs, flat(97), 59))).toContain('head-and-shoulders');
    const inv = sw([10, -1, 90], [15, 1, 95], [20, -1, 85], [25, 1, 95], [30, -1, 90.1]);
    const p = detectPatterns(inv, flat(96), 59).find((x) => x.kind === 'inverse-head-and-shoulders');
    expect(p).toMatchObject({ side: 1, trigger: 95, stop: 85, target: 105, confirmed: true });
  });

  it('triangles: ascending, descending, symmetrical', () => {
    expect(kinds(detectPatterns(sw([10, 1, 100], [15, -1, 95], [20, 1, 100.05], [25, -1, 97]), flat(98), 59))).toContain('ascending-triangle');
    expect(kinds(detectPatterns(sw([10, -1, 95], [15, 1, 100], [20, -1, 95.05], [25, 1, 98]), flat(97), 59))).toContain('descending-triangle');
    expect(kinds(detectPatterns(sw([10, 1, 100], [15, -1, 90], [20, 1, 98], [25, -1, 93]), flat(95), 59))).toContain('symmetrical-triangle');
  });

  it('bull flag: a pole then a tight pullback', () => {
    const n = 20;
    const close = Float64Array.from({ length: n }, (_, i) => (i < 6 ? 100 : i < 14 ? 100 + (i - 5) * 2 : 116 - (i - 14) * 0.2));
    const o: Ohlc = { open: close.map((c, i) => (i === 0 ? c : close[i - 1]!)), high: close.map((c) => c + 0.1), low: close.map((c) => c - 0.1), close, volume: new Float64Array(n), length: n };
    const flag = detectPatterns([], o, n - 1).find((p) => p.kind === 'bull-flag');
    expect(flag).toBeDefined();
    expect(flag!.side).toBe(1);
    expect(detectPatterns([], flat(100, n), n - 1)).toEqual([]);
  });
});

describe('trendlines from pivots', () => {
  it('support through rising lows, resistance through falling highs, break on the crossing close', () => {
    const { support, resistance } = latestTrendlines(sw([10, -1, 90], [20, 1, 110], [30, -1, 95], [40, 1, 105]));
    expect(support).not.toBeNull();
    expect(resistance).not.toBeNull();
    expect(lineAt(support!, 50)).toBeCloseTo(100, 9);
    expect(lineAt(resistance!, 50)).toBeCloseTo(102.5, 9);
    expect(trendlineBreak(support!, 50, 101, 99)).toBe(-1);
    expect(trendlineBreak(support!, 50, 99, 98)).toBe(0);
    expect(trendlineBreak(resistance!, 50, 102, 103)).toBe(1);
    expect(latestTrendlines(sw([10, -1, 95], [30, -1, 90])).support).toBeNull();
  });
});

describe('premium / discount', () => {
  it('splits the dealing range at its midpoint with an equilibrium band', () => {
    expect(premiumDiscount(110, 90, 108)).toMatchObject({ zone: 'premium', equilibrium: 100 });
    expect(premiumDiscount(110, 90, 92)?.zone).toBe('discount');
    expect(premiumDiscount(110, 90, 100.5)?.zone).toBe('equilibrium');
    expect(premiumDiscount(90, 90, 90)).toBeNull();
  });
});
