/**
 * Black-Scholes on the spot, enough to give the simulator's options believable prices and Greeks. The
 * project's options module owns the real pricing; the simulator only has to be self-consistent.
 */
export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

function cdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = 0.3989422804014327 * Math.exp((-x * x) / 2);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - p : p;
}

const pdf = (x: number): number => 0.3989422804014327 * Math.exp((-x * x) / 2);

/** `years` to expiry, `vol` and `rate` as fractions. Theta per day, vega and rho per 1 point. */
export function blackScholes(spot: number, strike: number, years: number, vol: number, rate: number, right: 'CE' | 'PE'): Greeks {
  const t = Math.max(years, 1e-6);
  const sq = vol * Math.sqrt(t);
  const d1 = (Math.log(spot / strike) + (rate + (vol * vol) / 2) * t) / sq;
  const d2 = d1 - sq;
  const disc = Math.exp(-rate * t);
  const call = right === 'CE';
  const price = call ? spot * cdf(d1) - strike * disc * cdf(d2) : strike * disc * cdf(-d2) - spot * cdf(-d1);
  const delta = call ? cdf(d1) : cdf(d1) - 1;
  const gamma = pdf(d1) / (spot * sq);
  const vega = (spot * pdf(d1) * Math.sqrt(t)) / 100;
  const thetaYear = (-spot * pdf(d1) * vol) / (2 * Math.sqrt(t)) - (call ? rate * strike * disc * cdf(d2) : -rate * strike * disc * cdf(-d2));
  const rho = (call ? strike * t * disc * cdf(d2) : -strike * t * disc * cdf(-d2)) / 100;
  return { price: Math.max(price, 0), delta, gamma, theta: thetaYear / 365, vega, rho };
}

export function impliedVol(target: number, spot: number, strike: number, years: number, rate: number, right: 'CE' | 'PE'): number {
  let lo = 0.001;
  let hi = 5;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (blackScholes(spot, strike, years, mid, rate, right).price > target) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
