import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { SignalDirection } from '#model/signal';
import { hasVolume, volumeUnavailable, type VolumeMissing } from '../buyers/volume.ts';
import type { Gate } from '../signals/pipeline.ts';

export interface PrimaryRule {
  readonly minMovePct: number;
  readonly volumeMultiple: number;
  readonly volumeAvgBars: number;
  readonly volumeMissing: VolumeMissing;
}

export interface PrimarySignal {
  readonly direction: Exclude<SignalDirection, 'neutral'>;
  /** Close-to-close move of the bar, percent (signed). */
  readonly movePct: number;
  /** The bar's volume over the average of the bars before it; undefined without volume. */
  readonly volumeRatio: number | undefined;
  /** The volume half of the rule, when it could be checked or blocks. */
  readonly gate: Gate | undefined;
  readonly notes: readonly string[];
}

/** Close-to-close move of the last bar (from the open when it is the first), percent. */
export function barMovePct(bars: readonly Bar[]): number | undefined {
  const last = bars.at(-1);
  if (!last) return undefined;
  const from = bars.length > 1 ? bars.at(-2)!.close : last.open;
  return ((last.close - from) / from) * 100;
}

/**
 * strategies.md: a 5-minute move > 0.45 % with volume > 2× average. `bars` end with the bar just closed.
 * Undefined when the move is not large enough (no evaluation); otherwise the direction, with the volume
 * half as a gate, or as a note when the bars carry no volume (an index).
 */
export function primarySignal(bars: readonly Bar[], index: InstrumentId, rule: PrimaryRule): PrimarySignal | undefined {
  const move = barMovePct(bars);
  if (move === undefined || !(Math.abs(move) > rule.minMovePct)) return undefined;
  const direction = move > 0 ? 'long' : 'short';
  const before = bars.slice(-1 - rule.volumeAvgBars, -1);
  const last = bars.at(-1)!;
  const name = `volume > ${rule.volumeMultiple}× the ${rule.volumeAvgBars}-bar average`;
  if (!hasVolume([...before, last])) {
    const u = volumeUnavailable(`primary signal ${name}`, index, rule.volumeMissing);
    return { direction, movePct: move, volumeRatio: undefined, gate: u.gate, notes: [u.note] };
  }
  const avg = before.reduce((s, b) => s + b.volume, 0) / Math.max(1, before.length);
  const ratio = avg > 0 ? last.volume / avg : Infinity;
  const passed = ratio > rule.volumeMultiple;
  const gate: Gate = { name: 'volume', passed, reason: `volume ${last.volume} is ${Number.isFinite(ratio) ? ratio.toFixed(2) : '∞'}× the ${before.length}-bar average ${passed ? '>' : '≤'} ${rule.volumeMultiple}×` };
  const notes = before.length < rule.volumeAvgBars ? [`average volume over ${before.length} of ${rule.volumeAvgBars} bars (history is short)`] : [];
  return { direction, movePct: move, volumeRatio: ratio, gate, notes };
}
