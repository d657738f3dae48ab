import type { Bus } from '#core/bus';
import { RingBuffer } from '#core/ring-buffer';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { createBarAggregator, type BarAggregator } from '#market/bar-aggregator';
import type { EngineEvents } from './engine-api.ts';

/** How many closed 1-minute bars the engine keeps in memory per instrument: about eight sessions. */
export const BAR_HISTORY = 3000;

interface Series {
  readonly aggregator: BarAggregator;
  readonly closed: RingBuffer<Bar>;
}

/**
 * Ticks → 1-minute bars per instrument, kept in ring buffers for the chart and (later) the bots.
 * Every forming update and every close is published on the engine bus.
 */
export function createMarketData(instrumentIds: readonly InstrumentId[], events: Bus<EngineEvents>) {
  const series = new Map<InstrumentId, Series>();
  for (const id of instrumentIds) {
    const aggregator = createBarAggregator({ instrumentId: id, timeframe: '1m' });
    const closed = new RingBuffer<Bar>(BAR_HISTORY);
    aggregator.onBar((bar) => {
      if (bar.closed) closed.push(bar);
      events.publish('bar', bar);
    });
    series.set(id, { aggregator, closed });
  }

  return {
    onTick(tick: Parameters<BarAggregator['push']>[0]): void {
      series.get(tick.instrumentId)?.aggregator.push(tick);
    },
    /** Closes bars whose minute has passed without a tick. */
    advanceTime(nowMs: number): void {
      for (const s of series.values()) s.aggregator.advanceTime(nowMs);
    },
    bars(instrumentId: InstrumentId): readonly Bar[] | undefined {
      const s = series.get(instrumentId);
      if (!s) return undefined;
      const forming = s.aggregator.forming();
      const out = s.closed.toArray();
      if (forming) out.push(forming);
      return out;
    },
  };
}

export type MarketData = ReturnType<typeof createMarketData>;
