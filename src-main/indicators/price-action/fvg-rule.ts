import type { Ohlc } from './types.ts';

export interface Gap {
  readonly side: 1 | -1;
  readonly top: number;
  readonly bottom: number;
}

/**
 * smc's fair value gap at middle candle i (needs bars i-1 and i+1): bullish when high[i-1] < low[i+1]
 * and the middle candle closes up; bearish when low[i-1] > high[i+1] and it closes down.
 */
export function gapAt(o: Ohlc, i: number): Gap | null {
  if (i < 1 || i + 1 >= o.length) return null;
  const open = o.open[i] as number;
  const close = o.close[i] as number;
  if (close > open && (o.high[i - 1] as number) < (o.low[i + 1] as number)) {
    return { side: 1, top: o.low[i + 1] as number, bottom: o.high[i - 1] as number };
  }
  if (close < open && (o.low[i - 1] as number) > (o.high[i + 1] as number)) {
    return { side: -1, top: o.low[i - 1] as number, bottom: o.high[i + 1] as number };
  }
  return null;
}

/** A gap is mitigated by the first bar from i+2 on that trades back into it. */
export function mitigatesGap(o: Ohlc, j: number, gap: Gap): boolean {
  return gap.side === 1 ? (o.low[j] as number) <= gap.top : (o.high[j] as number) >= gap.bottom;
}
