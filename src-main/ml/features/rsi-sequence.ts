import { rsiBatch } from '#indicators/rsi';
import type { FeatureSet } from './feature-set.ts';

/** RSI values the LSTM reads (strategies.md: the last 25). */
export const RSI_STEPS = 25;
export const RSI_PERIOD = 14;
/**
 * Bars before the first of the 25 values: Wilder's smoothing remembers (13/14)^n of its start, 4e-7
 * after 200 bars, so these values match the streaming RSI of the bots' studies (to 1e-3 RSI points,
 * window-vs-stream.test.ts).
 */
const BURN_IN = 200;

/** The last 25 RSI(14) values of the window's closes, oldest first: [25, 1]. */
export const rsiSequence: FeatureSet = {
  id: 'rsi-sequence@1',
  window: RSI_STEPS + BURN_IN,
  dims: [RSI_STEPS, 1],
  columns: ['rsi14'],
  fromWindow(w, out, offset) {
    const rsi = rsiBatch(w.close, RSI_PERIOD);
    const first = w.length - RSI_STEPS;
    for (let k = 0; k < RSI_STEPS; k++) out[offset + k] = rsi[first + k]!;
    return true;
  },
};
