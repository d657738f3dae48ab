import { normCdf } from './normal.ts';

/**
 * IV rank: where today's ATM IV sits between the window's low and high, 0–100. Undefined on a flat or
 * empty history.
 */
export function ivRank(history: readonly number[], current: number): number | undefined {
  if (history.length === 0) return undefined;
  const lo = Math.min(...history);
  const hi = Math.max(...history);
  return hi > lo ? (Math.min(Math.max(current, lo), hi) - lo) / (hi - lo) * 100 : undefined;
}

/**
 * IV percentile: the share of the window's days with ATM IV strictly below today's, 0–100 (ties are not
 * lower, so a flat history reads 0). `history` holds the previous days only. The one definition in the
 * project: `#indicators/iv-percentile` counts the same way.
 */
export function ivPercentile(history: readonly number[], current: number): number | undefined {
  if (history.length === 0) return undefined;
  let below = 0;
  for (const v of history) if (v < current) below++;
  return (below / history.length) * 100;
}

/** One-standard-deviation move of the forward to expiry: F·σ·√T (σ decimal, T years). */
export function expectedMove(F: number, sigma: number, T: number): number {
  return F * sigma * Math.sqrt(T);
}

/** Risk-neutral probability that F_T ends above K under Black-76: N(d2). */
export function probabilityAbove(F: number, K: number, sigma: number, T: number): number {
  const sd = sigma * Math.sqrt(T);
  return normCdf((Math.log(F / K) - (sd * sd) / 2) / sd);
}

/** Probability of expiring strictly between `lower` and `upper`. */
export function probabilityInRange(F: number, lower: number, upper: number, sigma: number, T: number): number {
  return probabilityAbove(F, lower, sigma, T) - probabilityAbove(F, upper, sigma, T);
}
