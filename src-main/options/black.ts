import type { OptionRight } from '#model/instrument';
import { erfc, normCdf, normPdf } from './normal.ts';

/**
 * Black-76 on the future (what NSE/Sensibull-style chains use: F from the futures or the synthetic
 * forward) and Black–Scholes–Merton on spot with a continuous dividend yield. Greeks are raw
 * derivatives: vega per 1.00 of σ, theta per year of calendar time, rho per 1.00 of r. Use
 * `displayGreeks` for per-point / per-day units. T ≤ 0 is an expired option: its value is the
 * undiscounted intrinsic value (a negative T never discounts by more than 1).
 */
export interface Greeks {
  readonly price: number;
  /** ∂V/∂F for Black-76 (includes e^{-rT}); ∂V/∂S for BSM. */
  readonly delta: number;
  readonly gamma: number;
  readonly vega: number;
  readonly theta: number;
  readonly rho: number;
}

const sign = (right: OptionRight): 1 | -1 => (right === 'CE' ? 1 : -1);

export function black76Price(right: OptionRight, F: number, K: number, T: number, r: number, sigma: number): number {
  if (T <= 0) return Math.max(sign(right) * (F - K), 0);
  const df = Math.exp(-r * T);
  if (sigma <= 0) return df * Math.max(sign(right) * (F - K), 0);
  const sd = sigma * Math.sqrt(T);
  const d1 = Math.log(F / K) / sd + sd / 2;
  const w = sign(right);
  return df * w * (F * normCdf(w * d1) - K * normCdf(w * (d1 - sd)));
}

export function black76(right: OptionRight, F: number, K: number, T: number, r: number, sigma: number): Greeks {
  if (T < 0) return black76(right, F, K, 0, r, sigma);
  const w = sign(right);
  const df = Math.exp(-r * T);
  if (T === 0 || sigma <= 0) {
    const itm = w * (F - K) > 0;
    const price = df * Math.max(w * (F - K), 0);
    return { price, delta: itm ? w * df : 0, gamma: 0, vega: 0, theta: r * price, rho: -T * price };
  }
  const sqrtT = Math.sqrt(T);
  const sd = sigma * sqrtT;
  const d1 = Math.log(F / K) / sd + sd / 2;
  const d2 = d1 - sd;
  const pdf = normPdf(d1);
  const nd1 = normCdf(w * d1);
  const price = df * w * (F * nd1 - K * normCdf(w * d2));
  return {
    price,
    delta: df * w * nd1,
    gamma: (df * pdf) / (F * sd),
    vega: df * F * pdf * sqrtT,
    theta: (-df * F * pdf * sigma) / (2 * sqrtT) + r * price,
    rho: -T * price,
  };
}

/**
 * Both rights at one strike, as `black76` gives each bit for bit, for the price of one: N(x) and N(−x)
 * come from the same erfc(|x|/√2) that `normCdf` evaluates for either (erfc of a negative argument is
 * 2 − erfc of its magnitude), so a chain row costs two erfc evaluations instead of six.
 */
export function black76Pair(F: number, K: number, T: number, r: number, sigma: number): { readonly CE: Greeks; readonly PE: Greeks } {
  if (!(T > 0) || !(sigma > 0)) return { CE: black76('CE', F, K, T, r, sigma), PE: black76('PE', F, K, T, r, sigma) };
  const df = Math.exp(-r * T);
  const sqrtT = Math.sqrt(T);
  const sd = sigma * sqrtT;
  const d1 = Math.log(F / K) / sd + sd / 2;
  const d2 = d1 - sd;
  const pdf = normPdf(d1);
  const e1 = erfc(Math.abs(d1) / Math.SQRT2);
  const e2 = erfc(Math.abs(d2) / Math.SQRT2);
  const up1 = d1 > 0 ? 0.5 * (2 - e1) : 0.5 * e1;
  const down1 = d1 > 0 ? 0.5 * e1 : 0.5 * (2 - e1);
  const up2 = d2 > 0 ? 0.5 * (2 - e2) : 0.5 * e2;
  const down2 = d2 > 0 ? 0.5 * e2 : 0.5 * (2 - e2);
  const gamma = (df * pdf) / (F * sd);
  const vega = df * F * pdf * sqrtT;
  const decay = (-df * F * pdf * sigma) / (2 * sqrtT);
  const side = (w: 1 | -1, n1: number, n2: number): Greeks => {
    const price = df * w * (F * n1 - K * n2);
    return { price, delta: df * w * n1, gamma, vega, theta: decay + r * price, rho: -T * price };
  };
  return { CE: side(1, up1, up2), PE: side(-1, down1, down2) };
}

export function bsm(right: OptionRight, S: number, K: number, T: number, r: number, q: number, sigma: number): Greeks {
  if (T < 0) return bsm(right, S, K, 0, r, q, sigma);
  const w = sign(right);
  const dq = Math.exp(-q * T);
  const dr = Math.exp(-r * T);
  if (T === 0 || sigma <= 0) {
    const fwdIntrinsic = w * (S * dq - K * dr);
    const price = Math.max(fwdIntrinsic, 0);
    return { price, delta: fwdIntrinsic > 0 ? w * dq : 0, gamma: 0, vega: 0, theta: 0, rho: fwdIntrinsic > 0 ? w * K * T * dr : 0 };
  }
  const sqrtT = Math.sqrt(T);
  const sd = sigma * sqrtT;
  const d1 = (Math.log(S / K) + (r - q) * T) / sd + sd / 2;
  const d2 = d1 - sd;
  const pdf = normPdf(d1);
  const nd1 = normCdf(w * d1);
  const nd2 = normCdf(w * d2);
  return {
    price: w * (S * dq * nd1 - K * dr * nd2),
    delta: w * dq * nd1,
    gamma: (dq * pdf) / (S * sd),
    vega: S * dq * pdf * sqrtT,
    theta: (-S * dq * pdf * sigma) / (2 * sqrtT) - w * r * K * dr * nd2 + w * q * S * dq * nd1,
    rho: w * K * T * dr * nd2,
  };
}

/** d1 and d2 of Black-76; of BSM when called with F = S·e^{(r−q)T}. */
export function d1d2(F: number, K: number, T: number, sigma: number): { d1: number; d2: number } {
  const sd = sigma * Math.sqrt(T);
  const d1 = Math.log(F / K) / sd + sd / 2;
  return { d1, d2: d1 - sd };
}

export const DayBasis = { calendar: 'calendar', trading: 'trading' } as const;
export type DayBasis = (typeof DayBasis)[keyof typeof DayBasis];

/** Days per year of each time basis: T in calendar years (÷365) or trading years (÷252, Sensibull). */
export const DAYS_PER_YEAR: Readonly<Record<DayBasis, number>> = { calendar: 365, trading: 252 };

export interface DisplayGreeks {
  readonly price: number;
  readonly delta: number;
  readonly gamma: number;
  /** Per 1 vol point (σ + 0.01). */
  readonly vega: number;
  /** Per day of the basis the T was measured in. */
  readonly theta: number;
  /** Per 1 % of rate. */
  readonly rho: number;
}

/**
 * Trader units. `basis` must match how T was measured: with calendar T, theta per calendar day is
 * Θ/365; with T in trading years, theta per trading day is Θ/252.
 */
export function displayGreeks(g: Greeks, basis: DayBasis = 'calendar'): DisplayGreeks {
  return { price: g.price, delta: g.delta, gamma: g.gamma, vega: g.vega * 0.01, theta: g.theta / DAYS_PER_YEAR[basis], rho: g.rho * 0.01 };
}
