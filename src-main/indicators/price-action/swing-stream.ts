import type { LiveSeries } from './types.ts';
import type { SwingEvent, SwingFinalEvent } from './events.ts';
import type { SwingPoint } from './structure-rule.ts';
import { pivotAt, supersedes } from './swing-rule.ts';

/**
 * Causal swings. Bar i is tested when bar i+L closes (the pivot rule needs L bars after it), so every
 * swing is stamped known at i+L. A same-side pivot in the same run replaces the last swing only if it
 * is more extreme (the batch pruning, applied as it happens); the run's extreme becomes final when the
 * next opposite-side swing is confirmed.
 */
export class SwingStream {
  readonly length: number;
  /** The alternating sequence as known now; the last element may still be replaced. */
  readonly sequence: SwingPoint[] = [];
  private lastHigh: SwingPoint | null = null;
  private lastLow: SwingPoint | null = null;

  constructor(length: number) {
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`swing length must be a positive integer, got ${length}`);
    this.length = length;
  }

  /** Call after `series.push(bar)` with that bar's index. */
  onBar(series: LiveSeries, t: number): (SwingEvent | SwingFinalEvent)[] {
    const i = t - this.length;
    if (i < this.length - 1) return [];
    const side = pivotAt(series.high, series.low, i, this.length);
    if (side === 0) return [];
    const level = (side === 1 ? series.high[i] : series.low[i]) as number;
    // Frozen: a point is never changed once made (a better pivot replaces it), so readers share it uncopied.
    const point: SwingPoint = Object.freeze({ index: i, side, level });
    const last = this.sequence.at(-1);
    const out: (SwingEvent | SwingFinalEvent)[] = [];
    if (last !== undefined && last.side === side) {
      if (!supersedes(side, level, last.level)) return [];
      this.sequence[this.sequence.length - 1] = point;
      out.push({ ...series.stamp(i, t), kind: 'swing', side, level, replaces: last.index });
    } else {
      if (last !== undefined) out.push({ ...series.stamp(last.index, t), kind: 'swing-final', side: last.side, level: last.level });
      this.sequence.push(point);
      out.push({ ...series.stamp(i, t), kind: 'swing', side, level, replaces: null });
    }
    if (side === 1) this.lastHigh = point;
    else this.lastLow = point;
    return out;
  }

  /** The latest known swing of a side (provisional: it may still be superseded). */
  last(side: 1 | -1): SwingPoint | null {
    return side === 1 ? this.lastHigh : this.lastLow;
  }
}
