import type { Unsubscribe } from '#core/bus';
import type { Clock, TimerHandle } from '#core/clock';
import type { Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Feed, FeedMode, FeedStatus } from '#market/feed';
import type { BarCache } from '#market/history/bar-cache';
import { nseCalendar, type SessionCalendar } from '#market/session-calendar';
import { BarTickCursor } from './bar-ticks.ts';
import { CursorQueue } from './cursor-queue.ts';
import { StoredTickCursor } from './tick-rows.ts';

/** Where recorded data comes from, a page at a time: the SQLite bar cache implements it. */
export type ReplaySource = Pick<BarCache, 'barRows' | 'tickRows'>;

/** A clock the replay may move itself: `SimClock`. */
export interface SteppedClock extends Clock {
  advanceTo(targetMs: number): void;
}

interface Common {
  readonly source: ReplaySource;
  readonly fromMs: number;
  readonly toMs: number;
  /** Play stored ticks, or stored bars of `timeframe` turned into four ticks each. Default bars of 1m. */
  readonly data?: { readonly kind: 'ticks' } | { readonly kind: 'bars'; readonly timeframe: Timeframe };
  /** Session hours, for where each bar ends. Default: the NSE calendar. */
  readonly calendar?: SessionCalendar;
  /** Rows read per instrument at a time. Default 4096: memory stays flat however long the range. */
  readonly pageSize?: number;
}

export type ReplayFeedOptions = Common &
  (
    | {
        /** Each tick when `clock` reaches it, through one pending clock timer: to watch a replay on a scaled clock. */
        readonly pacing?: 'timers';
        readonly clock: Clock;
      }
    | {
        /** The replay moves the clock itself (`playTo`): for backtests, as fast as the machine goes. */
        readonly pacing: 'driven';
        readonly clock: SteppedClock;
      }
  );

export interface ReplayFeed extends Feed {
  /** Instant of the next tick to play; undefined when the data is over. */
  nextTickAt(): number | undefined;
  /**
   * Driven pacing only: plays every tick stamped at or before `untilMs` and leaves the clock there. Before
   * each tick the clock moves to its instant, so the clock's timers due at or before a tick fire before
   * it: at one instant, timers first, then ticks, instruments in the order they were subscribed, each
   * instrument's ticks in stored order. Sets no timer. Returns how many ticks it played.
   */
  playTo(untilMs: number): number;
}

/**
 * Plays recorded market data through the Feed port. Data is read from SQLite a page per instrument at a
 * time and turned into ticks one at a time: a replay of ten years holds one page per instrument (4096 rows
 * by default, about eleven sessions of 1m bars), as a replay of a month does.
 * Instruments subscribed before the first start() begin at `fromMs`; one subscribed later joins at the
 * clock's present (after the last instant played). Ticks already due when start() runs are emitted by it,
 * in time order.
 */
export function createReplayFeed(options: ReplayFeedOptions): ReplayFeed {
  const { clock, source, fromMs, toMs } = options;
  const data = options.data ?? { kind: 'bars', timeframe: '1m' };
  const calendar = options.calendar ?? nseCalendar;
  const pageSize = options.pageSize ?? 4096;
  if (!(Number.isInteger(pageSize) && pageSize > 0)) throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
  const queue = new CursorQueue();
  const subscribed = new Set<InstrumentId>();
  let tickHandlers: readonly ((tick: Tick) => void)[] = [];
  const statusHandlers = new Set<(status: FeedStatus) => void>();
  let current: FeedStatus = { state: 'idle', tsEvent: clock.now() };
  let timer: TimerHandle | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let running = false;
  let started = false;
  let ended = false;
  let emittedUntil = Number.NEGATIVE_INFINITY;

  const setStatus = (state: FeedStatus['state'], message?: string): void => {
    current = { state, tsEvent: clock.now(), ...(message ? { message } : {}) };
    for (const h of statusHandlers) h(current);
  };

  const open = (id: InstrumentId): void => {
    const cursor =
      data.kind === 'ticks'
        ? new StoredTickCursor({ instrumentId: id, fromMs, pageSize, read: (afterMs, afterSeq, limit) => source.tickRows(id, afterMs, afterSeq, toMs, limit) })
        : new BarTickCursor({ instrumentId: id, timeframe: data.timeframe, fromMs, pageSize, calendar, read: (afterMs, limit) => source.barRows(id, data.timeframe, afterMs, toMs, limit) });
    // Joining mid-replay: from after the last instant played and from the clock's present on.
    if (started) cursor.skipThrough(Math.max(emittedUntil, clock.now() - 1));
    queue.add(cursor);
  };

  const emit = (tick: Tick): void => {
    const handlers = tickHandlers;
    for (let i = 0; i < handlers.length; i++) handlers[i]!(tick);
  };

  const checkEnd = (): void => {
    if (queue.size === 0 && !ended) {
      ended = true;
      setStatus('stopped', 'replay reached the end of its data');
    }
  };

  const pump = (): void => {
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    const now = clock.now();
    emittedUntil = now;
    for (let next = queue.peek(); running && next && next.nextTs <= now; next = queue.peek()) emit(queue.take());
    schedule();
  };

  const schedule = (): void => {
    if (!running || options.pacing === 'driven') return;
    const next = queue.peek();
    if (!next) return checkEnd();
    if (timer && timerAt <= next.nextTs) return;
    timer?.cancel();
    timerAt = next.nextTs;
    timer = clock.setTimer(timerAt, pump);
  };

  return {
    name: 'replay',
    async start() {
      if (running) return;
      running = true;
      started = true;
      setStatus('connected');
      if (options.pacing === 'driven') {
        const now = clock.now();
        for (let next = queue.peek(); running && next && next.nextTs <= now; next = queue.peek()) {
          emittedUntil = next.nextTs;
          emit(queue.take());
        }
        checkEnd();
      } else {
        pump();
      }
    },
    async stop() {
      running = false;
      timer?.cancel();
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      setStatus('stopped');
    },
    subscribe(ids: readonly InstrumentId[], _mode: FeedMode) {
      for (const id of ids) {
        if (subscribed.has(id)) continue;
        subscribed.add(id);
        open(id);
      }
      schedule();
    },
    unsubscribe(ids) {
      for (const id of ids) {
        if (subscribed.delete(id)) queue.remove(id);
      }
    },
    onTick(handler): Unsubscribe {
      tickHandlers = [...tickHandlers, handler];
      return () => {
        tickHandlers = tickHandlers.filter((h) => h !== handler);
      };
    },
    onStatus(handler): Unsubscribe {
      statusHandlers.add(handler);
      return () => void statusHandlers.delete(handler);
    },
    status: () => current,
    nextTickAt: () => queue.peek()?.nextTs,
    playTo(untilMs) {
      if (options.pacing !== 'driven') throw new Error('playTo needs a replay created with pacing: "driven"');
      if (!running) throw new Error('start the replay before playing it');
      const stepped = options.clock;
      let played = 0;
      for (let next = queue.peek(); running && next && next.nextTs <= untilMs; next = queue.peek()) {
        const at = next.nextTs;
        if (at > stepped.now()) {
          // Timers due by then fire first; they may subscribe or unsubscribe, so look again.
          stepped.advanceTo(at);
          continue;
        }
        emittedUntil = at;
        emit(queue.take());
        played++;
      }
      if (untilMs > stepped.now()) stepped.advanceTo(untilMs);
      if (untilMs > emittedUntil) emittedUntil = untilMs;
      checkEnd();
      return played;
    },
  };
}
