/**
 * Standard normal functions accurate to a few ulps across the whole axis, including the far tails the
 * implied-volatility solver lives in (N(-10) ≈ 7.6e-24 must keep its relative precision).
 *
 * erfc uses the all-positive series for erf below 2.5 (no alternating cancellation) and Lentz's
 * continued fraction above, where it converges quickly; erfcx(x) = exp(x²)·erfc(x) is the scaled form
 * that never underflows.
 */
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT2 = Math.SQRT2;
export const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const SERIES_LIMIT = 2.5;

/** exp(-x²)·Σ 2ⁿx^(2n+1)/(2n+1)!! · 2/√π = erf(x) for x ≥ 0 (all terms positive). */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return ((2 / SQRT_PI) * Math.exp(-x2)) * sum;
}

/** erfcx(x) for x ≥ SERIES_LIMIT by the continued fraction 1/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))). */
function erfcxContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / (SQRT_PI * f);
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) return 1 - erfSeries(x);
  if (x > 27) return 0;
  return Math.exp(-x * x) * erfcxContinuedFraction(x);
}

/** exp(x²)·erfc(x), for x ≥ 0 without underflow. */
export function erfcx(x: number): number {
  if (x < SERIES_LIMIT) return Math.exp(x * x) * (1 - erfSeries(x));
  return erfcxContinuedFraction(x);
}

export function normCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

export function normPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}
