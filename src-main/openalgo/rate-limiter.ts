import type { Clock } from '#core/clock';

/**
 * A moving-window limiter, the same algorithm as OpenAlgo's Flask-Limiter: at most `limit` acquisitions
 * in any `windowMs`. Waiters are served in arrival order. `blockUntil` honours a server 429.
 */
export class SlidingWindowLimiter {
  private readonly stamps: number[] = [];
  private tail: Promise<void> = Promise.resolve();
  private blockedUntil = 0;
  private readonly clock: Clock;
  readonly limit: number;
  readonly windowMs: number;

  constructor(clock: Clock, limit: number, windowMs: number) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new RangeError(`rate limit needs limit >= 1 and window > 0, got ${limit}/${windowMs}ms`);
    this.clock = clock;
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Resolves when a request may be sent, and records it. */
  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn;
    return turn;
  }

  blockUntil(atMs: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, atMs);
  }

  /** Milliseconds left on a server-imposed block, 0 if none. */
  blockedFor(): number {
    return Math.max(0, this.blockedUntil - this.clock.now());
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.stamps.length > 0 && this.stamps[0]! <= now - this.windowMs) this.stamps.shift();
      if (this.stamps.length < this.limit) {
        this.stamps.push(now);
        return;
      }
      await this.sleepUntil(this.stamps[0]! + this.windowMs);
    }
  }

  private sleepUntil(atMs: number): Promise<void> {
    return new Promise((resolve) => {
      this.clock.setTimer(atMs, resolve);
    });
  }
}
