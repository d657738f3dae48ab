import type { Ohlc } from './types.ts';
import type { SmcSwings } from './smc-swings.ts';
import { breaksLevel, classifyStructure, type SwingPoint } from './structure-rule.ts';

/** Columns as smc returns them (0 / NaN = none). `brokenIndex` may survive on deleted rows (smc quirk). */
export interface SmcBosChoch {
  readonly bos: Int8Array;
  readonly choch: Int8Array;
  readonly level: Float64Array;
  readonly brokenIndex: Float64Array;
}

/**
 * Port of smc 0.0.27 `bos_choch(close_break=True)`. Levels are stored as float32, and the break test
 * compares the float64 close with that float32 level, as numpy does.
 * Whole-frame deletions: a signal that never breaks is dropped, and when signal i breaks at j every
 * earlier signal k whose break is at or after j is dropped too (its BrokenIndex stays, a smc quirk).
 */
export function smcBosChoch(o: Ohlc, swings: SmcSwings): SmcBosChoch {
  const n = o.length;
  const bos = new Int8Array(n);
  const choch = new Int8Array(n);
  const level = new Float64Array(n);
  const seq: SwingPoint[] = [];
  for (let i = 0; i < n; i++) {
    const side = swings.highLow[i];
    if (side !== 1 && side !== -1) continue;
    seq.push({ index: i, side, level: swings.level[i] as number });
    if (seq.length < 4) continue;
    const [a, b, c, d] = seq.slice(-4) as [SwingPoint, SwingPoint, SwingPoint, SwingPoint];
    const sig = classifyStructure(a, b, c, d);
    if (sig === null) continue;
    (sig.kind === 'bos' ? bos : choch)[b.index] = sig.side;
    level[b.index] = Math.fround(b.level);
  }
  const broken = new Float64Array(n);
  const signalled = (k: number): boolean => bos[k] !== 0 || choch[k] !== 0;
  const initial: number[] = [];
  for (let i = 0; i < n; i++) if (signalled(i)) initial.push(i);
  for (const i of initial) {
    const side = (bos[i] === 1 || choch[i] === 1 ? 1 : -1) as 1 | -1;
    for (let j = i + 2; j < n; j++) {
      if (!breaksLevel(side, o.close[j] as number, level[i] as number)) continue;
      broken[i] = j;
      for (const k of initial) {
        if (k >= i) break;
        if (signalled(k) && (broken[k] as number) >= j) {
          bos[k] = 0;
          choch[k] = 0;
          level[k] = 0;
        }
      }
      break;
    }
  }
  for (const i of initial) {
    if (broken[i] === 0) {
      bos[i] = 0;
      choch[i] = 0;
      level[i] = 0;
    }
  }
  return {
    bos,
    choch,
    level: level.map((v) => (v === 0 ? NaN : v)),
    brokenIndex: broken.map((v) => (v === 0 ? NaN : v)),
  };
}
