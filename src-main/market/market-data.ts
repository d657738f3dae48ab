import type { Unsubscribe } from '#core/bus';
import type { Clock, TimerHandle } from '#core/clock';
import type { Bar, Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Feed } from './feed.ts';
import { createMultiTimeframe, type MarketView, type MultiTimeframe } from './multi-timeframe.ts';
import { nseCalendar, type SessionCalendar } from './session-calendar.ts';

export interface MarketDataOptions {
  readonly clock: Clock;
  readonly calendar?: SessionCalendar;
  /** Timeframes kept besides 1m. Default: all. */
  readonly timeframes?: readonly Timeframe[];
  /** Closed bars kept per instrument and timeframe. Default 1000. */
  readonly capacity?: number;
}

/**
 * Every instrument's bars, fed by one Feed and closed on the clock. A timer on each minute boundary
 * closes bars whose window has passed even if no tick came, so a bot's onBar for 15:29 (and the daily
 * bar) fires at 15:30 and never waits for tomorrow's first tick. The timer runs only while some bar is
 * forming: once the session's bars have closed it stops, and the next tick or history bar restarts it,
 * so a backtest over years does not step through every minute of every night.
 */
export interface MarketData {
  /** Folds a tick (what attach() does with each feed tick). */
  push(tick: Tick): void;
  /** Seeds history: closed 1m bars, oldest first, from the cache or an import. */
  pushBars(bars: readonly Bar[]): void;
  advanceTime(nowMs: number): void;
  /** The read-only, closed-bars-only view of one instrument (created on first use). */
  view(instrumentId: InstrumentId): MarketView;
  /** The forming bar, for charts. */
  forming(instrumentId: InstrumentId, timeframe: Timeframe): Bar | undefined;
  /** Closed bars of every instrument and timeframe. */
  onBar(handler: (bar: Bar) => void): Unsubscribe;
  /** Subscribes to the feed's ticks and starts the minute timer. Returns the detach function. */
  attach(feed: Feed): Unsubscribe;
}

export function createMarketData(options: MarketDataOptions): MarketData {
  const { clock } = options;
  const series = new Map<InstrumentId, MultiTimeframe>();
  const handlers = new Set<(bar: Bar) => void>();

  const get = (id: InstrumentId): MultiTimeframe => {
    let s = series.get(id);
    if (!s) {
      s = createMultiTimeframe({
        instrumentId: id,
        ...(options.timeframes ? { timeframes: options.timeframes } : {}),
        ...(options.capacity ? { capacity: options.capacity } : {}),
        calendar: options.calendar ?? nseCalendar,
      });
      s.onBar((bar) => {
        for (const h of handlers) h(bar);
      });
      series.set(id, s);
    }
    return s;
  };

  const advanceTime = (nowMs: number): void => {
    for (const s of series.values()) s.advanceTime(nowMs);
  };

  /** The minute timer, while a feed is attached: armed on the next minute boundary whenever data arrives and none is pending. */
  let attached = 0;
  let timer: TimerHandle | undefined;
  let firing = false;
  const arm = (): void => {
    if (attached > 0 && !timer && !firing) timer = clock.setTimer(Math.floor(clock.now() / 60_000) * 60_000 + 60_000, fire);
  };
  const fire = (): void => {
    timer = undefined;
    // Re-armed after the bars it closes have been handled (as it always was), so the order of events at
    // the next boundary does not depend on what their handlers did.
    firing = true;
    try {
      advanceTime(clock.now());
    } finally {
      firing = false;
    }
    for (const s of series.values()) {
      if (s.hasForming()) return arm();
    }
  };
  const push = (tick: Tick): void => {
    get(tick.instrumentId).push(tick);
    if (!timer) arm();
  };

  return {
    push,
    pushBars(bars) {
      for (const b of bars) get(b.instrumentId).pushBar(b);
      arm();
    },
    advanceTime,
    view: (id) => get(id).view(),
    forming: (id, tf) => get(id).forming(tf),
    onBar(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    attach(feed) {
      const offTick = feed.onTick(push);
      attached++;
      arm();
      let detached = false;
      return () => {
        if (detached) return;
        detached = true;
        offTick();
        if (--attached === 0) {
          timer?.cancel();
          timer = undefined;
        }
      };
    },
  };
}
