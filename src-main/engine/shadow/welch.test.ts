import { describe, expect, it } from 'vitest';
import { studentTwoSidedP, welchTest } from './welch.ts';

describe("Welch's t-test", () => {
  it('matches textbook values of the t distribution', () => {
    // Two-sided critical values: t(10) = 2.228 at 5 %, t(30) = 2.750 at 1 %, t(1) = 12.706 at 5 %.
    expect(studentTwoSidedP(2.228138852, 10)).toBeCloseTo(0.05, 6);
    expect(studentTwoSidedP(2.749995652, 30)).toBeCloseTo(0.01, 6);
    expect(studentTwoSidedP(12.70620474, 1)).toBeCloseTo(0.05, 6);
    expect(studentTwoSidedP(0, 7)).toBeCloseTo(1, 12);
  });

  it('computes t, the Welch–Satterthwaite df and p for two samples (checked by hand)', () => {
    // a: mean 3, s² = 2.5, n 5; b: mean 6, s² = 10, n 5. se² = 0.5 + 2 = 2.5, t = −3 / 1.5811 = −1.8974,
    // df = 2.5² / (0.5² / 4 + 2² / 4) = 6.25 / 1.0625 = 5.882.
    const r = welchTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(r.t).toBeCloseTo(-1.897367, 5);
    expect(r.df).toBeCloseTo(5.882353, 5);
    expect(r.p).toBeGreaterThan(0.1);
    expect(r.p).toBeLessThan(0.12);
  });
});
