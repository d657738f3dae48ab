import type { Unsubscribe } from '#core/bus';
import { RingBuffer } from '#core/ring-buffer';
import type { Bar, Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { createBarAggregator } from './bar-aggregator.ts';
import { BarBuilder } from './bar-builder.ts';
import { barWindow, cachedSessionLookup, nseCalendar, segmentOf, type SessionCalendar } from './session-calendar.ts';

export const ALL_TIMEFRAMES: readonly Timeframe[] = ['1m', '3m', '5m', '15m', '30m', '60m', '1d'];

/**
 * What a bot may read about one instrument: closed bars and the last tick, nothing else. There is no
 * way to reach a bar that has not closed, so a strategy cannot look ahead by construction.
 */
export interface MarketView {
  readonly instrumentId: InstrumentId;
  lastTick(): Tick | undefined;
  /** The last `count` closed bars of `timeframe`, oldest first (fewer if fewer exist); each bar is frozen. */
  bars(timeframe: Timeframe, count: number): readonly Bar[];
  /** The most recent closed bar of `timeframe`. */
  lastBar(timeframe: Timeframe): Bar | undefined;
}

export interface MultiTimeframeOptions {
  readonly instrumentId: InstrumentId;
  /** Timeframes kept besides 1m. Default: all. */
  readonly timeframes?: readonly Timeframe[];
  /** Closed bars kept per timeframe. Default 1000. */
  readonly capacity?: number;
  readonly calendar?: SessionCalendar;
}

export interface MultiTimeframe extends MarketView {
  push(tick: Tick): void;
  /** Folds a closed 1m bar from history (a database, a CSV) exactly as if its ticks had been seen. */
  pushBar(bar: Bar): void;
  advanceTime(nowMs: number): void;
  /** The bar of `timeframe` forming now, including the forming minute: for charts, never for decisions. */
  forming(timeframe: Timeframe): Bar | undefined;
  /** Whether a bar of any timeframe is forming, i.e. the clock still has a bar to close. */
  hasForming(): boolean;
  /** Closed bars of every timeframe (1m first, then coarser ones closing at the same instant). */
  onBar(handler: (bar: Bar) => void): Unsubscribe;
  view(): MarketView;
}

/**
 * One instrument's bars at every timeframe. Ticks build 1m bars; coarser bars are built only from
 * closed 1m bars, so every timeframe agrees with the 1m series and a 5m bar closes the moment its last
 * minute does (09:19 closes 09:15–09:20) or when the clock passes its end if minutes were missing.
 */
export function createMultiTimeframe(options: MultiTimeframeOptions): MultiTimeframe {
  const { instrumentId } = options;
  const capacity = options.capacity ?? 1000;
  const calendar = options.calendar ?? nseCalendar;
  const lookup = cachedSessionLookup(calendar, segmentOf(instrumentId));
  const coarse = (options.timeframes ?? ALL_TIMEFRAMES).filter((tf) => tf !== '1m');
  const minute = createBarAggregator({ instrumentId, timeframe: '1m', calendar });
  const builders = coarse.map((tf) => new BarBuilder(instrumentId, tf));
  const store = new Map<Timeframe, RingBuffer<Bar>>([['1m', new RingBuffer(capacity)]]);
  for (const tf of coarse) store.set(tf, new RingBuffer(capacity));
  const handlers = new Set<(bar: Bar) => void>();
  let last: Tick | undefined;

  const publish = (bar: Bar): void => {
    store.get(bar.timeframe)!.push(bar);
    for (const h of handlers) h(bar);
  };

  /** The earliest end of a forming coarse bar: before it, time cannot close one, so ticks skip the check. */
  let coarseDueAt = Number.POSITIVE_INFINITY;
  const updateCoarseDue = (): void => {
    coarseDueAt = Number.POSITIVE_INFINITY;
    for (const b of builders) {
      const w = b.formingWindow();
      if (w && w.end < coarseDueAt) coarseDueAt = w.end;
    }
  };

  const foldMinute = (bar: Bar): void => {
    const session = lookup(bar.tsStart);
    if (!session) return;
    const minuteEnd = bar.tsStart + 60_000;
    for (const b of builders) {
      const window = b.enter(bar.tsStart, session);
      if (!window) continue;
      b.fold(window, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.oi);
      if (minuteEnd >= window.end) b.closeForming();
    }
    updateCoarseDue();
  };

  minute.onClose((bar) => {
    publish(bar);
    foldMinute(bar);
  });
  for (const b of builders) b.onClose(publish);

  const bars = (timeframe: Timeframe, count: number): readonly Bar[] => {
    const ring = store.get(timeframe);
    if (!ring) throw new RangeError(`timeframe ${timeframe} is not kept for ${instrumentId}`);
    const n = Math.max(0, Math.min(count, ring.length));
    const out: Bar[] = new Array<Bar>(n);
    for (let i = 0; i < n; i++) out[i] = ring.at(ring.length - n + i)!;
    return out;
  };
  const lastBar = (timeframe: Timeframe): Bar | undefined => bars(timeframe, 1)[0];
  const view: MarketView = Object.freeze({ instrumentId, lastTick: () => last, bars, lastBar });

  return {
    instrumentId,
    push(tick) {
      if (tick.instrumentId !== instrumentId) return;
      minute.push(tick);
      if (lookup(tick.tsEvent)) last = tick;
      advanceCoarse(tick.tsEvent);
    },
    pushBar(bar) {
      if (bar.instrumentId !== instrumentId || bar.timeframe !== '1m') throw new RangeError(`pushBar takes closed 1m bars of ${instrumentId}`);
      minute.advanceTime(bar.tsStart);
      const prev = store.get('1m')!.last();
      if (prev && bar.tsStart <= prev.tsStart) return;
      publish(Object.freeze({ ...bar, closed: true }));
      foldMinute(bar);
    },
    advanceTime(nowMs) {
      minute.advanceTime(nowMs);
      advanceCoarse(nowMs);
    },
    forming(timeframe) {
      const m = minute.forming();
      if (timeframe === '1m') return m;
      const b = builders[coarse.indexOf(timeframe)];
      if (!b) throw new RangeError(`timeframe ${timeframe} is not kept for ${instrumentId}`);
      const f = b.forming();
      if (!m) return f;
      if (!f) {
        const session = lookup(m.tsStart);
        return session ? { ...m, timeframe, tsStart: barWindow(m.tsStart, timeframe, session).start } : undefined;
      }
      return { ...f, high: Math.max(f.high, m.high), low: Math.min(f.low, m.low), close: m.close, volume: f.volume + m.volume, ...(m.oi !== undefined ? { oi: m.oi } : {}) };
    },
    hasForming: () => minute.isForming() || builders.some((b) => b.formingWindow() !== undefined),
    onBar(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    lastTick: () => last,
    bars,
    lastBar,
    view: () => view,
  };

  function advanceCoarse(nowMs: number): void {
    if (nowMs < coarseDueAt) return;
    for (const b of builders) b.advanceTime(nowMs);
    updateCoarseDue();
  }
}
