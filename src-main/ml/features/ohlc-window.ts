import type { FeatureSet } from './feature-set.ts';

export const OHLC_STEPS = 48;

/**
 * The last 48 bars' open, high, low and close relative to the last close, in units of the window's mean
 * bar range: [48, 4]. Scale-free, so one model reads NIFTY and BANKNIFTY alike.
 */
export const ohlcWindow: FeatureSet = {
  id: 'ohlc-window@1',
  window: OHLC_STEPS,
  dims: [OHLC_STEPS, 4],
  columns: ['open', 'high', 'low', 'close'],
  fromWindow(w, out, offset) {
    const last = w.close[w.length - 1]!;
    if (!(last > 0)) return false;
    let range = 0;
    for (let i = 0; i < w.length; i++) range += (w.high[i]! - w.low[i]!) / last;
    const scale = Math.max(range / w.length, 1e-6);
    for (let i = 0; i < w.length; i++) {
      const o = offset + i * 4;
      out[o] = (w.open[i]! / last - 1) / scale;
      out[o + 1] = (w.high[i]! / last - 1) / scale;
      out[o + 2] = (w.low[i]! / last - 1) / scale;
      out[o + 3] = (w.close[i]! / last - 1) / scale;
    }
    return true;
  },
};
