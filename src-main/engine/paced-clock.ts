import { SimClock } from '#core/clock';

export interface PacedClockOptions {
  readonly startMs: number;
  /** Simulated milliseconds per wall millisecond. */
  readonly speed: number;
  /** Wall milliseconds between advances. */
  readonly stepMs?: number;
  /**
   * Called before each advance with the simulated time; returning a later instant jumps there first
   * (simulation skips nights and holidays instead of showing a dead market for hours).
   */
  readonly skipTo?: (simMs: number) => number | undefined;
  /** Wall time source, injectable for tests. */
  readonly wallNow?: () => number;
}

export interface PacedClock {
  readonly clock: SimClock;
  start(): void;
  stop(): void;
}

/**
 * A simulated clock that follows the wall clock at a chosen speed. Simulation mode runs the whole engine
 * on it, so "accelerated" is just a bigger speed and nothing below the shell knows the difference.
 */
export function createPacedClock(options: PacedClockOptions): PacedClock {
  if (!(options.speed > 0)) throw new RangeError(`speed must be positive, got ${options.speed}`);
  const clock = new SimClock(options.startMs);
  const wallNow = options.wallNow ?? (() => performance.now());
  const stepMs = options.stepMs ?? 100;
  let lastWall = 0;
  let handle: ReturnType<typeof setInterval> | undefined;

  const step = (): void => {
    const wall = wallNow();
    const elapsed = Math.max(0, wall - lastWall);
    lastWall = wall;
    const jump = options.skipTo?.(clock.now());
    if (jump !== undefined && jump > clock.now()) clock.advanceTo(jump, { coalesceIntervals: true });
    clock.advanceTo(clock.now() + Math.round(elapsed * options.speed), { coalesceIntervals: true });
  };

  return {
    clock,
    start() {
      if (handle) return;
      lastWall = wallNow();
      handle = setInterval(step, stepMs);
    },
    stop() {
      if (handle) clearInterval(handle);
      handle = undefined;
    },
  };
}
