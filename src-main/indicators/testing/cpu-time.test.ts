import { describe, expect, it } from 'vitest';
import { callCpuMs, clockOverheadMs, hasPreciseCpuTime, runQueueWaitNs } from './cpu-time.ts';

describe('cpu-time', () => {
  it('reads the run-queue wait from a schedstat line, and nothing from anything else', () => {
    expect(runQueueWaitNs('0 9988371 1\n')).toBe(9_988_371);
    expect(runQueueWaitNs('123456 0 42')).toBe(0);
    expect(runQueueWaitNs('')).toBeUndefined();
    expect(runQueueWaitNs('1 2')).toBeUndefined();
    expect(runQueueWaitNs('1 -2 3')).toBeUndefined();
  });

  it.skipIf(!hasPreciseCpuTime)('times a busy call to within its wall time, and an empty one near zero', () => {
    const busy = (): number => {
      let x = 0;
      const end = performance.now() + 20;
      while (performance.now() < end) x++;
      return x;
    };
    const start = performance.now();
    const ms = callCpuMs(busy);
    const wall = performance.now() - start;
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(wall);
    expect(clockOverheadMs(10)).toBeLessThan(1);
  });
});
