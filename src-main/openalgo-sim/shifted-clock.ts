import type { Clock, TimerHandle } from '#core/clock';

/**
 * Wall time moved by a fixed offset: the simulator program uses it to run a trading session at any hour
 * (evenings, weekends) at real speed. Timers fire in real time.
 */
export class ShiftedClock implements Clock {
  private readonly offsetMs: number;

  constructor(offsetMs: number) {
    this.offsetMs = offsetMs;
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  setTimer(atMs: number, fn: () => void): TimerHandle {
    const h = setTimeout(fn, Math.max(0, atMs - this.now()));
    return { cancel: () => clearTimeout(h) };
  }

  setInterval(periodMs: number, fn: () => void): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError(`interval period must be positive, got ${periodMs}`);
    const h = setInterval(fn, periodMs);
    return { cancel: () => clearInterval(h) };
  }
}
