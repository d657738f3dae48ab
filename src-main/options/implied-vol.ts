import type { OptionRight } from '#model/instrument';
import { err, ok, type Result } from '#core/result';
import { erfcx, INV_SQRT_2PI, normCdf } from './normal.ts';

/**
 * Implied volatility with guaranteed convergence. The price is normalised to Jäckel's undiscounted
 * b = price·e^{rT}/√(FK) with x = ln(F/K), converted to the out-of-the-money side by parity, and solved
 * for s = σ√T by Newton steps on a transformed objective (ln b below the inflexion point s_c = √(2|x|),
 * ln(b_max − b) above it), both of which Newton approaches monotonically. Every step is kept inside a
 * bracket that bisection shrinks when Newton misbehaves, so the solver always terminates with the root.
 */
export type ImpliedVolFailure =
  | { readonly kind: 'invalid-input'; readonly message: string }
  /** Price below the discounted intrinsic value: arbitrage, no volatility reproduces it. */
  | { readonly kind: 'below-intrinsic'; readonly message: string; readonly intrinsic: number }
  /** Price at or above the upper bound (discounted F for a call, discounted K for a put). */
  | { readonly kind: 'above-maximum'; readonly message: string; readonly maximum: number }
  /** Time value too small to resolve in double precision: any σ in a wide band reproduces the price. */
  | { readonly kind: 'indeterminate'; readonly message: string; readonly estimate: number };

export interface ImpliedVol {
  readonly vol: number;
  readonly iterations: number;
}

const EPS = 2.220446049250313e-16;
const SQRT2 = Math.SQRT2;
const MAX_ITER = 100;
/** Relative σ uncertainty above which a solution is reported as indeterminate. */
export const INDETERMINATE_RELATIVE = 1e-9;

/** Normalised OTM call b(x, s) for x ≤ 0, accurate in relative terms down to underflow. */
export function normalisedOtmCall(x: number, s: number): number {
  if (s <= 0) return 0;
  const h = x / s;
  const t = s / 2;
  if (h + t >= 0) return Math.exp(x / 2) * normCdf(h + t) - Math.exp(-x / 2) * normCdf(h - t);
  // e^{x/2}N(h+t) − e^{−x/2}N(h−t) = ½e^{−(h²+t²)/2}[erfcx(−(h+t)/√2) − erfcx(−(h−t)/√2)]: no underflow
  // of the two terms separately and only mild cancellation.
  return 0.5 * Math.exp(-0.5 * (h * h + t * t)) * (erfcx(-(h + t) / SQRT2) - erfcx(-(h - t) / SQRT2));
}

/** ∂b/∂s of the normalised price. */
function normalisedVega(x: number, s: number): number {
  const h = x / s;
  const t = s / 2;
  return INV_SQRT_2PI * Math.exp(-0.5 * (h * h + t * t));
}

/** b_max − b(x, s) for x ≤ 0, computed without cancellation. */
function normalisedComplement(x: number, s: number): number {
  const h = x / s;
  const t = s / 2;
  return Math.exp(x / 2) * normCdf(-h - t) + Math.exp(-x / 2) * normCdf(h - t);
}

/**
 * Asymptotic starting points: below s_c, ln b ≈ −x²/(2s²); above it, b_max − b ≈ 2N(−s/2) with
 * N(−z) ≈ φ(z)/z. Newton then needs a handful of steps instead of walking in from s_c.
 */
function initialGuess(x: number, beta: number, bMax: number, sc: number, upper: boolean): number {
  if (upper) {
    const c = Math.max(bMax - beta, 1e-300);
    const z = Math.sqrt(Math.max(-2 * Math.log(c * Math.sqrt(Math.PI / 2)), 1e-6));
    const refined = Math.sqrt(Math.max(-2 * Math.log(c * Math.sqrt(Math.PI / 2) * z), 1e-6));
    return Math.max(2 * refined, sc * 1.0001, 1e-8);
  }
  const guess = -x / Math.sqrt(-2 * Math.log(beta));
  return Math.min(Math.max(guess, 1e-8), sc);
}

/**
 * Solves b(x, s) = beta for s, with x ≤ 0 and 0 < beta < e^{x/2}. A `start` on the root's side of the
 * inflexion point (the last solve of the same option) replaces the asymptotic guess: a small move of the
 * price or forward then needs a step or two. The stopping rules are the same, so the root is too.
 */
