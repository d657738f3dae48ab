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

/*
 * Rolling extremes for a batch loop. `windowExtremes` leaves, for each index i in [from, to), two
 * overlapping partial windows that together cover `xs[i − span + 1 .. i]`: with j = `at` + i − from, the
 * window's highest is max(h[j], h[j − lag]) (`highAt(h, j, lag)`), its lowest min(l[j], l[j − lag])
 * (`lowAt`). The consumer's loop takes that last max itself, which saves a pass over the chunk.
 *
 * Every max is chosen by index, `x[j − d·c]` with c = +(x[j − d] > x[j]) (0 or 1): no branch, where
 * `Math.max` and TA-Lib's rescan branch on which value is larger, a coin toss on prices that the
 * predictor keeps losing (TA-Lib's C compiles its rescan to conditional moves, which JavaScript lacks).
 * It picks one of the two values itself, so every result is exact and equals the streaming deque's.
 */

/** The larger of `xs[j]` and `xs[j − d]`, chosen without a branch. */
export function highAt(xs: Float64Array, j: number, d: number): number {
  return xs[j - d * +((xs[j - d] as number) > (xs[j] as number))] as number;
}

/** The smaller of `xs[j]` and `xs[j − d]`, chosen without a branch. */
export function lowAt(xs: Float64Array, j: number, d: number): number {
  return xs[j - d * +((xs[j - d] as number) < (xs[j] as number))] as number;
}

/** Scratch for `windowExtremes` over chunks of up to `chunk` values with windows of `span`, and its result. */
export class ExtremesScratch {
  /** The partial windows' highs and lows (see above): output 0's are at `at` and `at − lag`. */
  h: Float64Array;
  l: Float64Array;
  at = 0;
  lag = 0;
  private readonly bufs: readonly [Float64Array, Float64Array, Float64Array, Float64Array];

  constructor(chunk: number, span: number) {
    const len = chunk + span - 1;
    // Doubling alternates between two buffers a side; van Herk's prefix and suffix maxima share one.
    const size = span <= DOUBLING_MAX_SPAN ? len : 2 * len;
    this.bufs = [new Float64Array(size), new Float64Array(size), new Float64Array(size), new Float64Array(size)];
    this.h = this.bufs[0];
    this.l = this.bufs[1];
  }

  /** Buffer k of four: doubling's levels (0, 1 highs and lows; 2, 3 the next level's) or van Herk's. */
  buf(k: 0 | 1 | 2 | 3): Float64Array {
    return this.bufs[k];
  }
}

/*
 * Short windows by doubling (a sparse table): level w holds, at each index, the extreme of the w values
 * ending there, built from level w/2; the window of `span` is then the extreme of two overlapping windows
 * of the last level w (2w ≥ span). ⌈log₂ span⌉ − 1 passes a side; array index j of a level is column
 * index `base + j`.
 */

/*
 * Each pass is a loop over one side: highs and lows in one loop keep too many arrays live for the
 * registers, and the spills make it over twice as slow.
 */

/** Level 2 from the column: the highest of each pair, valid from j = 1. */
function pairsHigh(xs: ArrayLike<number>, base: number, len: number, out: Float64Array): void {
  for (let j = 1; j < len; j++) {
    const k = base + j;
    out[j] = xs[k - +((xs[k - 1] as number) > (xs[k] as number))] as number;
  }
}

function pairsLow(xs: ArrayLike<number>, base: number, len: number, out: Float64Array): void {
  for (let j = 1; j < len; j++) {
    const k = base + j;
    out[j] = xs[k - +((xs[k - 1] as number) < (xs[k] as number))] as number;
  }
}

/** Level 2w from level w (valid from j = w − 1): valid from j = 2w − 1. */
function doubledHigh(xs: Float64Array, w: number, len: number, out: Float64Array): void {
  for (let j = 2 * w - 1; j < len; j++) out[j] = highAt(xs, j, w);
}

