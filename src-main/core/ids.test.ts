import { describe, expect, it } from 'vitest';
import { SimClock } from './clock.ts';
import { createIdGenerator } from './ids.ts';

describe('id generator', () => {
  it('never repeats within a millisecond and sorts by creation time', () => {
    const clock = new SimClock(1_700_000_000_000);
    const ids = createIdGenerator('ord', clock, 's1');
    const a = [ids.next(), ids.next(), ids.next()];
    clock.advanceBy(1);
    const b = ids.next();
    expect(new Set([...a, b]).size).toBe(4);
    expect(a[0]).toBe(`ord-${(1_700_000_000_000).toString(36)}-0-s1`);
    expect(a[2]).toBe(`ord-${(1_700_000_000_000).toString(36)}-2-s1`);
    expect(b).toBe(`ord-${(1_700_000_000_001).toString(36)}-0-s1`);
  });

  it('is deterministic under a simulated clock', () => {
    const run = () => {
      const c = new SimClock(5);
      const g = createIdGenerator('fill', c, 'x');
      return [g.next(), g.next()];
    };
    expect(run()).toEqual(run());
  });

  it('refuses a prefix that would break parsing', () => {
    expect(() => createIdGenerator('Ord-1', new SimClock(0), 's')).toThrow(/lowercase/);
  });
});
