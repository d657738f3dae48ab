import type { LiveSeries } from './types.ts';
import type { StructureEvent } from './events.ts';
import { breaksLevel, classifyStructure, type StructureSignal, type SwingPoint } from './structure-rule.ts';

/**
 * Causal BOS / CHoCH on the provisional swing sequence. The four-swing pattern is evaluated whenever
 * its newest swing d appears or is replaced; a replacement only makes d more extreme, which keeps a
 * pattern that already held, so a detected pattern is never withdrawn. The event is emitted when the
 * first close from b+2 on crosses b's level: known at max(pattern confirmed, break bar).
 * Unlike the batch, no earlier signal is deleted when a later one breaks first (that needs hindsight).
 */
export class StructureStream {
  /** Compare closes with the level rounded to float32, as smc's numpy arrays do (reference tests only). */
  private readonly float32Levels: boolean;
  private readonly evaluated = new Set<number>();
  private pending: { sig: StructureSignal; confirmIndex: number }[] = [];
  /** The side of the last emitted structure event: 1 bullish, -1 bearish, 0 none yet. */
  trend: 0 | 1 | -1 = 0;
  lastEvent: StructureEvent | null = null;

  constructor(opts: { readonly float32Levels?: boolean } = {}) {
    this.float32Levels = opts.float32Levels ?? false;
  }

  private breaks(sig: StructureSignal, close: number): boolean {
    return breaksLevel(sig.side, close, this.float32Levels ? Math.fround(sig.at.level) : sig.at.level);
  }

  /** Call once per bar, after the swing stream has seen the bar. */
  onBar(series: LiveSeries, t: number, sequence: readonly SwingPoint[]): StructureEvent[] {
    const out: StructureEvent[] = [];
    const stillPending: typeof this.pending = [];
    for (const p of this.pending) {
      if (this.breaks(p.sig, series.close[t] as number)) out.push(this.emit(series, p.sig, p.confirmIndex, t, t));
      else stillPending.push(p);
    }
    this.pending = stillPending;
    if (sequence.length >= 4) {
      const [a, b, c, d] = sequence.slice(-4) as [SwingPoint, SwingPoint, SwingPoint, SwingPoint];
      const sig = this.evaluated.has(b.index) ? null : classifyStructure(a, b, c, d);
      if (sig !== null) {
        this.evaluated.add(b.index);
        let broken = -1;
        for (let j = b.index + 2; j <= t; j++) {
          if (this.breaks(sig, series.close[j] as number)) {
            broken = j;
            break;
          }
        }
        if (broken >= 0) out.push(this.emit(series, sig, d.index, broken, t));
        else this.pending.push({ sig, confirmIndex: d.index });
      }
    }
    return out;
  }

  private emit(series: LiveSeries, sig: StructureSignal, confirmIndex: number, broken: number, t: number): StructureEvent {
    const ev: StructureEvent = {
      ...series.stamp(sig.at.index, t),
      kind: sig.kind,
      side: sig.side,
      level: sig.at.level,
      brokenIndex: broken,
      confirmIndex,
    };
    this.trend = sig.side;
    this.lastEvent = ev;
    return ev;
  }
}