function solveNormalised(x: number, beta: number, noise: number, start?: number): { s: number; iterations: number } {
  const bMax = Math.exp(x / 2);
  const sc = Math.sqrt(-2 * x);
  const bc = normalisedOtmCall(x, sc);
  const upper = beta > bc;
  const target = upper ? Math.log(bMax - beta) : Math.log(beta);
  // Below this |f| the objective is rounding noise from the input: further steps only wander.
  const fNoise = upper ? noise / (bMax - beta) : noise / beta;
  // At x = 0 the inflexion point is s = 0, so every price is solved in the upper branch.
  let lo = upper ? sc : 0;
  let hi = upper ? Infinity : sc;
  const warm = start !== undefined && Number.isFinite(start) && (upper ? start > sc : start > 0 && start < sc);
  let s = warm ? start : initialGuess(x, beta, bMax, sc, upper);
  for (let i = 1; i <= MAX_ITER; i++) {
    const level = upper ? normalisedComplement(x, s) : normalisedOtmCall(x, s);
    const f = Math.log(level) - target;
    // The objective increases in s below the inflexion point and decreases above it.
    const belowRoot = Number.isFinite(f) ? (f < 0) !== upper : !upper;
    if (belowRoot) lo = Math.max(lo, s);
    else hi = Math.min(hi, s);
    if (Math.abs(f) <= fNoise) return { s, iterations: i };
    const slope = ((upper ? -1 : 1) * normalisedVega(x, s)) / level;
    let next = Number.isFinite(f) && Number.isFinite(slope) && slope !== 0 ? s - f / slope : NaN;
    if (!(next >= lo && next <= hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : Math.max(2 * s, 2 * lo, 1e-3);
    if (Math.abs(next - s) <= 1e-12 * s || (Number.isFinite(hi) && hi - lo <= 1e-12 * hi)) return { s: next, iterations: i };
    s = next;
  }
  return { s, iterations: MAX_ITER };
}

/**
 * Black-76 implied volatility from a discounted option price. For BSM on spot, pass F = S·e^{(r−q)T}.
 * `guessVol` (the option's last solved IV) starts the search there; the answer is the same root.
 */
export function impliedVolBlack76(
  right: OptionRight,
  price: number,
  F: number,
  K: number,
  T: number,
  r: number,
  guessVol?: number,
): Result<ImpliedVol, ImpliedVolFailure> {
  if (!(F > 0) || !(K > 0) || !(T > 0) || !Number.isFinite(price) || !Number.isFinite(r)) {
    return err({ kind: 'invalid-input', message: `need F, K, T > 0 and finite price and rate (F=${F}, K=${K}, T=${T}, price=${price})` });
  }
  const df = Math.exp(-r * T);
  const w = right === 'CE' ? 1 : -1;
  const intrinsic = df * Math.max(w * (F - K), 0);
  const maximum = df * (w === 1 ? F : K);
  // A price below intrinsic by float rounding only is not arbitrage: it falls through to 'indeterminate'.
  if (price < intrinsic - 16 * EPS * df * Math.max(F, K)) return err({ kind: 'below-intrinsic', message: `price ${price} is below the intrinsic value ${intrinsic}`, intrinsic });
  if (price >= maximum) return err({ kind: 'above-maximum', message: `price ${price} is at or above the upper bound ${maximum}`, maximum });
  const sqrtFK = Math.sqrt(F * K);
  const x = Math.log(F / K);
  const beta = price / df / sqrtFK;
  // Out-of-the-money side: b_call(x) − b_put(x) = e^{x/2} − e^{−x/2}; b_put(x) = b_call(−x).
  const itm = w * x > 0;
  const otm = itm ? beta - w * (Math.exp(x / 2) - Math.exp(-x / 2)) : beta;
  const xOtm = -Math.abs(x);
  const resolution = 8 * EPS * beta;
  if (otm <= resolution || otm * df * sqrtFK < 1e-290) {
    return err({ kind: 'indeterminate', message: `time value ${otm * df * sqrtFK} is below floating-point resolution`, estimate: 0 });
  }
  const { s, iterations } = solveNormalised(xOtm, otm, EPS * beta, guessVol === undefined ? undefined : guessVol * Math.sqrt(T));
  const vol = s / Math.sqrt(T);
  // Rounding in the price shifts σ by about resolution/vega; refuse when that exceeds 1e-9 relative.
  const sensitivity = resolution / normalisedVega(xOtm, s) / s;
  if (!(sensitivity < INDETERMINATE_RELATIVE)) {
    return err({ kind: 'indeterminate', message: `price carries no volatility information at this precision (±${(sensitivity * 100).toExponential(1)} %)`, estimate: vol });
  }
  return ok({ vol, iterations });
}

/** Black–Scholes–Merton implied volatility from spot with dividend yield q. */
export function impliedVolBsm(
  right: OptionRight,
  price: number,
  S: number,
  K: number,
  T: number,
  r: number,
  q: number,
): Result<ImpliedVol, ImpliedVolFailure> {
  return impliedVolBlack76(right, price, S * Math.exp((r - q) * T), K, T, r);
}
