import type { Unsubscribe } from '#core/bus';
import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import { err } from '#core/result';
import { istDateFromKey, istDateKey } from '#core/time-ist';
import type { Tick } from '#model/bar';
import { parseInstrumentId, type InstrumentId } from '#model/ids';
import type { Feed } from '#market/feed';
import type { BarCache } from '#market/history/bar-cache';
import { loadHistory, type HistorySource } from '#market/history/history-loader';
import type { MarketData } from '#market/market-data';
import { nseCalendar, type SessionCalendar } from '#market/session-calendar';

export interface HistoryBackfillDeps {
  readonly source: HistorySource;
  readonly cache: BarCache;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Sessions of 1m history loaded (OpenAlgo serves at most 30 days of intraday history). */
  readonly sessions?: number;
  readonly calendar?: SessionCalendar;
}

/** Sessions a chart opens with outside simulation: as many as the simulation's warm-up. */
export const BACKFILL_SESSIONS = 20;
const MAX_CALENDAR_DAYS = 29;
const DAY_MS = 86_400_000;

/**
 * Loads 1m history through OpenAlgo when the feed first connects, so a paper-mode chart opens with weeks
 * of bars instead of today's few. Bars must enter the bar series oldest first, so each instrument's live
 * ticks wait in a buffer until its history is in (or failed to load, which is logged and only costs the
 * history), then follow in order. The cache keeps every fetched session: a restart fetches only today.
 */
export function createHistoryBackfill(marketData: MarketData, deps: HistoryBackfillDeps) {
  const calendar = deps.calendar ?? nseCalendar;
  const waiting = new Map<InstrumentId, Tick[]>();
  let started = false;
  let closed = false;
  let loads: Promise<unknown> = Promise.resolve();
  let cancel: () => void = () => {};
  const cancelled = new Promise<void>((r) => (cancel = r));
  /**
   * The source as the loads see it: once closed, a request still in flight answers "cancelled" at once, so
   * nothing is written to the cache after the engine stopped (the store closes next), and later ones are
   * never sent. The abandoned request's own answer is dropped whenever it comes.
   */
  const source: HistorySource = {
    fetch: (symbol, exchange, interval, from, to) =>
      closed
        ? Promise.resolve(err({ kind: 'cancelled', message: 'the engine stopped' }))
        : Promise.race([deps.source.fetch(symbol, exchange, interval, from, to), cancelled.then(() => err({ kind: 'cancelled', message: 'the engine stopped' }))]),
  };
  /** Where ticks go once let through: the bar series' own tick handler. */
  let deliver: (tick: Tick) => void = (tick) => marketData.push(tick);

  const release = (id: InstrumentId): void => {
    const buffered = waiting.get(id) ?? [];
    waiting.delete(id);
    for (const t of buffered) deliver(t);
  };

  const route = (tick: Tick): void => {
    const buffered = waiting.get(tick.instrumentId);
    if (buffered) buffered.push(tick);
    else deliver(tick);
  };

  const range = (now: number): { from: string; to: string } => {
    const to = istDateKey(now);
    let from = calendar.sessionOn(to) ? to : calendar.previousTradingDay(to);
    for (let i = 1; i < (deps.sessions ?? BACKFILL_SESSIONS); i++) from = calendar.previousTradingDay(from);
    const floor = istDateKey(istDateFromKey(to) - MAX_CALENDAR_DAYS * DAY_MS);
    return { from: from < floor ? floor : from, to };
  };

  const loadOne = async (id: InstrumentId): Promise<void> => {
    const now = deps.clock.now();
    const { exchange, symbol } = parseInstrumentId(id);
    const { from, to } = range(now);
    try {
      const r = await loadHistory(source, deps.cache, { symbol, exchange, timeframe: '1m', fromDateKey: from, toDateKey: to, nowMs: now }, calendar);
      if (closed) return;
      if (!r.ok) {
        deps.logger.warn({ instrumentId: id, error: r.error.message }, 'chart history could not be loaded; the chart starts from the live ticks');
        return;
      }
      // History reaches up to now; keep only minutes before the first live tick, which the ticks rebuild.
      const firstLive = waiting.get(id)?.[0]?.tsEvent ?? now;
      const cut = Math.floor(firstLive / 60_000) * 60_000;
      marketData.pushBars(r.value.bars.filter((b) => b.tsStart < cut));
      deps.logger.info({ instrumentId: id, bars: r.value.bars.length, fetchedSessions: r.value.fetchedSessions, cachedSessions: r.value.cachedSessions }, 'chart history loaded');
    } finally {
      release(id);
    }
  };

  return {
    /**
     * Stops loading: requests in flight are abandoned, nothing more is fetched or written; resolves once
     * no load runs, so the store can be closed after it.
     */
    async close(): Promise<void> {
      closed = true;
      cancel();
      await loads;
    },

    /** Holds the ticks of `ids` until their history is in; call before the feed starts. */
    hold(ids: readonly InstrumentId[]): void {
      for (const id of ids) if (!waiting.has(id)) waiting.set(id, []);
    },

    /** The feed as the bar series should see it: the same feed, its held ticks delivered after their history. */
    view(feed: Feed): Feed {
      return {
        name: feed.name,
        start: () => feed.start(),
        stop: () => feed.stop(),
        ...(feed.reconnect ? { reconnect: () => feed.reconnect?.() } : {}),
        subscribe: (ids, mode) => feed.subscribe(ids, mode),
        unsubscribe: (ids) => feed.unsubscribe(ids),
        onTick(handler) {
          deliver = handler;
          return feed.onTick(route);
        },
        onStatus: (handler) => feed.onStatus(handler),
        status: () => feed.status(),
      };
    },

    /** Starts the loads at the feed's first connection; resolves when every held instrument flows. */
    follow(feed: Pick<Feed, 'onStatus' | 'status'>): { off: Unsubscribe; done: Promise<void> } {
      let resolve: () => void = () => {};
      const done = new Promise<void>((r) => (resolve = r));
      const begin = (): void => {
        if (started || closed) return;
        started = true;
        loads = Promise.all([...waiting.keys()].map(loadOne)).then(
          () => resolve(),
          (e: unknown) => {
            deps.logger.error({ err: e }, 'chart history failed');
            resolve();
          },
        );
      };
      if (feed.status().state === 'connected') begin();
      const off = feed.onStatus((s) => {
        if (s.state === 'connected') begin();
      });
      return { off, done };
    },
  };
}

export type HistoryBackfill = ReturnType<typeof createHistoryBackfill>;
