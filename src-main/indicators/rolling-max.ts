import { FOLD_CHUNK } from './indicator.ts';

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
 * Rolling extremes for a batch loop: `windowExtremes` writes the highest high and lowest low of each
 * window of a chunk to `hh` and `ll`; `windowLevels` stops a step short, for loops that take it themselves.
 *
 * Every max is chosen by index, `x[j − d·c]` with c = +(x[j − d] > x[j]) (0 or 1): no branch, where
 * `Math.max` and TA-Lib's rescan branch on which value is larger, a coin toss on prices that the
 * predictor keeps losing (TA-Lib's C compiles its rescan to conditional moves, which JavaScript lacks).
 * It picks one of the two values itself, so every result is exact and equals the streaming deque's.
 * Each pass is a small loop over one side, with the expression written out: highs and lows in one loop
 * keep too many arrays live for the registers, and these loops sit deep in an indicator's fold, where
 * V8 has spent its inlining budget, so a helper would stay a call per value.
 */

/**
 * The chunk of the batch loops built on `windowLevels` (`Forming.drive`): each chunk refills the
 * streaming deques and restarts every pass, which in chunks of FOLD_CHUNK cost Williams %R(14) 4% of its
 * time and the fast stochastic 7%. The scratch stays within L2.
 */
export const EXTREMES_CHUNK = 4 * FOLD_CHUNK;

/** Scratch for `windowExtremes` or `windowLevels` over chunks of up to `chunk` values with windows of `span`, and its result. */
export class ExtremesScratch {
  /** `windowExtremes`' result: the window extremes of output k = i − from. */
  readonly hh: Float64Array;
  readonly ll: Float64Array;
  /**
   * Work buffers: doubling's levels (two a side, alternating: `a` and `b` the highs', `c` and `d` the
   * lows'), or van Herk's prefix and suffix extremes (`a` and `b`).
   */
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly d: Float64Array;
  /** `windowLevels`' result: the highs' and lows' last levels and the distance between the two joined. */
  highs: Float64Array;
  lows: Float64Array;
  gap = 0;

  constructor(chunk: number, span: number) {
    const len = chunk + span - 1;
    this.hh = new Float64Array(chunk);
    this.ll = new Float64Array(chunk);
    this.a = new Float64Array(len);
    this.b = new Float64Array(len);
    this.c = new Float64Array(len);
    this.d = new Float64Array(len);
    this.highs = this.a;
    this.lows = this.c;
  }
}

/*
 * Short windows by doubling (a sparse table): level w holds, at each index, the extreme of the w values
 * ending there, built from level w/2; the window of `span` is then the extreme of two overlapping windows
 * of the last level w (2w ≥ span), the ones ending at its last index and `span − w` before. ⌈log₂ span⌉
 * passes a side; array index j of a level is column index `base + j`.
 */

/**
 * Level 2 from the column: the highest of each pair, valid from j = 1. Returns the sum of the column's
 * values from `base + 1`, which is not finite when one of them is not: a batch loop's input check.
 */
function pairsHigh(xs: ArrayLike<number>, base: number, len: number, out: Float64Array): number {
  let sum = 0;
  for (let j = 1; j < len; j++) {
    const k = base + j;
    const x = xs[k] as number;
    out[j] = xs[k - +((xs[k - 1] as number) > x)] as number;
    sum += x;
  }
  return sum;
}

function pairsLow(xs: ArrayLike<number>, base: number, len: number, out: Float64Array): number {
  let sum = 0;
  for (let j = 1; j < len; j++) {
    const k = base + j;
    const x = xs[k] as number;
    out[j] = xs[k - +((xs[k - 1] as number) < x)] as number;
    sum += x;
  }
  return sum;
}

/** Level 2w from level w (valid from j = w − 1): valid from j = 2w − 1. */
function doubledHigh(xs: Float64Array, w: number, len: number, out: Float64Array): void {
  for (let j = 2 * w - 1; j < len; j++) out[j] = xs[j - w * +((xs[j - w] as number) > (xs[j] as number))] as number;
}

function doubledLow(xs: Float64Array, w: number, len: number, out: Float64Array): void {
  for (let j = 2 * w - 1; j < len; j++) out[j] = xs[j - w * +((xs[j - w] as number) < (xs[j] as number))] as number;
}

/** The window extremes from the last level: out[j − span + 1] from level indices j and j − d. */
function joinedHigh(xs: Float64Array, d: number, span: number, len: number, out: Float64Array): void {
  for (let j = span - 1; j < len; j++) out[j - span + 1] = xs[j - d * +((xs[j - d] as number) > (xs[j] as number))] as number;
}

function joinedLow(xs: Float64Array, d: number, span: number, len: number, out: Float64Array): void {
  for (let j = span - 1; j < len; j++) out[j - span + 1] = xs[j - d * +((xs[j - d] as number) < (xs[j] as number))] as number;
}

/**
 * Doubling's levels of one side (`sign` 1 highs, −1 lows), alternately in `a` and `b` (the last one is
 * `lastLevel`'s). Returns the sum of the column's values from `base + 1` (from `base` for a window of 1).
 */
function levels(xs: ArrayLike<number>, sign: 1 | -1, span: number, base: number, len: number, a: Float64Array, b: Float64Array): number {
  if (span === 1) {
    let sum = 0;
    for (let j = 0; j < len; j++) {
      const x = xs[base + j] as number;
      a[j] = x;
      sum += x;
    }
    return sum;
  }
  const sum = sign === 1 ? pairsHigh(xs, base, len, a) : pairsLow(xs, base, len, a);
  let src = a;
  let dst = b;
  for (let w = 2; 2 * w <= span; w *= 2) {
    if (sign === 1) doubledHigh(src, w, len, dst);
    else doubledLow(src, w, len, dst);
    const t = src;
    src = dst;
    dst = t;
  }
  return sum;
}

/** Which of `levels`' two buffers holds its last level: `a` after an even number of doublings. */
function lastLevel(span: number, a: Float64Array, b: Float64Array): Float64Array {
  let doublings = 0;
  for (let w = 2; 2 * w <= span; w *= 2) doublings++;
  return doublings % 2 === 0 ? a : b;
}

/** How far back the last level's second window ends: `span` less the level's width (the largest power of 2 ≤ span). */
function joinGap(span: number): number {
  let w = 1;
  while (2 * w <= span) w *= 2;
  return span - w;
}

/** The window extremes of one side (`sign` 1 highs, −1 lows) by doubling, through `a` and `b`, into `out`. */
function doubling(xs: ArrayLike<number>, sign: 1 | -1, span: number, base: number, len: number, a: Float64Array, b: Float64Array, out: Float64Array): void {
  levels(xs, sign, span, base, len, a, b);
  const level = lastLevel(span, a, b);
  if (sign === 1) joinedHigh(level, joinGap(span), span, len, out);
  else joinedLow(level, joinGap(span), span, len, out);
}

/**
 * Long windows (van Herk / Gil-Werman): cut the range into blocks of `span`; a window then spans the tail
 * of one block and the head of the next, so its extreme is that of the suffix extreme at its first index
 * and the prefix extreme at its last. Three passes a side whatever the window; the running extreme in a
 * long block seldom changes, so `Math.max`'s branch is predicted there. `sign` −1 gives minima (of −xs).
 */
function blocks(xs: ArrayLike<number>, sign: 1 | -1, span: number, base: number, len: number, pre: Float64Array, suf: Float64Array, out: Float64Array): void {
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
  for (let i = 0; i < len - span + 1; i++) out[i] = sign * Math.max(suf[i] as number, pre[i + span - 1] as number);
}

/** Windows longer than this use van Herk's blocks, whose cost does not grow with the window. */
const DOUBLING_MAX_SPAN = 32;

/**
 * The rolling highest high and lowest low of [from, to) into `s.hh`, `s.ll` (index i − from), reading the
 * columns from `from − span + 1`. Both methods give the streaming deque's values exactly.
 */
export function windowExtremes(highs: ArrayLike<number>, lows: ArrayLike<number>, span: number, from: number, to: number, s: ExtremesScratch): void {
  const base = from - span + 1;
  const len = to - base;
  if (span <= DOUBLING_MAX_SPAN) {
    doubling(highs, 1, span, base, len, s.a, s.b, s.hh);
    doubling(lows, -1, span, base, len, s.a, s.b, s.ll);
    return;
  }
  blocks(highs, 1, span, base, len, s.a, s.b, s.hh);
  blocks(lows, -1, span, base, len, s.a, s.b, s.ll);
}

/**
 * Doubling's last levels of the highs and lows for [from, to), into `s.highs`, `s.lows` and `s.gap`, for a
 * batch loop that takes the last step itself, beside its own arithmetic: the window extremes of output
 * k = i − from are the larger (smaller) of a level's values at j = k + span − 1 and j − gap, chosen by
 * index as in the passes. Against `windowExtremes`, that saves two passes' loop and a store and load of
 * each extreme: Williams %R(14) 7% faster, the fast stochastic 5%. Long windows get doubling too, ⌈log₂ N⌉
 * passes a side: Williams %R(50) 10% faster than through van Herk's blocks, (100) 15% slower.
 * Returns the sum of the highs and lows read, all of [from, to) among them (and some before `from`): not
 * finite when one of them is not, so the loop need not test each bar's: Williams %R and the fast stochastic
 * 7% faster, the slow one 11%.
 */
export function windowLevels(highs: ArrayLike<number>, lows: ArrayLike<number>, span: number, from: number, to: number, s: ExtremesScratch): number {
  const base = from - span + 1;
  const len = to - base;
  const sum = levels(highs, 1, span, base, len, s.a, s.b) + levels(lows, -1, span, base, len, s.c, s.d);
  s.highs = lastLevel(span, s.a, s.b);
  s.lows = lastLevel(span, s.c, s.d);
  s.gap = joinGap(span);
  return sum;
}
