/**
 * The one source of time. Domain code never reads the system clock: it asks an injected Clock, so a
 * backtest replays identically and expiry-day logic can be tested at any instant.
 * All times are epoch milliseconds (UTC); IST presentation is a formatting concern.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  now(): number;
  /** Runs `fn` once when the clock reaches `atMs` (immediately-due timers run on the next turn). */
  setTimer(atMs: number, fn: () => void): TimerHandle;
  /** Runs `fn` every `periodMs`, first at now + periodMs. */
  setInterval(periodMs: number, fn: () => void): TimerHandle;
}

export class WallClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(atMs: number, fn: () => void): TimerHandle {
    const handle = setTimeout(fn, Math.max(0, atMs - Date.now()));
    return { cancel: () => clearTimeout(handle) };
  }

  setInterval(periodMs: number, fn: () => void): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError(`interval period must be positive, got ${periodMs}`);
    const handle = setInterval(fn, periodMs);
    return { cancel: () => clearInterval(handle) };
  }
}

interface SimTimer {
  at: number;
  seq: number;
  period: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * Simulated time: it moves only when told to. `advanceTo` fires every due timer in time order (ties in
 * the order they were set) with `now()` equal to the timer's instant, so callbacks see a consistent clock.
 */
export class SimClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: SimTimer[] = [];

  constructor(startMs: number) {
    if (!Number.isFinite(startMs)) throw new RangeError(`SimClock start must be a finite epoch ms, got ${startMs}`);
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(atMs: number, fn: () => void): TimerHandle {
    return this.add({ at: Math.max(atMs, this.current), seq: this.seq++, period: 0, fn, cancelled: false });
  }

  setInterval(periodMs: number, fn: () => void): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError(`interval period must be positive, got ${periodMs}`);
    return this.add({ at: this.current + periodMs, seq: this.seq++, period: periodMs, fn, cancelled: false });
  }

  /**
   * Moves time forward to `targetMs`, firing due timers. Moving backwards is a programming error.
   * With `coalesceIntervals`, an interval that fell several periods behind fires once and resumes on its
   * grid after the target, as a wall-clock interval does after a stall: a paced simulation that skips a
   * night must not replay sixty thousand heartbeats. Backtests keep the exact default.
   */
  advanceTo(targetMs: number, options: { coalesceIntervals?: boolean } = {}): void {
    if (targetMs < this.current) throw new RangeError(`SimClock cannot go back from ${this.current} to ${targetMs}`);
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > targetMs) break;
      this.timers.shift();
      if (next.cancelled) continue;
      this.current = next.at;
      if (next.period > 0) {
        next.at += next.period;
        if (options.coalesceIntervals && next.at <= targetMs) next.at += Math.ceil((targetMs - next.at + 1) / next.period) * next.period;
        next.seq = this.seq++;
        this.insert(next);
      }
      next.fn();
    }
    this.current = targetMs;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Instant of the next pending timer, or undefined: lets a backtest jump straight to the next event. */
  nextTimerAt(): number | undefined {
    return this.timers.find((t) => !t.cancelled)?.at;
  }

  private add(timer: SimTimer): TimerHandle {
    this.insert(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  private insert(timer: SimTimer): void {
    let i = this.timers.length;
    while (i > 0) {
      const prev = this.timers[i - 1]!;
      if (prev.at < timer.at || (prev.at === timer.at && prev.seq < timer.seq)) break;
      i--;
    }
    this.timers.splice(i, 0, timer);
  }
}
