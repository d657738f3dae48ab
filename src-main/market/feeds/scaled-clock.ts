import type { Clock, TimerHandle } from '#core/clock';

/**
 * Market time running `speed` times faster than a base clock, from `startMs`: a simulator or a replay on
 * a scaled clock plays a session in 375 / speed minutes of wall time. With a WallClock as base this is
 * "accelerated real time"; speed 1 is real time shifted to `startMs`.
 */
export function createScaledClock(base: Clock, startMs: number, speed: number): Clock {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);
  const baseStart = base.now();
  const now = (): number => startMs + Math.floor((base.now() - baseStart) * speed);
  const toBase = (atMs: number): number => baseStart + (atMs - startMs) / speed;
  return {
    now,
    setTimer: (atMs, fn) => base.setTimer(toBase(atMs), fn),
    setInterval(periodMs, fn): TimerHandle {
      if (!(periodMs > 0)) throw new RangeError(`interval period must be positive, got ${periodMs}`);
      return base.setInterval(periodMs / speed, fn);
    },
  };
}
