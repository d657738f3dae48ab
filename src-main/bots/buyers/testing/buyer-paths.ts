import { roundToTick } from '#model/instrument';
import { SESSION_MINUTES } from '#bots/testing/paths';

/**
 * Scripted spot paths for the buyer tests, one value per minute from 09:15, on the index's 0.05 tick.
 */

/**
 * Every `period` minutes a quick dip of `dip` points, then a steady climb that closes the block `net`
 * points above where it began: bars that close at their highs (accumulation) while the range stays the
 * same (no expansion). A negative `net` and `dip` mirror it into distribution.
 */
export function sawtooth(level: number, dip: number, net: number, period = 15, minutes = SESSION_MINUTES): number[] {
  return Array.from({ length: minutes }, (_, i) => {
    const block = Math.floor(i / period);
    const k = i % period;
    const start = level + block * net;
    const v = k === 0 ? start - dip : start - dip + ((dip + net) * k) / (period - 1);
    return roundToTick(v, 0.05);
  });
}

/** A swing of ±`amplitude` with period `period` minutes around a level drifting `drift` points a minute. */
export function wave(level: number, amplitude: number, period: number, drift = 0, minutes = SESSION_MINUTES): number[] {
  return Array.from({ length: minutes }, (_, i) => roundToTick(level + amplitude * Math.sin((2 * Math.PI * i) / period) + drift * i, 0.05));
}

/**
 * `base` until minute `at`, then a two-bar burst on 5-minute bars: `first` points over the bar starting
 * at `at` (which should start a 5-minute bar), `second` over the next one, then `after` points a minute.
 */
export function burst(base: readonly number[], at: number, first: number, second: number, after = 0.2): number[] {
  const from = base[Math.max(0, at - 1)]!;
  return base.map((v, i) => {
    if (i < at) return v;
    const k = i - at;
    const x = k < 5 ? (first * (k + 1)) / 5 : k < 10 ? first + (second * (k - 4)) / 5 : first + second + after * (k - 9);
    return roundToTick(from + x, 0.05);
  });
}

/** `base` until minute `at`, then a straight move of `by` points over `over` minutes, then `after` points a minute. */
export function ramp(base: readonly number[], at: number, by: number, over: number, after = 0): number[] {
  const from = base[Math.max(0, at - 1)]!;
  return base.map((v, i) => (i < at ? v : roundToTick(from + by * Math.min(1, (i - at + 1) / over) + after * Math.max(0, i - at - over + 1), 0.05)));
}
