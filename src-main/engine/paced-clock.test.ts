import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPacedClock } from './paced-clock.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('paced clock', () => {
  it('advances simulated time by wall elapsed × speed', () => {
    vi.useFakeTimers();
    let wall = 0;
    const p = createPacedClock({ startMs: 1_000_000, speed: 60, stepMs: 100, wallNow: () => wall });
    p.start();
    wall = 100;
    vi.advanceTimersByTime(100);
    expect(p.clock.now()).toBe(1_006_000);
    wall = 1100;
    vi.advanceTimersByTime(100);
    expect(p.clock.now()).toBe(1_066_000);
    p.stop();
    wall = 5000;
    vi.advanceTimersByTime(1000);
    expect(p.clock.now()).toBe(1_066_000);
  });

  it('jumps where skipTo says, firing the timers on the way', () => {
    vi.useFakeTimers();
    let wall = 0;
    const fired: number[] = [];
    const p = createPacedClock({ startMs: 0, speed: 1, stepMs: 100, wallNow: () => wall, skipTo: (t) => (t < 50_000 ? 50_000 : undefined) });
    p.clock.setTimer(10_000, () => fired.push(p.clock.now()));
    p.start();
    wall = 100;
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([10_000]);
    expect(p.clock.now()).toBe(50_100);
  });

  it('refuses a non-positive speed', () => {
    expect(() => createPacedClock({ startMs: 0, speed: 0 })).toThrow(RangeError);
  });
});
