import type { Bar, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { BarColumns } from '#ml/features/series';

/** Columns back to closed bars, for the streaming detectors that take `Bar`s. */
export function barsOf(instrumentId: string, timeframe: Timeframe, c: BarColumns): Bar[] {
  return Array.from({ length: c.length }, (_, i) => ({
    instrumentId: instrumentId as InstrumentId,
    timeframe,
    tsStart: c.tsStart[i]!,
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
    closed: true,
  }));
}
