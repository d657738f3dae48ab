import { atrBatch } from '#indicators/atr';
import { bollingerBatch } from '#indicators/bollinger';
import { macdBatch } from '#indicators/macd';
import { rocBatch } from '#indicators/roc';
import { rsiBatch } from '#indicators/rsi';
import { volumeMaBatch } from '#indicators/volume-ma';
import type { FeatureSet } from './feature-set.ts';
import { sessionFraction } from './time-of-day.ts';

/** A structure break as the price-action detectors report it (`StructureEvent`): its side, kind and level. */
export interface BreakArg {
  readonly side: 1 | -1;
  readonly kind: 'bos' | 'choch';
  readonly level: number;
}

/**
 * What the structure-break validator reads at the bar a BOS or CHoCH became known (strategies.md:
 * momentum, volume, volatility and time of day). Momentum is signed by the break's side, so "with the
 * break" is positive whichever way it broke. Indices carry no volume: then the ratio is 1 and
 * `hasVolume` 0.
 */
export const breakContext: FeatureSet<BreakArg> = {
  id: 'break-context@1',
  window: 120,
  dims: [12],
  columns: ['side', 'choch', 'beyondAtr', 'roc5', 'rsiLean', 'macdHistAtr', 'volumeRatio', 'hasVolume', 'atrPct', 'bandwidthPct', 'todSin', 'todCos'],
  fromWindow(w, out, offset, b) {
    const t = w.length - 1;
    const close = w.close[t]!;
    const atr = atrBatch(w, 14)[t]!;
    if (!(atr > 0) || !(close > 0)) return false;
    const vma = volumeMaBatch(w, 20)[t]!;
    const hasVolume = vma > 0 ? 1 : 0;
    const tod = sessionFraction(w.tsStart[t]!) * 2 * Math.PI;
    const values = [
      b.side,
      b.kind === 'choch' ? 1 : 0,
      ((close - b.level) / atr) * b.side,
      rocBatch(w.close, 5)[t]! * b.side,
      ((rsiBatch(w.close, 14)[t]! - 50) / 50) * b.side,
      (macdBatch(w.close).histogram[t]! / atr) * b.side,
      hasVolume ? w.volume[t]! / vma : 1,
      hasVolume,
      (atr / close) * 100,
      bollingerBatch(w.close, 20, 2).bandwidth[t]! * 100,
      Math.sin(tod),
      Math.cos(tod),
    ];
    values.forEach((v, i) => (out[offset + i] = v));
    return true;
  },
};
