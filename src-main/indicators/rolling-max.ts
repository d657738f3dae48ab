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
 * Rolling maxima for long windows (van Herk / Gil-Werman): `out[i − from]` = the highest of
 * `xs[i − span + 1 .. i]` for i in [from, to), reading the column itself from `from − span + 1`. Cut the
 * range into blocks of `span`; a window then spans the tail of one block and the head of the next, so its
 * maximum is max(suffix maximum at its start, prefix maximum at its end): three `Math.max` per value and a
 * cost that does not grow with the window. (V8's `Math.max` branches on its operands; in a long block the
 * running maximum seldom changes, so the branch is predicted.) `sign` −1 gives minima (of −xs, negated back).
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
  /** van Herk's prefix and suffix maxima, or the doubling's levels of highs (`pre`) and lows (`suf`). */
  readonly pre: Float64Array;
  readonly suf: Float64Array;
  /** The doubling's second buffer of each side (levels alternate between the two). */
  readonly pre2: Float64Array;
  readonly suf2: Float64Array;

  constructor(chunk: number, span: number) {
    const len = chunk + span - 1;
    const levels = span <= DOUBLING_MAX_SPAN ? len : 0;
    this.hh = new Float64Array(chunk);
    this.ll = new Float64Array(chunk);
    this.pre = new Float64Array(len);
    this.suf = new Float64Array(len);
    this.pre2 = new Float64Array(levels);
    this.suf2 = new Float64Array(levels);
  }
}

/*
 * Rolling extremes for short windows by doubling (a sparse table): level w holds, at each index, the
 * highest (lowest) of the w values ending there, built from level w/2 as max(level[j], level[j − w/2]);
 * a window of `span` is then the extreme of two overlapping power-of-two windows. ⌈log₂ span⌉ passes,
 * each over highs and lows together. Each max is chosen by index, `x[j − w·c]` with c = +(x[j − w] > x[j]):
 * no branch (`Math.max` and TA-Lib's rescan branch on which value is larger, a coin toss on prices that
 * the predictor keeps losing, while TA-Lib's C compiles its rescan to conditional moves) and one of the two
 * values themselves, so the result is exact. Array j of a level is index `base + j` of the columns.
 */

/** Level 2 from the columns: the extremes of each pair, valid from j = 1. */
function pairs(highs: ArrayLike<number>, lows: ArrayLike<number>, base: number, len: number, hd: Float64Array, ld: Float64Array): void {
  for (let j = 1; j < len; j++) {
    const k = base + j;
    hd[j] = highs[k - +((highs[k - 1] as number) > (highs[k] as number))] as number;
    ld[j] = lows[k - +((lows[k - 1] as number) < (lows[k] as number))] as number;
  }
}

/** Level 2w from level w (`hs`, `ls`, valid from j = w − 1): valid from j = 2w − 1. */
function doubled(hs: Float64Array, ls: Float64Array, w: number, len: number, hd: Float64Array, ld: Float64Array): void {
  for (let j = 2 * w - 1; j < len; j++) {
    hd[j] = hs[j - w * +((hs[j - w] as number) > (hs[j] as number))] as number;
    ld[j] = ls[j - w * +((ls[j - w] as number) < (ls[j] as number))] as number;
  }
}

/** The window's extremes from level w: the two level windows ending at j and at j − r overlap and cover `span`. */
function joined(hs: Float64Array, ls: Float64Array, r: number, span: number, len: number, hh: Float64Array, ll: Float64Array): void {
  for (let j = span - 1; j < len; j++) {
    hh[j - span + 1] = hs[j - r * +((hs[j - r] as number) > (hs[j] as number))] as number;
    ll[j - span + 1] = ls[j - r * +((ls[j - r] as number) < (ls[j] as number))] as number;
  }
}

function doublingExtremes(highs: ArrayLike<number>, lows: ArrayLike<number>, span: number, from: number, to: number, s: ExtremesScratch): void {
  const base = from - span + 1;
  const len = to - base;
  if (span === 1) {
    for (let j = 0; j < len; j++) {
      s.hh[j] = highs[base + j] as number;
      s.ll[j] = lows[base + j] as number;
    }
    return;
  }
  pairs(highs, lows, base, len, s.pre, s.suf);
  let [hs, ls, hd, ld] = [s.pre, s.suf, s.pre2, s.suf2];
  let w = 2;
  for (; 2 * w <= span; w *= 2) {
    doubled(hs, ls, w, len, hd, ld);
    [hs, ls, hd, ld] = [hd, ld, hs, ls];
  }
  joined(hs, ls, span - w, span, len, s.hh, s.ll);
}

/** Windows longer than this use van Herk's blocks, whose cost does not grow with the window. */
const DOUBLING_MAX_SPAN = 32;

/**
 * The rolling highest high and lowest low of [from, to) into `s.hh`, `s.ll` (index i − from), reading the
 * columns from `from − span + 1`. Both methods give the streaming deque's values exactly.
 */
export function windowExtremes(highs: ArrayLike<number>, lows: ArrayLike<number>, span: number, from: number, to: number, s: ExtremesScratch): void {
  if (span <= DOUBLING_MAX_SPAN) {
    doublingExtremes(highs, lows, span, from, to, s);
    return;
  }
  windowMax(highs, 1, span, from, to, s.hh, s.pre, s.suf);
  windowMax(lows, -1, span, from, to, s.ll, s.pre, s.suf);
}
