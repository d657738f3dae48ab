import { roundToTick } from '#model/instrument';

/**
 * Building blocks of scripted spot paths, one value per minute from 09:15 (375 on a regular session),
 * rounded to the index's 0.05 so every price in a test is a clean number.
 */
export const SESSION_MINUTES = 375;

/**
 * A market swinging ±`amplitude` around `level` every `period` minutes. The default 37-minute swing is
 * too fast for 5-minute swing points (a pivot needs 5 bars each side), so it shows no structure at all.
 */
export function quiet(level: number, amplitude = 15, period = 37, minutes = SESSION_MINUTES): number[] {
  return Array.from({ length: minutes }, (_, i) => roundToTick(level + amplitude * Math.sin((2 * Math.PI * i) / period), 0.05));
}

/** `base` until minute `from`, then a straight move by `by` points reaching it at minute `to`, then held there. */
export function move(base: readonly number[], from: number, to: number, by: number): number[] {
  return base.map((v, i) => roundToTick(v + by * Math.min(1, Math.max(0, (i - from) / Math.max(1, to - from))), 0.05));
}

/** A daily history that drifts between `low` and `high` in a slow cycle: quiet, range-bound days. */
export function dailyCycle(days: number, low: number, high: number, period = 6): number[] {
  return Array.from({ length: days }, (_, i) => low + ((high - low) * (i % period)) / (period - 1));
}

/** A level that steps from `from` to `to` at minute `at` (India VIX jumping or collapsing). */
export function step(from: number, to: number, at: number, minutes = SESSION_MINUTES): number[] {
  return Array.from({ length: minutes }, (_, i) => (i < at ? from : to));
}
