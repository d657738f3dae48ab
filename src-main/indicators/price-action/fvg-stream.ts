import type { LiveSeries } from './types.ts';
import type { FvgEvent, FvgMitigatedEvent } from './events.ts';
import { gapAt, mitigatesGap, type Gap } from './fvg-rule.ts';

export interface OpenGap extends Gap {
  readonly index: number;
}

/**
 * Causal fair value gaps: the gap at candle i needs candle i+1, so it is known when i+1 closes;
 * its mitigation is known at the mitigating bar (the first from i+2 on that trades back into it).
 */
export class FvgStream {
  /** Unmitigated gaps, oldest first. */
  open: OpenGap[] = [];

  onBar(series: LiveSeries, t: number): (FvgEvent | FvgMitigatedEvent)[] {
    const out: (FvgEvent | FvgMitigatedEvent)[] = [];
    this.open = this.open.filter((g) => {
      if (!mitigatesGap(series, t, g)) return true;
      out.push({ ...series.stamp(g.index, t), kind: 'fvg-mitigated', side: g.side, top: g.top, bottom: g.bottom, mitigatedIndex: t });
      return false;
    });
    const g = gapAt(series, t - 1);
    if (g !== null) {
      this.open.push({ ...g, index: t - 1 });
      out.push({ ...series.stamp(t - 1, t), kind: 'fvg', side: g.side, top: g.top, bottom: g.bottom });
    }
    return out;
  }
}
