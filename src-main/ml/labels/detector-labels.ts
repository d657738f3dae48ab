import { detectPatterns, PatternKind, PriceActionStream, type Pattern } from '#indicators/price-action/index';
import type { Bar } from '#model/bar';

/** The pattern CNN's classes, grouped from the project's pattern detectors (indicators/price-action/patterns.ts). */
export const PATTERN_CLASSES = ['none', 'bullish-reversal', 'bearish-reversal', 'bullish-continuation', 'bearish-continuation'] as const;
export type PatternClass = (typeof PATTERN_CLASSES)[number];

const CLASS_OF: Readonly<Record<PatternKind, PatternClass>> = {
  [PatternKind.doubleBottom]: 'bullish-reversal',
  [PatternKind.inverseHeadShoulders]: 'bullish-reversal',
  [PatternKind.doubleTop]: 'bearish-reversal',
  [PatternKind.headShoulders]: 'bearish-reversal',
  [PatternKind.bullFlag]: 'bullish-continuation',
  [PatternKind.ascendingTriangle]: 'bullish-continuation',
  [PatternKind.bearFlag]: 'bearish-continuation',
  [PatternKind.descendingTriangle]: 'bearish-continuation',
  [PatternKind.symmetricalTriangle]: 'bullish-continuation',
};

/** Class of the patterns live at a bar: reversals first, then continuations (a symmetrical triangle by its side). */
export function patternClass(patterns: readonly Pattern[]): number {
  let best = 0;
  for (const p of patterns) {
    let cls = PATTERN_CLASSES.indexOf(CLASS_OF[p.kind]);
    if (p.kind === PatternKind.symmetricalTriangle && p.side === -1) cls = PATTERN_CLASSES.indexOf('bearish-continuation');
    if (best === 0 || cls < best) best = cls;
  }
  return best;
}

/** A BOS or CHoCH at the bar it became known. */
export interface BreakAt {
  readonly t: number;
  readonly side: 1 | -1;
  readonly kind: 'bos' | 'choch';
  readonly level: number;
}

export interface DetectorLabels {
  /** Pattern class at each bar, from the swings known at that bar. */
  readonly patternClass: Uint8Array;
  readonly breaks: readonly BreakAt[];
}

/**
 * Runs the streaming price-action detectors over closed bars in order: at every bar only what was
 * knowable then (README of price-action: events carry `knownAtIndex`), so the labels never look ahead either.
 */
export function detectorLabels(bars: readonly Bar[]): DetectorLabels {
  const stream = new PriceActionStream();
  const cls = new Uint8Array(bars.length);
  const breaks: BreakAt[] = [];
  bars.forEach((bar, t) => {
    for (const e of stream.push(bar)) {
      if (e.kind === 'bos' || e.kind === 'choch') breaks.push({ t: e.knownAtIndex, side: e.side, kind: e.kind, level: e.level });
    }
    cls[t] = patternClass(detectPatterns(stream.swings.sequence, stream.series, t));
  });
  return { patternClass: cls, breaks };
}
