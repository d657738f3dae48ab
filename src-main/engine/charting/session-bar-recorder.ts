import type { Unsubscribe } from '#core/bus';
import type { Clock, TimerHandle } from '#core/clock';
import type { Logger } from '#core/log';
import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { QuoteSource } from '#execution/quotes';
import { createBarAggregator, type BarAggregator } from '#market/bar-aggregator';
import type { BarCache } from '#market/history/bar-cache';
import type { MarketData } from '#market/market-data';
import type { StoreFaults } from '../store-faults.ts';

export interface SessionBarRecorderOptions {
  readonly marketData: Pick<MarketData, 'onBar'>;
  readonly quotes: QuoteSource;
  readonly cache: Pick<BarCache, 'saveRecorded'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The feed's own instruments (underlyings, India VIX): recorded from the start. */
  readonly instruments: readonly InstrumentId[];
  /**
   * True in simulation: option legs are priced by the model into the quote book and never come through
   * the feed, so their bars are built here from those quotes. Live, every leg is a feed subscription and
   * its bars come from the market data like the underlyings'.
   */
  readonly modelQuotedLegs: boolean;
  /** Where a write the database refused is reported (the trader's tray, the metric); without it, it is logged here. */
  readonly storeFaults?: Pick<StoreFaults, 'absorb'>;
}

export interface SessionBarRecorder {
  /** Records this instrument's 1-minute bars from now on (a leg the moment an order names it). */
  record(id: InstrumentId): void;
  /** Starts recording: bars that start before this minute (the feed's warm-up or history burst) are not written. */
  start(): void;
  /** Writes what has closed and stops; the forming minute is not written. */
  stop(): void;
}

/**
 * The session's closed 1-minute bars, written to the same `bars` table history fills, so a backtest or
 * a parity report of the day has the market the terminal saw. Writes leave the tick path: bars closed at
 * one minute boundary are written together after that boundary's handlers, in one transaction, so a
 * killed terminal loses at most the forming minute. A stored bar of the same minute is never replaced.
 */
export function createSessionBarRecorder(o: SessionBarRecorderOptions): SessionBarRecorder {
  const recorded = new Set<InstrumentId>(o.instruments);
  const feedInstruments = new Set<InstrumentId>(o.instruments);
  const legs = new Map<InstrumentId, BarAggregator>();
  const offs: Unsubscribe[] = [];
  let pending: Bar[] = [];
  let flushQueued = false;
  let fromMs = Number.POSITIVE_INFINITY;
  let timer: TimerHandle | undefined;

  const flush = (): void => {
    flushQueued = false;
    if (pending.length === 0) return;
    const bars = pending;
    pending = [];
    try {
      o.cache.saveRecorded(bars);
    } catch (e) {
      // Kept for the next minute's write (a day is a few thousand bars at most): a busy or full disk loses nothing yet.
      pending = [...bars, ...pending];
      if (o.storeFaults?.absorb(e, 'the session bar recorder', `${pending.length} bar(s) kept for the next minute's write`)) return;
      o.logger.error({ err: e, bars: pending.length }, 'recording the session bars failed; retrying at the next minute');
    }
  };
  const keep = (bar: Bar): void => {
    if (bar.timeframe !== '1m' || !bar.closed || bar.tsStart < fromMs || !recorded.has(bar.instrumentId)) return;
    pending.push(bar);
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flush);
    }
  };
  const closeLegs = (): void => {
    timer = undefined;
    const now = o.clock.now();
    for (const a of legs.values()) a.advanceTime(now);
    armLegs();
  };
  /** A leg's minute closes on the clock even when the model quotes it no more (its position was closed). */
  const armLegs = (): void => {
    if (timer || ![...legs.values()].some((a) => a.isForming())) return;
    timer = o.clock.setTimer(Math.floor(o.clock.now() / 60_000) * 60_000 + 60_000, closeLegs);
  };
  const legAggregator = (id: InstrumentId): BarAggregator => {
    let a = legs.get(id);
    if (!a) {
      a = createBarAggregator({ instrumentId: id, timeframe: '1m' });
      a.onClose(keep);
      legs.set(id, a);
    }
    return a;
  };
  const foldQuote = (id: InstrumentId, ltp: number, tsEvent: number): void => {
    legAggregator(id).push({ instrumentId: id, ltp, tsEvent });
    armLegs();
  };

  return {
    record(id) {
      if (recorded.has(id)) return;
      recorded.add(id);
      // The leg's first minute opens at the price the decision saw, not at its next requote.
      const q = o.modelQuotedLegs && !feedInstruments.has(id) ? o.quotes.quote(id) : undefined;
      if (q && Number.isFinite(fromMs)) foldQuote(id, q.ltp, Math.max(q.tsEvent, o.clock.now()));
    },
    start() {
      fromMs = Math.floor(o.clock.now() / 60_000) * 60_000;
      offs.push(o.marketData.onBar(keep));
      if (o.modelQuotedLegs) {
        offs.push(
          o.quotes.onQuote((q) => {
            if (recorded.has(q.instrumentId) && !feedInstruments.has(q.instrumentId)) foldQuote(q.instrumentId, q.ltp, q.tsEvent);
          }),
        );
      }
    },
    stop() {
      for (const off of offs.splice(0)) off();
      timer?.cancel();
      timer = undefined;
      flush();
    },
  };
}
