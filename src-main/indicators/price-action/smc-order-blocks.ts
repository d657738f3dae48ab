import type { Ohlc } from './types.ts';
import type { SmcSwings } from './smc-swings.ts';
import type { SwingPoint } from './structure-rule.ts';
import { OrderBlockTracker, type OrderBlock } from './order-block-tracker.ts';

/** Columns as smc returns them; `mitigatedIndex` 0 = not mitigated, NaN where there is no block. */
export interface SmcOrderBlocks {
  readonly ob: Int8Array;
  readonly top: Float64Array;
  readonly bottom: Float64Array;
  readonly obVolume: Float64Array;
  readonly mitigatedIndex: Float64Array;
  readonly percentage: Float64Array;
  /** Every block the rules formed, including the invalidated breakers smc erases. */
  readonly blocks: readonly OrderBlock[];
}

/**
 * Port of smc 0.0.27 `ob(close_mitigation=False)` over whole-frame swings. Breakers that were later
 * invalidated are erased from the columns. smc quirk kept: MitigatedIndex is t-1 for a bullish block
 * and t for a bearish one (t = the bar that traded through it). Top/Bottom are float32 in smc.
 */
export function smcOrderBlocks(o: Ohlc, swings: SmcSwings): SmcOrderBlocks {
  const n = o.length;
  const tracker = new OrderBlockTracker();
  let lastHigh: SwingPoint | null = null;
  let lastLow: SwingPoint | null = null;
  for (let i = 0; i < n; i++) {
    tracker.onBar(o, i, lastHigh, lastLow);
    if (swings.highLow[i] === 1) lastHigh = { index: i, side: 1, level: o.high[i] as number };
    if (swings.highLow[i] === -1) lastLow = { index: i, side: -1, level: o.low[i] as number };
  }
  const ob = new Int8Array(n);
  const top = new Float64Array(n).fill(NaN);
  const bottom = new Float64Array(n).fill(NaN);
  const obVolume = new Float64Array(n).fill(NaN);
  const mitigatedIndex = new Float64Array(n).fill(NaN);
  const percentage = new Float64Array(n).fill(NaN);
  const ordered = [...tracker.blocks.filter((b) => b.side === 1), ...tracker.blocks.filter((b) => b.side === -1)];
  for (const b of ordered) {
    if (b.invalidatedAt !== null) continue;
    ob[b.index] = b.side;
    top[b.index] = Math.fround(b.top);
    bottom[b.index] = Math.fround(b.bottom);
    obVolume[b.index] = b.volume;
    mitigatedIndex[b.index] = b.mitigatedAt === null ? 0 : b.side === 1 ? b.mitigatedAt - 1 : b.mitigatedAt;
    percentage[b.index] = b.percentage;
  }
  return { ob, top, bottom, obVolume, mitigatedIndex, percentage, blocks: tracker.blocks };
}
