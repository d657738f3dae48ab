import { Atr } from '#indicators/atr';
import type { Bar } from '#model/bar';

export interface PredictiveRange {
  /** The range's centre. */
  readonly average: number;
  /** Lowest to highest: centre − 1 step, − ½ step, centre, + ½ step, + 1 step. */
  readonly levels: readonly [number, number, number, number, number];
  /** ATR of the last bar (one ATR, not the step). */
  readonly atr: number;
}

/**
 * An ATR-based predictive range (after LuxAlgo's "Predictive Ranges"): the centre starts at the first
 * close with an ATR and moves by one step (ATR × `factor`) whenever a close leaves it by more than a
 * step; the boundaries sit half a step and one step either side. Folded over `bars` oldest first, so the
 * same bars always give the same range. Undefined until the ATR is ready.
 */
export function predictiveRange(bars: readonly Bar[], atrPeriod: number, factor: number): PredictiveRange | undefined {
  const atr = new Atr(atrPeriod);
  let average = NaN;
  let half = NaN;
  for (const b of bars) {
    atr.update(b);
    if (!atr.isReady) continue;
    const step = atr.value * factor;
    if (Number.isNaN(average)) {
      average = b.close;
      half = step / 2;
    } else if (b.close - average > step) {
      average += step;
      half = step / 2;
    } else if (average - b.close > step) {
      average -= step;
      half = step / 2;
    }
  }
  if (Number.isNaN(average)) return undefined;
  return { average, levels: [average - 2 * half, average - half, average, average + half, average + 2 * half], atr: atr.value };
}

/**
 * The boundary that supports a trade at `price`: for a long the highest level at or below it, for a
 * short the lowest at or above it; and the distance to it in ATRs. Undefined when price is beyond the
 * outermost level on the wrong side (nothing under a long, nothing over a short).
 */
export function supportingBoundary(range: PredictiveRange, price: number, direction: 'long' | 'short'): { level: number; distanceAtr: number } | undefined {
  const level = direction === 'long' ? [...range.levels].reverse().find((l) => l <= price) : range.levels.find((l) => l >= price);
  if (level === undefined) return undefined;
  return { level, distanceAtr: Math.abs(price - level) / range.atr };
}