function doubledLow(xs: Float64Array, w: number, len: number, out: Float64Array): void {
  for (let j = 2 * w - 1; j < len; j++) out[j] = lowAt(xs, j, w);
}

/** The last level of the highs (`sign` 1) or lows (−1) of `xs[base ..]`, built in `a` and `b`: the one holding it. */
function levels(xs: ArrayLike<number>, sign: 1 | -1, span: number, base: number, len: number, a: Float64Array, b: Float64Array): Float64Array {
  if (span === 1) {
    for (let j = 0; j < len; j++) a[j] = xs[base + j] as number;
    return a;
  }
  if (sign === 1) pairsHigh(xs, base, len, a);
  else pairsLow(xs, base, len, a);
  let src = a;
  let dst = b;
  for (let w = 2; 2 * w <= span; w *= 2) {
    if (sign === 1) doubledHigh(src, w, len, dst);
    else doubledLow(src, w, len, dst);
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

function doublingExtremes(highs: ArrayLike<number>, lows: ArrayLike<number>, span: number, from: number, to: number, s: ExtremesScratch): void {
  const base = from - span + 1;
  const len = to - base;
  s.h = levels(highs, 1, span, base, len, s.buf(0), s.buf(2));
  s.l = levels(lows, -1, span, base, len, s.buf(1), s.buf(3));
  // The last level's width: the largest power of two ≤ span (1 for a span of 1, where lag 0 reads one value).
  const w = 2 ** Math.floor(Math.log2(span));
  s.at = span - 1;
  s.lag = span - w;
}

/**
 * Long windows (van Herk / Gil-Werman): cut the range into blocks of `span`; a window then spans the tail
 * of one block and the head of the next, so its extreme is that of the suffix extreme at its start and the
 * prefix extreme at its end. Two passes a side whatever the window; the running extreme in a long block
 * seldom changes, so `Math.max`'s branch is predicted here. Prefix extremes go to `out[0 .. len)`, suffix
 * ones to `out[len .. 2·len)`; `sign` −1 gives minima (of −xs, negated back on store).
 */
function blockExtremes(xs: ArrayLike<number>, sign: 1 | -1, span: number, base: number, len: number, out: Float64Array): void {
  let m = -Infinity;
  for (let j = 0, k = 0; j < len; j++, k++) {
    if (k === span) {
      k = 0;
      m = -Infinity;
    }
    m = Math.max(m, sign * (xs[base + j] as number));
    out[j] = sign * m;
  }
  m = -Infinity;
  for (let j = len - 1, k = (len - 1) % span; j >= 0; j--, k--) {
    m = Math.max(m, sign * (xs[base + j] as number));
    out[len + j] = sign * m;
    if (k === 0) {
      k = span;
      m = -Infinity;
    }
  }
}

/** Windows longer than this use van Herk's blocks, whose cost does not grow with the window. */
const DOUBLING_MAX_SPAN = 32;

/**
 * The rolling highest high and lowest low of [from, to), reading the columns from `from − span + 1`:
 * for output k = i − from, `highAt(s.h, s.at + k, s.lag)` and `lowAt(s.l, s.at + k, s.lag)`.
 */
export function windowExtremes(highs: ArrayLike<number>, lows: ArrayLike<number>, span: number, from: number, to: number, s: ExtremesScratch): void {
  if (span <= DOUBLING_MAX_SPAN) {
    doublingExtremes(highs, lows, span, from, to, s);
    return;
  }
  const base = from - span + 1;
  const len = to - base;
  s.h = s.buf(0);
  s.l = s.buf(1);
  blockExtremes(highs, 1, span, base, len, s.h);
  blockExtremes(lows, -1, span, base, len, s.l);
  // The window of output k: the prefix at its last index, k + span − 1, and the suffix from its first, k.
  s.at = span - 1;
  s.lag = span - 1 - len;
}
