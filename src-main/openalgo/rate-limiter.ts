import type { Clock } from '#core/clock';

/**
 * A moving-window limiter matching OpenAlgo's Flask-Limiter: at most `limit` requests in any `windowMs`.
 * The server counts arrival times, which the client cannot see, only bound: a request arrives after it
 * was sent and before its answer came back. So a slot is held from acquisition until `windowMs` after the
 * answer (`release`), and a burst can never land more than `limit` requests in one server window,
 * however the network delays them. Waiters are served in arrival order; `blockUntil` honours a 429.
 */
export class SlidingWindowLimiter {
  /** Release instants of recent requests; +Infinity while the answer is still outstanding. */
  private readonly slots: number[] = [];
  private tail: Promise<void> = Promise.resolve();
  private blockedUntil = 0;
  private wake: (() => void) | undefined;
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
  acquire(): Promise<() => void> {
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn.then(() => undefined);
    return turn;
  }

  blockUntil(atMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, atMs);
  }

  /** Milliseconds left on a server-imposed block, 0 if none. */
  blockedFor(): number {
    return Math.max(0, this.blockedUntil - this.clock.now());
  }

  private async waitForSlot(): Promise<() => void> {
    for (;;) {
      const now = this.clock.now();
      for (let i = this.slots.length - 1; i >= 0; i--) if (this.slots[i]! + this.windowMs <= now) this.slots.splice(i, 1);
      if (this.slots.length < this.limit) {
        this.slots.push(Number.POSITIVE_INFINITY);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          // Pending slots are interchangeable: settling any one of them keeps the count exact.
          const at = this.slots.indexOf(Number.POSITIVE_INFINITY);
          if (at >= 0) this.slots[at] = this.clock.now();
          this.wake?.();
        };
      }
      const earliest = Math.min(...this.slots);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        if (Number.isFinite(earliest)) this.clock.setTimer(earliest + this.windowMs, resolve);
      });
      this.wake = undefined;
    }
  }
}
