import { bsm, displayGreeks, type DisplayGreeks } from '#options/black';
import { impliedVolBsm } from '#options/implied-vol';

/**
 * The simulator prices its option chains with the project's own Black-Scholes, so what OpenAlgo-sim
 * quotes and what the terminal computes agree. Greeks come in trader units: theta per calendar day,
 * vega and rho per point.
 */
export type Greeks = DisplayGreeks;

/** `years` to expiry, `vol` and `rate` as fractions; no dividend yield. */
export function blackScholes(spot: number, strike: number, years: number, vol: number, rate: number, right: 'CE' | 'PE'): Greeks {
  return displayGreeks(bsm(right, spot, strike, Math.max(years, 1e-6), rate, 0, vol), 'calendar');
}

/** The simulator's own quotes always carry information, but a degenerate one falls back to a floor vol. */
export function impliedVol(target: number, spot: number, strike: number, years: number, rate: number, right: 'CE' | 'PE'): number {
  const r = impliedVolBsm(right, target, spot, strike, Math.max(years, 1e-6), rate, 0);
  return r.ok ? r.value.vol : 0.001;
}
