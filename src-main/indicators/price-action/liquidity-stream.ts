import type { LiveSeries } from './types.ts';
import type { LiquidityEvent, LiquiditySweptEvent, SwingFinalEvent } from './events.ts';

export interface LiquidityOptions {
  /** Tolerance as a fraction of the recent range (smc's range_percent). */
  readonly rangePercent: number;
  /** Bars in the rolling high-low range measured when an anchor becomes known. */
  readonly window: number;
  /** A fixed tolerance in price units instead of the rolling one (used to compare with the batch). */
  readonly fixedRange?: number;
}

export interface LiquidityZone {
  readonly side: 1 | -1;
  readonly anchor: number;
  readonly anchorLevel: number;
  readonly range: number;
  readonly levels: number[];
  end: number;
  sweptIndex: number | null;
  /** Bar at which the zone (two members) was first known, or null while it has one member. */
  knownAt: number | null;
}

/**
 * Causal liquidity (equal highs / equal lows). It consumes final swings only, because the batch groups
 * the pruned sequence. An anchor swing collects later same-side final swings within ±range of its level
 * up to and including the sweep bar (the first bar whose high reaches level+range, or low level-range);
 * a joined swing is consumed. The range is (max high - min low) of the last `window` bars when the anchor
 * becomes known, times rangePercent: the batch uses the whole frame, which is look-ahead.
 */
export class LiquidityStream {
  private readonly opts: LiquidityOptions;
  /** Anchors that may still grow, by side, oldest first. */
  private readonly open: { 1: LiquidityZone[]; [-1]: LiquidityZone[] } = { 1: [], [-1]: [] };
  readonly zones: LiquidityZone[] = [];

  constructor(opts: LiquidityOptions) {
    this.opts = opts;
  }

  onBar(series: LiveSeries, t: number, finals: readonly SwingFinalEvent[]): (LiquidityEvent | LiquiditySweptEvent)[] {
    const out: (LiquidityEvent | LiquiditySweptEvent)[] = [];
    for (const f of finals) this.addSwing(series, t, f, out);
    for (const side of [1, -1] as const) {
      for (const z of this.open[side]) {
        if (z.sweptIndex === null && t > z.anchor && this.sweeps(series, t, z)) this.markSwept(series, t, z, t, out);
      }
    }
    return out;
  }

  private addSwing(series: LiveSeries, t: number, f: SwingFinalEvent, out: (LiquidityEvent | LiquiditySweptEvent)[]): void {
    const list = this.open[f.side];
    // Swings finalise in index order, so an anchor swept before this swing can never grow again.
    this.open[f.side] = list.filter((z) => z.sweptIndex === null || z.sweptIndex >= f.index);
    for (const z of this.open[f.side]) {
      if (!(z.anchorLevel - z.range <= f.level && f.level <= z.anchorLevel + z.range)) continue;
      z.levels.push(f.level);
      z.end = f.index;
      if (z.knownAt === null) {
        z.knownAt = t;
        this.zones.push(z);
      }
      out.push(this.zoneEvent(series, t, z));
      if (z.sweptIndex !== null && z.levels.length === 2) out.push(this.sweptEvent(series, t, z, z.sweptIndex));
      return;
    }
    const zone: LiquidityZone = {
      side: f.side,
      anchor: f.index,
      anchorLevel: f.level,
      range: this.rangeAt(series, t),
      levels: [f.level],
      end: f.index,
      sweptIndex: null,
      knownAt: null,
    };
    for (let c = f.index + 1; c <= t && zone.sweptIndex === null; c++) if (this.sweeps(series, c, zone)) zone.sweptIndex = c;
    this.open[f.side].push(zone);
  }

  private sweeps(series: LiveSeries, c: number, z: LiquidityZone): boolean {
    return z.side === 1 ? (series.high[c] as number) >= z.anchorLevel + z.range : (series.low[c] as number) <= z.anchorLevel - z.range;
  }

  private markSwept(series: LiveSeries, t: number, z: LiquidityZone, c: number, out: (LiquidityEvent | LiquiditySweptEvent)[]): void {
    z.sweptIndex = c;
    if (z.knownAt !== null) out.push(this.sweptEvent(series, t, z, c));
  }

  private rangeAt(series: LiveSeries, t: number): number {
    if (this.opts.fixedRange !== undefined) return this.opts.fixedRange;
    let hi = -Infinity;
    let lo = Infinity;
    for (let k = Math.max(0, t - this.opts.window + 1); k <= t; k++) {
      hi = Math.max(hi, series.high[k] as number);
      lo = Math.min(lo, series.low[k] as number);
    }
    return (hi - lo) * this.opts.rangePercent;
  }

  private zoneEvent(series: LiveSeries, t: number, z: LiquidityZone): LiquidityEvent {
    const level = z.levels.reduce((a, b) => a + b, 0) / z.levels.length;
    return { ...series.stamp(z.anchor, t), kind: 'liquidity', side: z.side, level, members: z.levels.length, end: z.end, range: z.range, sweptIndex: z.sweptIndex };
  }

  private sweptEvent(series: LiveSeries, t: number, z: LiquidityZone, c: number): LiquiditySweptEvent {
    const level = z.levels.reduce((a, b) => a + b, 0) / z.levels.length;
    return { ...series.stamp(z.anchor, t), kind: 'liquidity-swept', side: z.side, level, sweptIndex: c };
  }
}
