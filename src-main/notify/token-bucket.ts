/**
 * A token bucket: `capacity` sends at once, then one every `60_000 / perMinute` ms. Time is passed in
 * (the notifier's clock), so it holds no clock of its own.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  private readonly msPerToken: number;

  constructor(capacity: number, perMinute: number, now: number) {
    if (!(capacity >= 1) || !(perMinute > 0)) throw new RangeError(`a token bucket needs capacity ≥ 1 and a positive rate, got ${capacity}, ${perMinute}`);
    this.capacity = capacity;
    this.msPerToken = 60_000 / perMinute;
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) / this.msPerToken);
    this.last = Math.max(this.last, now);
  }

  /** Takes a token when one is there. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0 when one is). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.msPerToken);
  }
}
