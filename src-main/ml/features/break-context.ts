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
/** The indicator values at the bar a break became known that its features are made of. */
export interface BreakInputs {
  readonly tsStart: number;
  readonly close: number;
  readonly volume: number;
  readonly atr: number;
  readonly volumeMa: number;
  readonly roc5: number;
  readonly rsi: number;
  readonly macdHist: number;
  /** Bollinger(20, 2) bandwidth, a fraction. */
  readonly bandwidth: number;
}

/** The indicators behind the break context, with the periods the definition uses (streamed at inference). */
export const BREAK_PERIODS = { atr: 14, volumeMa: 20, roc: 5, rsi: 14, bollinger: 20, bollingerK: 2 } as const;

/**
 * The twelve features from the indicator values at the break's bar: the one definition, whether the
 * values come from a window of bars (training, `breakContext`) or from streaming indicators (inference).
 */
export function breakValues(v: BreakInputs, b: BreakArg, out: Float32Array, offset: number): boolean {
  if (!(v.atr > 0) || !(v.close > 0)) return false;
  const hasVolume = v.volumeMa > 0 ? 1 : 0;
  const tod = sessionFraction(v.tsStart) * 2 * Math.PI;
  out[offset] = b.side;
  out[offset + 1] = b.kind === 'choch' ? 1 : 0;
  out[offset + 2] = ((v.close - b.level) / v.atr) * b.side;
  out[offset + 3] = v.roc5 * b.side;
  out[offset + 4] = ((v.rsi - 50) / 50) * b.side;
  out[offset + 5] = (v.macdHist / v.atr) * b.side;
  out[offset + 6] = hasVolume ? v.volume / v.volumeMa : 1;
  out[offset + 7] = hasVolume;
  out[offset + 8] = (v.atr / v.close) * 100;
  out[offset + 9] = v.bandwidth * 100;
  out[offset + 10] = Math.sin(tod);
  out[offset + 11] = Math.cos(tod);
  return true;
}

export const breakContext: FeatureSet<BreakArg> = {
  id: 'break-context@1',
  window: 120,
  dims: [12],
  columns: ['side', 'choch', 'beyondAtr', 'roc5', 'rsiLean', 'macdHistAtr', 'volumeRatio', 'hasVolume', 'atrPct', 'bandwidthPct', 'todSin', 'todCos'],
  fromWindow(w, out, offset, b) {
    const t = w.length - 1;
    const p = BREAK_PERIODS;
    const inputs: BreakInputs = {
      tsStart: w.tsStart[t]!,
      close: w.close[t]!,
      volume: w.volume[t]!,
      atr: atrBatch(w, p.atr)[t]!,
      volumeMa: volumeMaBatch(w, p.volumeMa)[t]!,
      roc5: rocBatch(w.close, p.roc)[t]!,
      rsi: rsiBatch(w.close, p.rsi)[t]!,
      macdHist: macdBatch(w.close).histogram[t]!,
      bandwidth: bollingerBatch(w.close, p.bollinger, p.bollingerK).bandwidth[t]!,
    };
    return breakValues(inputs, b, out, offset);
  },
};
