import type { Ohlc } from './types.ts';
import { pivotAt, supersedes } from './swing-rule.ts';

/** Columns as smc returns them: `highLow` 1 / -1 / 0 (none), `level` NaN where there is no swing. */
export interface SmcSwings {
  readonly highLow: Int8Array;
  readonly level: Float64Array;
}

/**
 * Faithful port of smc 0.0.27 `swing_highs_lows`. Whole-frame: candidates look L bars ahead, runs of
 * same-side candidates are pruned to their extreme, then bar 0 and the last bar are forced to the side
 * opposite the first and last swing. pandas' `shift(-L).rolling(2L)` needs a full window of shifted
 * values, so the first candidate is bar 2L-1 (not L-1) and the last is n-1-L.
 */
export function smcSwingHighsLows(ohlc: Ohlc, swingLength = 50): SmcSwings {
  const n = ohlc.length;
  const highLow = new Int8Array(n);
  for (let i = 2 * swingLength - 1; i <= n - 1 - swingLength; i++) {
    highLow[i] = pivotAt(ohlc.high, ohlc.low, i, swingLength);
  }
  pruneToAlternating(highLow, ohlc);
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (highLow[i] !== 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first >= 0 && n > 0) {
    highLow[0] = highLow[first] === 1 ? -1 : 1;
    highLow[n - 1] = highLow[last] === 1 ? -1 : 1;
  }
  const level = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    if (highLow[i] === 1) level[i] = ohlc.high[i] as number;
    else if (highLow[i] === -1) level[i] = ohlc.low[i] as number;
  }
  return { highLow, level };
}

function pruneToAlternating(highLow: Int8Array, ohlc: Ohlc): void {
  let previous = -1;
  for (let i = 0; i < highLow.length; i++) {
    const side = highLow[i] as -1 | 0 | 1;
    if (side === 0) continue;
    if (previous >= 0 && highLow[previous] === side) {
      const levels = side === 1 ? ohlc.high : ohlc.low;
      if (supersedes(side, levels[i] as number, levels[previous] as number)) {
        highLow[previous] = 0;
        previous = i;
      } else {
        highLow[i] = 0;
      }
      continue;
    }
    previous = i;
  }
}
