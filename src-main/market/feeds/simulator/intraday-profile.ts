/**
 * Shapes of an NSE session, minute by minute (375 minutes, 09:15–15:29). Index volatility is highest
 * in the first minutes after the open and rises again into the close; futures volume is heavier at both
 * ends, the close more so (positions squared off, the closing-price window). The constants are fitted
 * to 1-minute NIFTY/BANKNIFTY history by `calibration/check.ts`'s intraday profile (it prints both).
 */
export const SESSION_MINUTES = 375;

function uShape(firstMinute: number, openBoost: number, openDecayMin: number, closeBoost: number, closeDecayMin: number): Float64Array {
  const w = new Float64Array(SESSION_MINUTES);
  let sum = 0;
  for (let m = 0; m < SESSION_MINUTES; m++) {
    const v = 1 + (m === 0 ? firstMinute : 0) + openBoost * Math.exp(-m / openDecayMin) + closeBoost * Math.exp(-(SESSION_MINUTES - 1 - m) / closeDecayMin);
    w[m] = v;
    sum += v;
  }
  for (let m = 0; m < SESSION_MINUTES; m++) w[m]! /= sum;
  return w;
}

/**
 * Share of the session's return variance falling in each minute (sums to 1). The first minute carries
 * the reaction to the pre-open auction (about 40× a midday minute's variance in 2024); the index calms
 * slightly into the close, where the official close is a 30-minute average rather than a last trade.
 */
export const VOLATILITY_PROFILE: Float64Array = uShape(37, 3.2, 19, -0.3, 10);

/** Share of the session's futures volume traded in each minute (sums to 1). */
export const VOLUME_PROFILE: Float64Array = uShape(2, 2.2, 20, 1.6, 30);
