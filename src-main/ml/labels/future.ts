import type { BarColumns } from '../features/series.ts';
import { istDay } from '../features/time-of-day.ts';

/**
 * Labels from future returns. Every label at bar t reads bars t+1..t+h of the same IST session only: an
 * overnight gap is not something an intraday signal at t could act on. Undefined when the session ends
 * first.
 */
function sameSession(c: BarColumns, t: number, h: number): boolean {
  return t + h < c.length && istDay(c.tsStart[t]!) === istDay(c.tsStart[t + h]!);
}

/** 1 when the close h bars later is above the close at t. */
export function directionLabel(c: BarColumns, t: number, h: number): 0 | 1 | undefined {
  if (!sameSession(c, t, h)) return undefined;
  return c.close[t + h]! > c.close[t]! ? 1 : 0;
}

/**
 * Follow-through of a move to `side` from the close at t: 1 when price reaches `k × unit` in its favour
 * before `k × unit` against within h bars (a bar touching both counts against: its order is unknown).
 */
export function followThrough(c: BarColumns, t: number, side: 1 | -1, unit: number, k: number, h: number): 0 | 1 | undefined {
  if (!sameSession(c, t, h) || !(unit > 0)) return undefined;
  const entry = c.close[t]!;
  const up = entry + k * unit;
  const down = entry - k * unit;
  for (let i = t + 1; i <= t + h; i++) {
    const hitUp = c.high[i]! >= up;
    const hitDown = c.low[i]! <= down;
    if (hitUp && hitDown) return 0;
    if (hitUp) return side === 1 ? 1 : 0;
    if (hitDown) return side === -1 ? 1 : 0;
  }
  return 0;
}

/**
 * What happened over the next h bars: realised volatility (σ of log returns) and efficiency (|net move| /
 * path length, 1 for a straight line). The regime labels threshold these on the training window.
 */
export function forwardPath(c: BarColumns, t: number, h: number): { readonly vol: number; readonly efficiency: number } | undefined {
  if (!sameSession(c, t, h)) return undefined;
  let sum = 0;
  let sq = 0;
  let path = 0;
  for (let i = t + 1; i <= t + h; i++) {
    const r = Math.log(c.close[i]! / c.close[i - 1]!);
    sum += r;
    sq += r * r;
    path += Math.abs(r);
  }
  const mean = sum / h;
  return { vol: Math.sqrt(Math.max(0, sq / h - mean * mean)), efficiency: path > 0 ? Math.abs(sum) / path : 0 };
}
