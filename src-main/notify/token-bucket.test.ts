import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.ts';

describe('TokenBucket', () => {
  it('gives the burst at once, then one token per 60/perMinute seconds, never more than the capacity', () => {
    const b = new TokenBucket(3, 6, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.waitMs(0)).toBe(10_000);
    expect(b.take(9_999)).toBe(false);
    expect(b.take(10_000)).toBe(true);
    expect(b.waitMs(10_000)).toBe(10_000);
    // An hour idle refills to the capacity, not beyond.
    expect([b.take(3_610_000), b.take(3_610_000), b.take(3_610_000), b.take(3_610_000)]).toEqual([true, true, true, false]);
  });

  it('ignores time running backwards', () => {
    const b = new TokenBucket(1, 1, 100_000);
    expect(b.take(100_000)).toBe(true);
    expect(b.take(50_000)).toBe(false);
    expect(b.waitMs(100_000)).toBe(60_000);
  });

  it('refuses a rate it cannot keep', () => {
    expect(() => new TokenBucket(0, 1, 0)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 0, 0)).toThrow(RangeError);
  });
});
