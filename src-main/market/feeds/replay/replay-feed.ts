import type { Unsubscribe } from '#core/bus';
import type { Clock, TimerHandle } from '#core/clock';
import type { Bar, Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Feed, FeedMode, FeedStatus } from '#market/feed';
import { barsToTicks } from './bar-ticks.ts';

/** Where recorded data comes from: the SQLite bar cache implements it. */
export interface ReplaySource {
  range(instrumentId: InstrumentId, timeframe: Timeframe, fromMs: number, toMs: number): Promise<Bar[]>;
  ticks(instrumentId: InstrumentId, fromMs: number, toMs: number): Promise<Tick[]>;
}

export interface ReplayFeedOptions {
  /** The replay's time base: a SimClock started at `fromMs` (as fast as the backtest advances it) or a scaled clock. */
  readonly clock: Clock;
  readonly source: ReplaySource;
  readonly fromMs: number;
  readonly toMs: number;
  /** Play stored ticks, or stored bars of `timeframe` turned into four ticks each. Default bars of 1m. */
  readonly data?: { readonly kind: 'ticks' } | { readonly kind: 'bars'; readonly timeframe: Timeframe };
}

interface Stream {
  readonly ticks: readonly Tick[];
  cursor: number;
}

/**
 * Plays recorded market data through the Feed port, each tick when the clock reaches its timestamp.
 * Data of instruments subscribed before start() is loaded by start(); a later subscription loads in the
 * background and joins from the clock's present on. Ticks already due when start() runs are emitted
 * synchronously, in time order.
 */
export function createReplayFeed(options: ReplayFeedOptions): Feed {
  const { clock, source, fromMs, toMs } = options;
  const data = options.data ?? { kind: 'bars', timeframe: '1m' };
  const streams = new Map<InstrumentId, Stream>();
  const subscribed = new Set<InstrumentId>();
  const tickHandlers = new Set<(tick: Tick) => void>();
  const statusHandlers = new Set<(status: FeedStatus) => void>();
  let current: FeedStatus = { state: 'idle', tsEvent: clock.now() };
  let timer: TimerHandle | undefined;
  let running = false;
  let emittedUntil = Number.NEGATIVE_INFINITY;

  const setStatus = (state: FeedStatus['state'], message?: string): void => {
    current = { state, tsEvent: clock.now(), ...(message ? { message } : {}) };
    for (const h of statusHandlers) h(current);
  };

  const load = async (id: InstrumentId): Promise<void> => {
    const ticks = data.kind === 'ticks' ? await source.ticks(id, fromMs, toMs) : barsToTicks(await source.range(id, data.timeframe, fromMs, toMs));
    const stream: Stream = { ticks, cursor: 0 };
    while (stream.cursor < ticks.length && ticks[stream.cursor]!.tsEvent <= emittedUntil) stream.cursor++;
    streams.set(id, stream);
  };

  const nextDue = (): { id: InstrumentId; stream: Stream } | undefined => {
    let best: { id: InstrumentId; stream: Stream } | undefined;
    for (const [id, stream] of streams) {
      const t = stream.ticks[stream.cursor];
      if (!t || !subscribed.has(id)) continue;
      if (!best || t.tsEvent < best.stream.ticks[best.stream.cursor]!.tsEvent) best = { id, stream };
    }
    return best;
  };

  const pump = (): void => {
    timer = undefined;
    const now = clock.now();
    for (let next = nextDue(); next && next.stream.ticks[next.stream.cursor]!.tsEvent <= now; next = nextDue()) {
      const tick = next.stream.ticks[next.stream.cursor++]!;
      for (const h of tickHandlers) h(tick);
    }
    emittedUntil = now;
    schedule();
  };

  const schedule = (): void => {
    if (!running || timer) return;
    const next = nextDue();
    if (!next) {
      if (clock.now() >= toMs || [...subscribed].every((id) => streams.has(id))) setStatus('stopped', 'replay reached the end of its data');
      return;
    }
    timer = clock.setTimer(next.stream.ticks[next.stream.cursor]!.tsEvent, pump);
  };

  return {
    name: 'replay',
    async start() {
      if (running) return;
      await Promise.all([...subscribed].filter((id) => !streams.has(id)).map(load));
      running = true;
      setStatus('connected');
      pump();
    },
    async stop() {
      running = false;
      timer?.cancel();
      timer = undefined;
      setStatus('stopped');
    },
    subscribe(ids: readonly InstrumentId[], _mode: FeedMode) {
      for (const id of ids) {
        subscribed.add(id);
        if (running && !streams.has(id)) {
          void load(id).then(() => {
            timer?.cancel();
            timer = undefined;
            schedule();
          });
        }
      }
    },
    unsubscribe(ids) {
      for (const id of ids) subscribed.delete(id);
    },
    onTick(handler): Unsubscribe {
      tickHandlers.add(handler);
      return () => void tickHandlers.delete(handler);
    },
    onStatus(handler): Unsubscribe {
      statusHandlers.add(handler);
      return () => void statusHandlers.delete(handler);
    },
    status: () => current,
  };
}
