/** One swing of the alternating sequence. */
export interface SwingPoint {
  readonly index: number;
  readonly side: 1 | -1;
  readonly level: number;
}

export type StructureKind = 'bos' | 'choch';

export interface StructureSignal {
  readonly kind: StructureKind;
  readonly side: 1 | -1;
  /** The swing b whose level must be broken; the signal is stamped at b's bar. */
  readonly at: SwingPoint;
}

/**
 * smc's rule on the last four alternating swings a, b, c, d (oldest first):
 * bullish BOS  L,H,L,H with a < c < b < d;  bearish BOS  H,L,H,L with a > c > b > d;
 * bullish CHoCH L,H,L,H with d > b > a > c; bearish CHoCH H,L,H,L with d < b < a < c.
 * When both a BOS and a CHoCH hold, smc keeps both flags; they cannot both hold, since c < a and a < c
 * exclude each other.
 */
export function classifyStructure(a: SwingPoint, b: SwingPoint, c: SwingPoint, d: SwingPoint): StructureSignal | null {
  const bullOrder = a.side === -1 && b.side === 1 && c.side === -1 && d.side === 1;
  const bearOrder = a.side === 1 && b.side === -1 && c.side === 1 && d.side === -1;
  const [la, lb, lc, ld] = [a.level, b.level, c.level, d.level];
  if (bullOrder && la < lc && lc < lb && lb < ld) return { kind: 'bos', side: 1, at: b };
  if (bearOrder && la > lc && lc > lb && lb > ld) return { kind: 'bos', side: -1, at: b };
  if (bullOrder && ld > lb && lb > la && la > lc) return { kind: 'choch', side: 1, at: b };
  if (bearOrder && ld < lb && lb < la && la < lc) return { kind: 'choch', side: -1, at: b };
  return null;
}

/** close_break=True: a bullish level breaks on a close above it, a bearish one on a close below. */
export function breaksLevel(side: 1 | -1, close: number, level: number): boolean {
  return side === 1 ? close > level : close < level;
}
