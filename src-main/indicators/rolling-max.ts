/**
 * Maximum of the last `span` committed values: a monotonic deque in preallocated arrays, amortised O(1)
 * per push. Indicators combine it with the forming input (`max(rollingMax.max, x)`), so revising the
 * forming bar never touches the deque. For a minimum, push negated values.
 */
export class RollingMax {
  private readonly span: number;
  private readonly cap: number;
  private readonly vals: Float64Array;
  private readonly seqs: Float64Array;
  private front = 0;
  private size = 0;
  private seq = 0;

  constructor(span: number) {
    this.span = span;
    this.cap = Math.max(1, span + 1);
    this.vals = new Float64Array(this.cap);
    this.seqs = new Float64Array(this.cap);
  }

  /** -Infinity while empty. */
  get max(): number {
    return this.size === 0 ? -Infinity : (this.vals[this.front] as number);
  }

  push(x: number): void {
    if (this.span === 0) return;
    const cap = this.cap;
    const s = this.seq++;
    let back = this.front + this.size - 1;
    if (back >= cap) back -= cap;
    while (this.size > 0 && (this.vals[back] as number) <= x) {
      this.size--;
      back = back === 0 ? cap - 1 : back - 1;
    }
    let at = this.front + this.size;
    if (at >= cap) at -= cap;
    this.vals[at] = x;
    this.seqs[at] = s;
    this.size++;
    if ((this.seqs[this.front] as number) <= s - this.span) {
      this.front = this.front + 1 === cap ? 0 : this.front + 1;
      this.size--;
    }
  }

  clear(): void {
    this.front = 0;
    this.size = 0;
    this.seq = 0;
  }
}
