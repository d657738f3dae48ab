import { PriceActionStream } from '#indicators/price-action/index';
import type { Bar } from '#model/bar';

export interface FreshBreak {
  readonly side: 1 | -1;
  readonly kind: 'bos' | 'choch';
  readonly level: number;
  readonly tsKnown: number;
  /** Bars between the bar the break became known at and the latest bar (0: the latest). */
  readonly barsAgo: number;
}

/**
 * The streaming price-action detectors over one instrument's closed bars, fed as they close, for the
 * structure-break validator. When bars were missed (the first call, or a gap longer than the window the
 * caller passes) it starts again from that window, which is how the training labels were made too:
 * causally, from the bars known at each step.
 */
export class PriceActionTracker {
  private stream = new PriceActionStream();
  private lastTs: number | undefined;

  /** Feeds the bars of `window` (oldest first, closed) not yet seen and returns the latest structure break, if any. */
  update(window: readonly Bar[]): { readonly break: FreshBreak | undefined } {
    const first = window[0];
    if (!first) return { break: undefined };
    if (this.lastTs === undefined || first.tsStart > this.lastTs || (window.at(-1)?.tsStart ?? 0) < this.lastTs) {
      this.stream = new PriceActionStream();
      this.lastTs = undefined;
    }
    for (const bar of window) {
      if (this.lastTs !== undefined && bar.tsStart <= this.lastTs) continue;
      this.stream.push(bar);
      this.lastTs = bar.tsStart;
    }
    const e = this.stream.structure.lastEvent;
    if (!e) return { break: undefined };
    return { break: { side: e.side, kind: e.kind, level: e.level, tsKnown: e.tsKnown, barsAgo: this.stream.series.length - 1 - e.knownAtIndex } };
  }
}
