import { istDateKey } from '#core/time-ist';
import type { Bar, Tick } from '#model/bar';
import { TIMEFRAME_MINUTES } from '#model/bar';

/**
 * Turns stored bars into the ticks that would have produced them: open at the bar's start, then the
 * extreme on the far side of the close, the other extreme, and the close just before the bar ends.
 * The bar's volume lands on the close tick as a cumulative day figure, so the bar aggregator rebuilds
 * exactly the stored bar (OHLC and volume) from these ticks.
 */
export function barsToTicks(bars: readonly Bar[]): Tick[] {
  const out: Tick[] = [];
  let day = '';
  let cum = 0;
  for (const b of bars) {
    const key = istDateKey(b.tsStart);
    if (key !== day) {
      day = key;
      cum = 0;
    }
    const len = (b.timeframe === '1d' ? 375 : TIMEFRAME_MINUTES[b.timeframe]) * 60_000;
    const hasVolume = b.volume > 0 || cum > 0;
    const tick = (offset: number, ltp: number): Tick => ({
      instrumentId: b.instrumentId,
      tsEvent: b.tsStart + offset,
      ltp,
      ...(hasVolume ? { volume: cum } : {}),
      ...(b.oi !== undefined ? { oi: b.oi } : {}),
    });
    const [first, second] = b.close >= b.open ? [b.low, b.high] : [b.high, b.low];
    out.push(tick(0, b.open), tick(Math.floor(len / 3), first), tick(Math.floor((2 * len) / 3), second));
    cum += b.volume;
    out.push({ ...tick(len - 1000, b.close), ...(hasVolume ? { volume: cum } : {}) });
  }
  return out;
}
