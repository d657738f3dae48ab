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
  /**
   * Runs `fn` every `periodMs`, first at now + periodMs. `idle`, when given, says before a firing that `fn`
   * has nothing to do then (it still runs): a driven clock counts such firings apart (`SimClock.advanceTo`).
   */
  setInterval(periodMs: number, fn: () => void, idle?: () => boolean): TimerHandle;
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
  idle: (() => boolean) | undefined;
  /** Position in the heap, -1 once fired (one-shot) or cancelled. */
  index: number;
}

/** Earlier instant first; at the same instant, the timer set (or re-armed) first. */
const before = (a: SimTimer, b: SimTimer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * Simulated time: it moves only when told to. `advanceTo` fires every due timer in time order with `now()`
 * equal to the timer's instant, so callbacks see a consistent clock.
 *
 * Order of timers due at the same instant: first in, first out, by the moment each was set. An interval
 * counts as set again each time it fires (it re-arms before its callback runs), so it goes after timers
 * set earlier for its next instant. The queue is a binary heap: setting, cancelling and firing a timer
 * cost O(log n), however many are pending; a cancelled timer leaves the heap at once.
 */
export class SimClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly heap: SimTimer[] = [];

  constructor(startMs: number) {
    if (!Number.isFinite(startMs)) throw new RangeError(`SimClock start must be a finite epoch ms, got ${startMs}`);
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(atMs: number, fn: () => void): TimerHandle {
    return this.add({ at: Math.max(atMs, this.current), seq: this.seq++, period: 0, fn, idle: undefined, index: -1 });
  }

  setInterval(periodMs: number, fn: () => void, idle?: () => boolean): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError(`interval period must be positive, got ${periodMs}`);
    return this.add({ at: this.current + periodMs, seq: this.seq++, period: periodMs, fn, idle, index: -1 });
  }

  /**
   * Moves time forward to `targetMs`, firing due timers. Moving backwards is a programming error.
   * With `coalesceIntervals`, an interval that fell several periods behind fires once and resumes on its
   * grid after the target, as a wall-clock interval does after a stall: a paced simulation that skips a
   * night must not replay sixty thousand heartbeats. Backtests keep the exact default.
   * Returns how many timers fired that were not idle (an interval whose `idle` said so before it ran): a
   * backtest that moved the clock past idle firings alone has no work of theirs to wait for. With
   * `stopWhenBusy` it stops at the first instant a timer that is not idle fired, once every timer due then
   * has fired, and leaves the clock there: the caller lets that work run, then moves on.
   */
  advanceTo(targetMs: number, options: { coalesceIntervals?: boolean; stopWhenBusy?: boolean } = {}): number {
    if (targetMs < this.current) throw new RangeError(`SimClock cannot go back from ${this.current} to ${targetMs}`);
    let busy = 0;
    for (;;) {
      const next = this.heap[0];
      // Stops at the busy instant even when no timer is left before the target: the work it started
      // resumes at its own instant, not at the target's.
      if (busy > 0 && options.stopWhenBusy && (!next || next.at > this.current)) return busy;
      if (!next || next.at > targetMs) break;
      this.current = next.at;
      if (next.period > 0) {
        next.at += next.period;
        if (options.coalesceIntervals && next.at <= targetMs) next.at += Math.ceil((targetMs - next.at + 1) / next.period) * next.period;
        next.seq = this.seq++;
        this.siftDown(0);
      } else {
        this.removeAt(0);
      }
      if (!next.idle?.()) busy++;
      next.fn();
    }
    this.current = targetMs;
    return busy;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Instant of the next pending timer, or undefined: lets a backtest jump straight to the next event. */
  nextTimerAt(): number | undefined {
    return this.heap[0]?.at;
  }

  /** How many timers are pending (cancelled ones are gone at once). */
  pendingTimers(): number {
    return this.heap.length;
  }

  private add(timer: SimTimer): TimerHandle {
    timer.index = this.heap.length;
    this.heap.push(timer);
    this.siftUp(timer.index);
    return {
      cancel: () => {
        if (timer.index >= 0) this.removeAt(timer.index);
      },
    };
  }

  private removeAt(i: number): void {
    const heap = this.heap;
    const gone = heap[i]!;
    const last = heap.pop()!;
    gone.index = -1;
    if (i === heap.length) return;
    heap[i] = last;
    last.index = i;
    if (i > 0 && before(last, heap[(i - 1) >> 1]!)) this.siftUp(i);
    else this.siftDown(i);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const timer = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(timer, p)) break;
      heap[i] = p;
      p.index = i;
      i = parent;
    }
    heap[i] = timer;
    timer.index = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const timer = heap[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
      const c = heap[child]!;
      if (!before(c, timer)) break;
      heap[i] = c;
      c.index = i;
      i = child;
    }
    heap[i] = timer;
    timer.index = i;
  }
}
