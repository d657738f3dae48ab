import type { Ohlc } from './types.ts';
import { gapAt, mitigatesGap } from './fvg-rule.ts';

/** Columns as smc returns them; `fvg` 0 and NaN elsewhere mean no gap; `mitigatedIndex` 0 = never. */
export interface SmcFvg {
  readonly fvg: Int8Array;
  readonly top: Float64Array;
  readonly bottom: Float64Array;
  readonly mitigatedIndex: Float64Array;
}

/**
 * Port of smc 0.0.27 `fvg`. With `joinConsecutive`, each run of same-side gaps collapses onto its last
 * bar with the highest top and lowest bottom (the run's running extremes).
 */
export function smcFvg(o: Ohlc, joinConsecutive = false): SmcFvg {
  const n = o.length;
  const fvg = new Int8Array(n);
  const top = new Float64Array(n).fill(NaN);
  const bottom = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const g = gapAt(o, i);
    if (g === null) continue;
    fvg[i] = g.side;
    top[i] = g.top;
    bottom[i] = g.bottom;
  }
  if (joinConsecutive) {
    for (let i = 0; i + 1 < n; i++) {
      if (fvg[i] !== 0 && fvg[i] === fvg[i + 1]) {
        top[i + 1] = Math.max(top[i] as number, top[i + 1] as number);
        bottom[i + 1] = Math.min(bottom[i] as number, bottom[i + 1] as number);
        fvg[i] = 0;
        top[i] = NaN;
        bottom[i] = NaN;
      }
    }
  }
  const mitigatedIndex = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const side = fvg[i];
    if (side !== 1 && side !== -1) continue;
    const gap = { side, top: top[i] as number, bottom: bottom[i] as number } as const;
    mitigatedIndex[i] = 0;
    for (let j = i + 2; j < n; j++) {
      if (mitigatesGap(o, j, gap)) {
        mitigatedIndex[i] = j;
        break;
      }
    }
  }
  return { fvg, top, bottom, mitigatedIndex };
}
