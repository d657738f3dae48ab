/**
 * A parametric IV surface for simulation. The ATM level comes from India VIX (a 30-day implied vol of
 * NIFTY); a power law in T gives the term structure, and a quadratic in the standardised moneyness
 * z = ln(K/F)/(σ_atm√T) gives the skew and smile (NIFTY: puts richer, negative skew).
 */
export interface SurfaceParams {
  /** India VIX level in percent (e.g. 13.5). */
  readonly vix: number;
  /** σ_atm(T) = vix/100 · (T / 30d)^termExponent; negative = short expiries richer. */
  readonly termExponent: number;
  /** dσ/σ per unit z. */
  readonly skew: number;
  /** d²σ/σ per unit z². */
  readonly smile: number;
  /** Lowest σ as a fraction of ATM, so deep wings stay sane. */
  readonly floorRatio: number;
  /** Highest σ as a multiple of ATM. */
  readonly capRatio: number;
}

export const DEFAULT_SURFACE: SurfaceParams = { vix: 14, termExponent: -0.06, skew: -0.09, smile: 0.025, floorRatio: 0.6, capRatio: 3 };

const T30 = 30 / 365;

export function atmVol(p: SurfaceParams, T: number): number {
  return (p.vix / 100) * Math.pow(Math.max(T, 1 / 525_600) / T30, p.termExponent);
}

export function surfaceVol(p: SurfaceParams, F: number, K: number, T: number): number {
  return surfaceSmile(p, T)(F, K);
}

/** `surfaceVol` at one expiry: the ATM level and √T worked out once for a whole chain of strikes. */
export function surfaceSmile(p: SurfaceParams, T: number): (F: number, K: number) => number {
  const atm = atmVol(p, T);
  const sd = atm * Math.sqrt(Math.max(T, 1 / 525_600));
  return (F, K) => {
    const z = Math.log(K / F) / sd;
    const ratio = 1 + p.skew * z + p.smile * z * z;
    return atm * Math.min(Math.max(ratio, p.floorRatio), p.capRatio);
  };
}
