import type { SwingPoint } from './structure-rule.ts';

/** A line through two pivots, in bar-index time: price = anchor.level + slope * (t - anchor.index). */
export interface Trendline {
  readonly kind: 'support' | 'resistance';
  readonly from: SwingPoint;
  readonly to: SwingPoint;
  readonly slope: number;
}

export function lineAt(line: Trendline, t: number): number {
  return line.to.level + line.slope * (t - line.to.index);
}

/**
 * The latest trendlines from known pivots: support through the last two swing lows when they rise,
 * resistance through the last two swing highs when they fall (the classic trend lines; flat or
 * counter-sloped pairs are not trendlines). Pass the swings known at the bar you evaluate.
 */
export function latestTrendlines(swings: readonly SwingPoint[]): { support: Trendline | null; resistance: Trendline | null } {
  const lows = swings.filter((s) => s.side === -1).slice(-2);
  const highs = swings.filter((s) => s.side === 1).slice(-2);
  return { support: through(lows, 'support'), resistance: through(highs, 'resistance') };
}

function through(pair: readonly SwingPoint[], kind: Trendline['kind']): Trendline | null {
  const [a, b] = pair;
  if (a === undefined || b === undefined || b.index === a.index) return null;
  const slope = (b.level - a.level) / (b.index - a.index);
  if (kind === 'support' ? slope <= 0 : slope >= 0) return null;
  return { kind, from: a, to: b, slope };
}

/**
 * A break is a close through the line after the second pivot: below support (bearish, -1) or above
 * resistance (bullish, 1). `prevClose` must be on the line's side, so only the crossing bar reports.
 */
export function trendlineBreak(line: Trendline, t: number, prevClose: number, close: number): 1 | -1 | 0 {
  if (t <= line.to.index + 1) return 0;
  const now = lineAt(line, t);
  const before = lineAt(line, t - 1);
  if (line.kind === 'support') return prevClose >= before && close < now ? -1 : 0;
  return prevClose <= before && close > now ? 1 : 0;
}
