import { adxBatch } from '#indicators/adx';
import { atrBatch } from '#indicators/atr';
import { bollingerBatch } from '#indicators/bollinger';
import type { FeatureSet } from './feature-set.ts';

/**
 * The regime classifier's inputs, the very `RegimeInputs` the bots read from their studies
 * (signals/regime.ts): ADX(14), ATR(14) as % of the close, Bollinger(20, 2) bandwidth in %, and India
 * VIX's last close. 300 bars let ADX's double Wilder smoothing forget its start, so these match the
 * streaming values the bots pass at inference to 1e-6 (window-vs-stream.test.ts).
 */
export interface RegimeInputValues {
  readonly adx?: number;
  readonly atrPct?: number;
  readonly bandwidthPct?: number;
  readonly vix?: number;
}

export const REGIME_COLUMNS = ['adx', 'atrPct', 'bandwidthPct', 'vix'] as const;

/** `vix` is the argument (NaN when not known): the window holds the index's own bars only. */
export const regimeFeatures: FeatureSet<number> = {
  id: 'regime-inputs@1',
  window: 300,
  dims: [REGIME_COLUMNS.length],
  columns: REGIME_COLUMNS,
  optional: ['vix'],
  fromWindow(w, out, offset, vix) {
    const t = w.length - 1;
    const close = w.close[t]!;
    if (!(close > 0)) return false;
    out[offset] = adxBatch(w, 14).adx[t]!;
    out[offset + 1] = (atrBatch(w, 14)[t]! / close) * 100;
    out[offset + 2] = bollingerBatch(w.close, 20, 2).bandwidth[t]! * 100;
    out[offset + 3] = vix;
    return true;
  },
};

/** The same four values from what a bot passes to `RegimeSource.classify`; undefined stays NaN. */
export function regimeRow(inputs: RegimeInputValues): number[] {
  return [inputs.adx ?? NaN, inputs.atrPct ?? NaN, inputs.bandwidthPct ?? NaN, inputs.vix ?? NaN];
}
