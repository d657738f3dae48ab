import { normCdf } from '#options/normal';

/** Sample moments of a return series as the deflated Sharpe ratio reads them (Bailey & López de Prado 2014). */
export interface Moments {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly sd: number;
  /** Skewness γ₃ (population form, as in the paper). */
  readonly skew: number;
  /** Kurtosis γ₄, not excess: 3 for a normal distribution. */
  readonly kurtosis: number;
}

export function moments(xs: readonly number[]): Moments {
  const n = xs.length;
  if (n < 2) throw new RangeError(`moments need at least two values, got ${n}`);
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = x - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const pop2 = m2 / n;
  return {
    n,
    mean,
    sd: Math.sqrt(m2 / (n - 1)),
    skew: pop2 > 0 ? m3 / n / pop2 ** 1.5 : 0,
    kurtosis: pop2 > 0 ? m4 / n / (pop2 * pop2) : 3,
  };
}

/** Per-period Sharpe ratio (mean over sample sd, no annualisation); null without variance. */
export function periodSharpe(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const m = moments(returns);
  return m.sd > 0 ? m.mean / m.sd : null;
}

export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  return moments(xs).sd ** 2;
}

// Acklam's rational approximation (relative error 1.15e-9), then one Halley step on normCdf, which is
// accurate to a few ulps: the result is good to double precision across (0, 1).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
const P_LOW = 0.02425;

/** Φ⁻¹(p): the standard normal quantile. */
export function normInv(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normInv needs 0 < p < 1, got ${p}`);
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const e = normCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
