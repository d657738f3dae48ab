import type { Bar } from '#model/bar';
import type { SignalDirection } from '#model/signal';
import { hasVolume } from '../buyers/volume.ts';

/** Where the close sits in the bar's range, −1 (at the low) to +1 (at the high): Chaikin's multiplier. */
export function closeLocation(b: Pick<Bar, 'high' | 'low' | 'close'>): number {
  const range = b.high - b.low;
  return range > 0 ? (b.close - b.low - (b.high - b.close)) / range : 0;
}

export interface Weighted {
  readonly value: number;
  /** `volume` when the bars carry volume, else every bar counts the same. */
  readonly weighting: 'volume' | 'time';
}

/** Session VWAP of `bars` (typical price); the time-weighted average when they carry no volume. */
export function sessionVwap(bars: readonly Bar[]): Weighted | undefined {
  if (bars.length === 0) return undefined;
  const byVolume = hasVolume(bars);
  let pv = 0;
  let w = 0;
  for (const b of bars) {
    const weight = byVolume ? b.volume : 1;
    pv += ((b.high + b.low + b.close) / 3) * weight;
    w += weight;
  }
  return { value: pv / w, weighting: byVolume ? 'volume' : 'time' };
}

/**
 * Chaikin money flow over `bars`: Σ(close location × volume) / Σ volume, −1..+1. Positive is accumulation
 * (closes near the highs on the volume), negative distribution. Without volume, the mean close location.
 */
export function moneyFlow(bars: readonly Bar[]): Weighted | undefined {
  if (bars.length === 0) return undefined;
  const byVolume = hasVolume(bars);
  let mf = 0;
  let w = 0;
  for (const b of bars) {
    const weight = byVolume ? b.volume : 1;
    mf += closeLocation(b) * weight;
    w += weight;
  }
  return { value: mf / w, weighting: byVolume ? 'volume' : 'time' };
}

export interface DirectionReading {
  readonly direction: SignalDirection;
  readonly reason: string;
  readonly notes: readonly string[];
  readonly vwap: number | undefined;
  readonly moneyFlow: number | undefined;
}

/**
 * strategies.md: above VWAP with accumulation → calls (long); below VWAP with distribution → puts (short);
 * otherwise a long straddle (neutral). VWAP is today's session; money flow is over the last compression bars.
 */
export function readDirection(close: number, sessionBars: readonly Bar[], flowBars: readonly Bar[], threshold: number): DirectionReading {
  const vwap = sessionVwap(sessionBars);
  const flow = moneyFlow(flowBars);
  const notes: string[] = [];
  if (vwap?.weighting === 'time') notes.push('session VWAP is time-weighted: the index bars carry no volume');
  if (flow?.weighting === 'time') notes.push(`money flow over ${flowBars.length} bars is the mean close location: the index bars carry no volume`);
  if (!vwap || !flow) return { direction: 'neutral', reason: 'no session bars yet for VWAP and money flow: long straddle', notes, vwap: vwap?.value, moneyFlow: flow?.value };
  const side = close > vwap.value ? 'above' : close < vwap.value ? 'below' : 'at';
  const mf = `money flow ${flow.value >= 0 ? '+' : ''}${flow.value.toFixed(3)}`;
  const at = `close ${close.toFixed(2)} ${side} VWAP ${vwap.value.toFixed(2)}, ${mf}`;
  if (side === 'above' && flow.value > threshold) return { direction: 'long', reason: `${at} > ${threshold} (accumulation): calls`, notes, vwap: vwap.value, moneyFlow: flow.value };
  if (side === 'below' && flow.value < -threshold) return { direction: 'short', reason: `${at} < −${threshold} (distribution): puts`, notes, vwap: vwap.value, moneyFlow: flow.value };
  return { direction: 'neutral', reason: `${at}: no accumulation above or distribution below VWAP, long straddle`, notes, vwap: vwap.value, moneyFlow: flow.value };
}
