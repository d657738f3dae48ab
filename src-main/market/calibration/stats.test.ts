import { describe, expect, it } from 'vitest';
import { autocorrelation, correlation, excessKurtosis, mean, median, skewness, std } from './stats.ts';

// Expected values computed with numpy (std ddof=1; kurtosis and skew from population moments, as scipy bias=True).
describe('calibration stats', () => {
  const xs = [1, 2, 3, 4, 10];
  it('matches numpy and scipy on a small sample', () => {
    expect(mean(xs)).toBe(4);
    expect(std(xs)).toBeCloseTo(3.5355339059, 9);
    expect(excessKurtosis(xs)).toBeCloseTo(-0.212, 9);
    expect(skewness(xs)).toBeCloseTo(1.1384199576, 9);
    expect(median(xs)).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(correlation([1, 2, 3], [2, 4, 7])).toBeCloseTo(0.9933992678, 9);
    expect(autocorrelation([1, -1, 1, -1, 1])).toBeCloseTo(-1, 12);
  });
});
