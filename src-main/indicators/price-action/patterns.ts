import type { Ohlc } from './types.ts';
import type { SwingPoint } from './structure-rule.ts';

export const PatternKind = {
  doubleTop: 'double-top',
  doubleBottom: 'double-bottom',
  headShoulders: 'head-and-shoulders',
  inverseHeadShoulders: 'inverse-head-and-shoulders',
  ascendingTriangle: 'ascending-triangle',
  descendingTriangle: 'descending-triangle',
  symmetricalTriangle: 'symmetrical-triangle',
  bullFlag: 'bull-flag',
  bearFlag: 'bear-flag',
} as const;
export type PatternKind = (typeof PatternKind)[keyof typeof PatternKind];

export interface Pattern {
  readonly kind: PatternKind;
  /** Expected breakout direction. */
  readonly side: 1 | -1;
  /** First and last swing (or bar) of the pattern. */
  readonly start: number;
  readonly end: number;
  /** The level whose break confirms it (neckline, triangle side, flag edge). */
  readonly trigger: number;
  /** Invalidation level and measured-move target. */
  readonly stop: number;
  readonly target: number;
  /** True when the close at the evaluated bar is already through `trigger`. */
  readonly confirmed: boolean;
}

export interface PatternOptions {
  /** Two levels are "equal" within this fraction of price (0.002 = 0.2 %). */
  readonly tolerance: number;
  /** Flags: the pole must move at least this many times the flag's own range. */
  readonly poleToFlag: number;
  /** Flags: bars in the pole and in the flag. */
  readonly poleBars: number;
  readonly flagBars: number;
}

export const DEFAULT_PATTERN_OPTIONS: PatternOptions = { tolerance: 0.002, poleToFlag: 3, poleBars: 8, flagBars: 6 };

/**
 * Classic patterns on the swings known at bar t (pass the stream's sequence) and the bars up to t.
 * Only patterns whose last swing is the latest one are reported, so each is seen while it is live.
 */
export function detectPatterns(swings: readonly SwingPoint[], o: Ohlc, t: number, opts: PatternOptions = DEFAULT_PATTERN_OPTIONS): Pattern[] {
  const close = o.close[t] as number;
  const eq = (a: number, b: number): boolean => Math.abs(a - b) <= opts.tolerance * Math.max(Math.abs(a), Math.abs(b));
  const out: Pattern[] = [];
  const s = swings.slice(-5);
  const [p1, p2, p3, p4, p5] = s;
  // Double top / bottom: X, Y, X' with X ≈ X' and the neckline Y.
  const last3 = swings.slice(-3);
  if (last3.length === 3) {
    const [a, b, c] = last3 as [SwingPoint, SwingPoint, SwingPoint];
    if (a.side === 1 && c.side === 1 && eq(a.level, c.level)) {
      const top = Math.max(a.level, c.level);
      out.push(make(PatternKind.doubleTop, -1, a.index, c.index, b.level, top, b.level - (top - b.level), close < b.level));
    }
    if (a.side === -1 && c.side === -1 && eq(a.level, c.level)) {
      const bottom = Math.min(a.level, c.level);
      out.push(make(PatternKind.doubleBottom, 1, a.index, c.index, b.level, bottom, b.level + (b.level - bottom), close > b.level));
    }
  }
  if (p5 !== undefined && p1 !== undefined && p2 !== undefined && p3 !== undefined && p4 !== undefined) {
    // Head and shoulders: shoulder, trough, head, trough, shoulder; shoulders equal, head beyond both.
    const neck = (p2.level + p4.level) / 2;
    if (p1.side === 1 && p3.level > p1.level && p3.level > p5.level && eq(p1.level, p5.level)) {
      out.push(make(PatternKind.headShoulders, -1, p1.index, p5.index, neck, p3.level, neck - (p3.level - neck), close < neck));
    }
    if (p1.side === -1 && p3.level < p1.level && p3.level < p5.level && eq(p1.level, p5.level)) {
      out.push(make(PatternKind.inverseHeadShoulders, 1, p1.index, p5.index, neck, p3.level, neck + (neck - p3.level), close > neck));
    }
  }
  const tri = triangle(swings.slice(-4), eq, close);
  if (tri !== null) out.push(tri);
  const flag = flagAt(o, t, opts);
  if (flag !== null) out.push(flag);
  return out;
}

function make(kind: PatternKind, side: 1 | -1, start: number, end: number, trigger: number, stop: number, target: number, confirmed: boolean): Pattern {
  return { kind, side, start, end, trigger, stop, target, confirmed };
}

function triangle(s: readonly SwingPoint[], eq: (a: number, b: number) => boolean, close: number): Pattern | null {
  if (s.length < 4) return null;
  const highs = s.filter((p) => p.side === 1);
  const lows = s.filter((p) => p.side === -1);
  const [h1, h2] = highs;
  const [l1, l2] = lows;
  if (h1 === undefined || h2 === undefined || l1 === undefined || l2 === undefined) return null;
  const flatTop = eq(h1.level, h2.level);
  const flatBottom = eq(l1.level, l2.level);
  const start = Math.min(h1.index, l1.index);
  const end = Math.max(h2.index, l2.index);
  const height = Math.max(h1.level, h2.level) - Math.min(l1.level, l2.level);
  if (flatTop && l2.level > l1.level) {
    const top = Math.max(h1.level, h2.level);
    return make(PatternKind.ascendingTriangle, 1, start, end, top, l2.level, top + height, close > top);
  }
  if (flatBottom && h2.level < h1.level) {
    const bottom = Math.min(l1.level, l2.level);
    return make(PatternKind.descendingTriangle, -1, start, end, bottom, h2.level, bottom - height, close < bottom);
  }
  if (!flatTop && !flatBottom && h2.level < h1.level && l2.level > l1.level) {
    // Direction comes from the side price leaves; before the break it leans with the last swing.
    const up = close > h2.level || (close >= l2.level && s.at(-1)?.side === -1);
    return up
      ? make(PatternKind.symmetricalTriangle, 1, start, end, h2.level, l2.level, h2.level + height, close > h2.level)
      : make(PatternKind.symmetricalTriangle, -1, start, end, l2.level, h2.level, l2.level - height, close < l2.level);
  }
  return null;
}

/** A sharp pole followed by a tight, counter-drifting flag; the trigger is the flag's far edge. */
function flagAt(o: Ohlc, t: number, opts: PatternOptions): Pattern | null {
  const flagStart = t - opts.flagBars + 1;
  const poleStart = flagStart - opts.poleBars;
  if (poleStart < 0) return null;
  const pole = (o.close[flagStart - 1] as number) - (o.open[poleStart] as number);
  let hi = -Infinity;
  let lo = Infinity;
  for (let k = flagStart; k <= t; k++) {
    hi = Math.max(hi, o.high[k] as number);
    lo = Math.min(lo, o.low[k] as number);
  }
  const range = hi - lo;
  if (!(range > 0) || Math.abs(pole) < opts.poleToFlag * range) return null;
  const drift = (o.close[t] as number) - (o.close[flagStart] as number);
  if (pole > 0 && drift <= 0) return make(PatternKind.bullFlag, 1, poleStart, t, hi, lo, hi + pole, false);
  if (pole < 0 && drift >= 0) return make(PatternKind.bearFlag, -1, poleStart, t, lo, hi, lo + pole, false);
  return null;
}
