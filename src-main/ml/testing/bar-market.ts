import type { MarketView } from '#market/multi-timeframe';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { MarketAccess } from '../ports.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * Closed 5-minute bars of several instruments behind the MarketView port, revealed up to a moving
 * instant as the engine's market data would hold them.
 */
export function barMarket(series: Readonly<Record<string, readonly Bar[]>>) {
  let now = 0;
  /** How many bars have closed by `now` (binary search: bars are in time order). */
  const closedAt = (bars: readonly Bar[]) => {
    const ms = FIVE_MINUTES;
    let lo = 0;
    let hi = bars.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bars[mid]!.tsStart + ms <= now) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const view = (id: InstrumentId): MarketView | undefined => {
    const bars = series[id];
    if (!bars) return undefined;
    return {
      instrumentId: id,
      lastTick: () => undefined,
      bars: (tf, count) => (tf === '5m' ? bars.slice(Math.max(0, closedAt(bars) - count), closedAt(bars)) : []),
      lastBar: (tf) => (tf === '5m' ? bars[closedAt(bars) - 1] : undefined),
    };
  };
  const access: MarketAccess = view;
  return {
    access,
    setNow(ts: number): void {
      now = ts;
    },
    /** The instant bar `i` of `id` has just closed. */
    closeOf(id: string, i: number): number {
      return series[id]![i]!.tsStart + FIVE_MINUTES;
    },
  };
}
