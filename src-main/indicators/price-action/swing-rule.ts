/**
 * The pivot rule shared by the batch port and the stream (smc `swing_highs_lows`): bar i is a swing high
 * when high[i] equals the maximum of high[i-L+1 .. i+L] (L-1 bars back, L bars forward), a swing low
 * likewise with low and the minimum; when both hold the high wins. Returns 1, -1 or 0.
 * The caller guarantees the window is inside the data.
 */
export function pivotAt(high: ArrayLike<number>, low: ArrayLike<number>, i: number, length: number): 1 | -1 | 0 {
  let maxHigh = -Infinity;
  let minLow = Infinity;
  for (let k = i - length + 1; k <= i + length; k++) {
    const h = high[k] as number;
    const l = low[k] as number;
    if (h > maxHigh) maxHigh = h;
    if (l < minLow) minLow = l;
  }
  if (high[i] === maxHigh) return 1;
  if (low[i] === minLow) return -1;
  return 0;
}

/**
 * Of two consecutive same-side swings the more extreme survives (the earlier on a tie). Over a run of
 * same-side swings this keeps the run's extreme, which is why the stream can apply it incrementally.
 */
export function supersedes(side: 1 | -1, newLevel: number, oldLevel: number): boolean {
  return side === 1 ? newLevel > oldLevel : newLevel < oldLevel;
}
