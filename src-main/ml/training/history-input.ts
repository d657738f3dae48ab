import type { BarCache } from '#market/history/bar-cache';
import { createMultiTimeframe } from '#market/multi-timeframe';
import type { Bar } from '#model/bar';
import { instrumentId, type InstrumentId } from '#model/ids';
import { toColumns } from '../features/series.ts';
import type { SeriesInput, TrainingInput } from './dataset.ts';

export const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
export const BANKNIFTY = instrumentId('NSE_INDEX', 'BANKNIFTY');
export const INDIAVIX = instrumentId('NSE_INDEX', 'INDIAVIX');
const DAY_MS = 86_400_000;

/**
 * 5-minute bars of an instrument from the terminal's database between two instants: stored 5-minute
 * bars when there are any, else stored 1-minute bars folded into 5-minute ones exactly as the live
 * engine folds them.
 */
export async function storedBars(cache: BarCache, id: InstrumentId, fromMs: number, toMs: number): Promise<{ readonly bars: readonly Bar[]; readonly from: '5m' | '1m' | 'none' }> {
  const five = await cache.range(id, '5m', fromMs, toMs);
  if (five.length > 0) return { bars: five, from: '5m' };
  const minutes = await cache.range(id, '1m', fromMs, toMs);
  if (minutes.length === 0) return { bars: [], from: 'none' };
  const mtf = createMultiTimeframe({ instrumentId: id, timeframes: ['5m'], capacity: 10 });
  const bars: Bar[] = [];
  mtf.onBar((b) => {
    if (b.timeframe === '5m' && b.closed) bars.push(b);
  });
  for (const b of minutes) mtf.pushBar({ ...b, closed: true });
  mtf.advanceTime(minutes.at(-1)!.tsStart + DAY_MS);
  return { bars, from: '1m' };
}

/** The training input from stored history: each instrument, with India VIX when the database has it. */
export async function historyTrainingInput(cache: BarCache, instruments: readonly InstrumentId[], fromMs: number, toMs: number): Promise<{ input: TrainingInput; lines: string[] }> {
  const vix = await storedBars(cache, INDIAVIX, fromMs, toMs);
  const lines: string[] = [];
  const series: SeriesInput[] = [];
  for (const id of instruments) {
    const got = await storedBars(cache, id, fromMs, toMs);
    lines.push(`${id}: ${got.bars.length} five-minute bars${got.from === '1m' ? ' (from stored 1-minute bars)' : ''}`);
    if (got.bars.length > 0) series.push({ instrumentId: id, bars: toColumns(got.bars), ...(vix.bars.length > 0 ? { vix: toColumns(vix.bars) } : {}) });
  }
  lines.push(vix.bars.length > 0 ? `${INDIAVIX}: ${vix.bars.length} bars (regime feature)` : `${INDIAVIX}: none stored; the regime model trains without VIX`);
  return { input: { timeframe: '5m', source: `history ${instruments.join(', ')}`, series }, lines };
}
