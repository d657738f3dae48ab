import { describe, expect, it } from 'vitest';
import { fixedWork, timeUs } from './fixed-work.ts';

describe('fixed work for a benchmark reference', () => {
  it('does the same arithmetic on every call, and more of it for a larger size', () => {
    const small = fixedWork(5);
    const large = fixedWork(500);
    const a = small();
    expect(Number.isFinite(a) && a > 0).toBe(true);
    expect(small()).toBe(a);
    // The sum grows with the rounds done: the larger reference does more passes over the same data.
    expect(large()).toBeGreaterThan(a);
  });

  it('times one call in microseconds', () => {
    expect(timeUs(() => undefined)).toBeGreaterThanOrEqual(0);
  });
});
