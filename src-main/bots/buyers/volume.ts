import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Gate } from '../signals/pipeline.ts';

/**
 * Volume rules on an index. An index trades no volume: OpenAlgo and the simulator send its bars with
 * volume 0. The volume an index trader watches is the near-month future's, and the bot contract gives a
 * bot no futures series today (a requirement is fixed from the parameters, a future's symbol changes each
 * month). So each volume rule reads the bars it is given, applies itself when they carry volume, and
 * otherwise is reported as not applicable in the signal (or blocks the entry, when the trader says so).
 */
export type VolumeMissing = 'not-applicable' | 'block';

export const hasVolume = (bars: readonly Bar[]): boolean => bars.some((b) => b.volume > 0);

export interface VolumeUnavailable {
  /** A failed gate when `missing` is `block`. */
  readonly gate: Gate | undefined;
  readonly note: string;
}

/** What happens to the volume rule `rule` when `instrumentId`'s bars carry no volume. */
export function volumeUnavailable(rule: string, instrumentId: InstrumentId, missing: VolumeMissing): VolumeUnavailable {
  const why = `${instrumentId} bars carry no volume (an index trades none and no futures volume is in the bot's context)`;
  if (missing === 'block') {
    return { gate: { name: 'volume', passed: false, reason: `${rule} cannot be checked: ${why} (volumeMissing = block)` }, note: `${rule}: not checked, entry blocked` };
  }
  return { gate: undefined, note: `${rule}: not applicable, ${why}; the rule is not applied (volumeMissing = not-applicable)` };
}
