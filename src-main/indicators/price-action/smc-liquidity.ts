import type { Ohlc } from './types.ts';
import type { SmcSwings } from './smc-swings.ts';

/** Columns as smc returns them; `swept` 0 = never swept, NaN where there is no zone. */
export interface SmcLiquidity {
  readonly liquidity: Int8Array;
  readonly level: Float64Array;
  readonly end: Float64Array;
  readonly swept: Float64Array;
}

/**
 * Port of smc 0.0.27 `liquidity`. The tolerance is the whole-frame range (max high - min low) times
 * `rangePercent`: look-ahead by construction (the stream uses a rolling range). Highs are grouped
 * first, then lows; a swing that joins a group is consumed and cannot anchor or join another.
 * Levels are float32 in smc.
 */
export function smcLiquidity(o: Ohlc, swings: SmcSwings, rangePercent = 0.01): SmcLiquidity {
  const n = o.length;
  let maxHigh = -Infinity;
  let minLow = Infinity;
  for (let i = 0; i < n; i++) {
    maxHigh = Math.max(maxHigh, o.high[i] as number);
    minLow = Math.min(minLow, o.low[i] as number);
  }
  const pipRange = (maxHigh - minLow) * rangePercent;
  const highLow = Int8Array.from(swings.highLow);
  const liquidity = new Int8Array(n);
  const level = new Float64Array(n).fill(NaN);
  const end = new Float64Array(n).fill(NaN);
  const swept = new Float64Array(n).fill(NaN);
  for (const side of [1, -1] as const) {
    for (let i = 0; i < n; i++) {
      if (highLow[i] !== side) continue;
      const anchor = swings.level[i] as number;
      const lo = anchor - pipRange;
      const hi = anchor + pipRange;
      const members = [anchor];
      let last = i;
      let sweptAt = 0;
      for (let c = i + 1; c < n; c++) {
        const lvl = swings.level[c] as number;
        if (highLow[c] === side && lo <= lvl && lvl <= hi) {
          last = c;
          members.push(lvl);
          highLow[c] = 0;
        }
        if (side === 1 ? (o.high[c] as number) >= hi : (o.low[c] as number) <= lo) {
          sweptAt = c;
          break;
        }
      }
      if (members.length < 2) continue;
      liquidity[i] = side;
      level[i] = Math.fround(members.reduce((a, b) => a + b, 0) / members.length);
      end[i] = last;
      swept[i] = sweptAt;
    }
  }
  return { liquidity, level, end, swept };
}
