/**
 * The last `capacity` committed inputs of an indicator, in a preallocated Float64Array.
 * Capacity 0 is allowed: every push then drops the value it was given.
 */
export class Float64Window {
  readonly capacity: number;
  private readonly buf: Float64Array;
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.buf = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count === this.capacity;
  }

  /** Appends `x`; returns the value that left the window, or 0 while it is filling. */
  push(x: number): number {
    const cap = this.capacity;
    if (cap === 0) return x;
    if (this.count < cap) {
      let i = this.head + this.count;
      if (i >= cap) i -= cap;
      this.buf[i] = x;
      this.count++;
      return 0;
    }
    const dropped = this.buf[this.head] as number;
    this.buf[this.head] = x;
    this.head = this.head + 1 === cap ? 0 : this.head + 1;
    return dropped;
  }

  /** Holds exactly `xs[from..to)`, oldest first (at most `capacity` values): a batch loop's window handed back. */
  fill(xs: ArrayLike<number>, from: number, to: number): void {
    const count = to - from;
    for (let k = 0; k < count; k++) this.buf[k] = xs[from + k] as number;
    this.head = 0;
    this.count = count;
  }

  /** The oldest value held (the next to leave); NaN when empty. */
  oldest(): number {
    return this.count === 0 ? NaN : (this.buf[this.head] as number);
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }
}
