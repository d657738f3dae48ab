import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { createScaledClock } from './scaled-clock.ts';

describe('createScaledClock', () => {
  it('runs market time `speed` times faster than the base and fires timers at the scaled instant', () => {
    const base = new SimClock(1_000_000);
    const clock = createScaledClock(base, 5_000_000, 60);
    const fired: number[] = [];
    clock.setTimer(5_000_000 + 60_000, () => fired.push(clock.now()));
    base.advanceBy(999);
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(5_000_000 + 59_940);
    base.advanceBy(1);
    expect(fired).toEqual([5_060_000]);
    expect(() => createScaledClock(base, 0, 0)).toThrow(RangeError);
  });
});
