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

  /** Holds exactly `sign·xs[from..to)`: a batch loop's window handed back (sign −1 for a minimum). */
  fill(xs: ArrayLike<number>, from: number, to: number, sign: 1 | -1): void {
    this.clear();
    for (let k = from; k < to; k++) this.push(sign * (xs[k] as number));
  }
}

/**
 * Rolling maxima for a batch loop, branch-free (van Herk / Gil-Werman): `out[i − from]` = the highest of
 * `xs[i − span + 1 .. i]` for i in [from, to), reading the column itself from `from − span + 1`. Cut the
 * range into blocks of `span`; a window then spans the tail of one block and the head of the next, so its
 * maximum is max(suffix maximum at its start, prefix maximum at its end): three `Math.max` per value, no
 * data-dependent branch, and a cost that does not grow with the window. `sign` −1 gives minima (of −xs,
 * negated back).
 * `pre` and `suf` hold `to − from + span − 1` values. The values equal the streaming deque's.
 */
function windowMax(xs: ArrayLike<number>, sign: 1 | -1, span: number, from: number, to: number, out: Float64Array, pre: Float64Array, suf: Float64Array): void {
  const base = from - span + 1;
  const len = to - base;
  let m = -Infinity;
  for (let j = 0, k = 0; j < len; j++, k++) {
    if (k === span) {
      k = 0;
      m = -Infinity;
    }
    m = Math.max(m, sign * (xs[base + j] as number));
    pre[j] = m;
  }
  m = -Infinity;
  for (let j = len - 1, k = (len - 1) % span; j >= 0; j--, k--) {
    m = Math.max(m, sign * (xs[base + j] as number));
    suf[j] = m;
    if (k === 0) {
      k = span;
      m = -Infinity;
    }
  }
  for (let i = 0; i < to - from; i++) out[i] = sign * Math.max(suf[i] as number, pre[i + span - 1] as number);
}

/** Scratch for `windowExtremes` over chunks of up to `chunk` values with windows of `span`. */
export class ExtremesScratch {
  readonly hh: Float64Array;
  readonly ll: Float64Array;
  readonly pre: Float64Array;
  readonly suf: Float64Array;

  constructor(chunk: number, span: number) {
    const blocks = span > TRACK_MAX_SPAN ? chunk + span - 1 : 0;
    this.hh = new Float64Array(chunk);
    this.ll = new Float64Array(chunk);
    this.pre = new Float64Array(blocks);
    this.suf = new Float64Array(blocks);
  }
}

/**
 * TA-Lib's way for short windows: remember where each extreme is and scan the window again only when it
 * leaves. Cheapest on prices (a new extreme is rare), but a steady trend makes it rescan every bar: O(span).
 */
function trackExtremes(highs: ArrayLike<number>, lows: ArrayLike<number>, span: number, from: number, to: number, hh: Float64Array, ll: Float64Array): void {
  let hiAt = -1;
  let hi = 0;
  let loAt = -1;
  let lo = 0;
  for (let i = from; i < to; i++) {
    const start = i - span + 1;
    const h = highs[i] as number;
    const l = lows[i] as number;
    if (hiAt < start) {
      hiAt = start;
      hi = highs[start] as number;
      for (let j = start + 1; j <= i; j++) {
        const v = highs[j] as number;
        if (v >= hi) {
          hi = v;
          hiAt = j;
        }
      }
    } else if (h >= hi) {
      hi = h;
      hiAt = i;
    }
    if (loAt < start) {
      loAt = start;
      lo = lows[start] as number;
      for (let j = start + 1; j <= i; j++) {
        const v = lows[j] as number;
        if (v <= lo) {
          lo = v;
          loAt = j;
        }
      }
    } else if (l <= lo) {
      lo = l;
      loAt = i;
    }
    hh[i - from] = hi;
    ll[i - from] = lo;
  }
}

/** Windows longer than this use the branch-free blocks, whose cost does not grow with the window. */
const TRACK_MAX_SPAN = 32;

/**
 * The rolling highest high and lowest low of [from, to) into `s.hh`, `s.ll` (index i − from), reading the
 * columns from `from − span + 1`. Both methods give the streaming deque's values exactly.
 */
export function windowExtremes(highs: ArrayLike<number>, lows: ArrayLike<number>, span: number, from: number, to: number, s: ExtremesScratch): void {
  if (span <= TRACK_MAX_SPAN) {
    trackExtremes(highs, lows, span, from, to, s.hh, s.ll);
    return;
  }
  windowMax(highs, 1, span, from, to, s.hh, s.pre, s.suf);
  windowMax(lows, -1, span, from, to, s.ll, s.pre, s.suf);
}
