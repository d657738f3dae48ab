import type { Clock, TimerHandle } from '#core/clock';

interface Waiter {
  readonly priority: boolean;
  readonly admit: (release: () => void) => void;
}

/**
 * A moving-window limiter matching OpenAlgo's Flask-Limiter: at most `limit` requests in any `windowMs`.
 * The server counts arrival times, which the client cannot see, only bound: a request arrives after it
 * was sent and before its answer came back. So a slot is held from acquisition until `windowMs` after the
 * answer (`release`), and a burst can never land more than `limit` requests in one server window,
 * however the network delays them. Waiters are served in arrival order, except that priority waiters
 * (cancels and modifications, which reduce risk) go ahead of every ordinary one.
 */
export class SlidingWindowLimiter {
  /** Release instants of recent requests; +Infinity while the answer is still outstanding. */
  private readonly slots: number[] = [];
  private readonly waiting: Waiter[] = [];
  private timer: TimerHandle | undefined;
  private readonly clock: Clock;
  readonly limit: number;
  readonly windowMs: number;

  constructor(clock: Clock, limit: number, windowMs: number) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new RangeError(`rate limit needs limit >= 1 and window > 0, got ${limit}/${windowMs}ms`);
    this.clock = clock;
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Resolves when a request may be sent; call the returned function when its answer (or failure) arrives. */
  acquire(priority = false): Promise<() => void> {
    return new Promise((admit) => {
      const at = priority ? this.waiting.findIndex((w) => !w.priority) : -1;
      if (at >= 0) this.waiting.splice(at, 0, { priority, admit });
      else this.waiting.push({ priority, admit });
      this.pump();
    });
  }

  /** Requests waiting for a slot. */
  queued(): number {
    return this.waiting.length;
  }

  private pump(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const now = this.clock.now();
    for (let i = this.slots.length - 1; i >= 0; i--) if (this.slots[i]! + this.windowMs <= now) this.slots.splice(i, 1);
    while (this.slots.length < this.limit && this.waiting.length > 0) {
      this.slots.push(Number.POSITIVE_INFINITY);
      this.waiting.shift()!.admit(this.releaser());
    }
    if (this.waiting.length === 0) return;
    const earliest = Math.min(...this.slots);
    // All slots outstanding: the next release pumps again.
    if (Number.isFinite(earliest)) this.timer = this.clock.setTimer(earliest + this.windowMs, () => this.pump());
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Pending slots are interchangeable: settling any one of them keeps the count exact.
      const at = this.slots.indexOf(Number.POSITIVE_INFINITY);
      if (at >= 0) this.slots[at] = this.clock.now();
      this.pump();
    };
  }
}
