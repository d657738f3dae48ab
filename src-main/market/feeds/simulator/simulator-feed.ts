import type { Unsubscribe } from '#core/bus';
import type { Clock, TimerHandle } from '#core/clock';
import { createRandom } from '#core/random';
import { istDateFromKey, istDateKey } from '#core/time-ist';
import type { Bar, Tick } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import { roundToTick, type FutureInstrument, type IndexInstrument, type Instrument } from '#model/instrument';
import type { Feed, FeedMode, FeedStatus } from '#market/feed';
import { nseCalendar, type SessionCalendar, type TradingSession } from '#market/session-calendar';
import { indexInstrument, nearMonthFuture, UNDERLYINGS, VIX_INSTRUMENT, type UnderlyingSpec } from './instruments.ts';
import { DEFAULT_MODEL_PARAMS, MarketModel, type ModelParams } from './market-model.ts';

export interface SimulatorFeedOptions {
  readonly clock: Clock;
  readonly seed: number;
  /** Spacing of ticks, on a grid anchored at each session's 09:15 open. Default 1000 ms. */
  readonly tickIntervalMs?: number;
  /**
   * Completed sessions of history generated (and emitted) by start() before going live, plus today's
   * session so far when it is open. Default 2.
   */
  readonly warmupSessions?: number;
  /**
   * Tick spacing of warm-up sessions older than the last two, which a chart shows zoomed out: 20 sessions on
   * the 1 s grid would take seconds to generate at every start. Default 5000 ms (12 ticks per 1m bar).
   */
  readonly warmupTickIntervalMs?: number;
  /**
   * Sessions before the warm-up kept only as daily bars of each index and India VIX (`dailyHistory()`),
   * never emitted as ticks: a seller's daily ATR and VIX percentile need a month to a year of days, which
   * would cost seconds as ticks. The model runs through them one minute a step, so the warm-up continues
   * the same path. Default 0.
   */
  readonly dailyHistorySessions?: number;
  readonly calendar?: SessionCalendar;
  readonly params?: Partial<ModelParams>;
  readonly underlyings?: readonly UnderlyingSpec[];
}

export interface SimulatorFeed extends Feed {
  /** Index spots, INDIAVIX and the near-month futures of the current (or last generated) session. */
  instruments(): readonly Instrument[];
  /** Closed daily bars of the indices and India VIX before the warm-up (`dailyHistorySessions`), oldest first; filled by start(). */
  dailyHistory(): readonly Bar[];
}

const DAY_MS = 86_400_000;
/** Warm-up sessions generated on the live grid, closest to now. */
const FINE_WARMUP_SESSIONS = 2;

/**
 * A synthetic NSE/BSE market behind the Feed port. Ticks exist only on a grid inside trading sessions
 * and are produced only when the injected clock's timer fires (SimClock: as fast as the backtest
 * advances it; WallClock: real time; a scaled clock: accelerated). The model steps through every grid
 * instant whether or not anyone is subscribed, so subscriptions filter what is emitted without changing
 * the market: the same seed and the same start instant always give the same ticks.
 */
export function createSimulatorFeed(options: SimulatorFeedOptions): SimulatorFeed {
  const { clock } = options;
  const tickIntervalMs = options.tickIntervalMs ?? 1000;
  const warmupSessions = options.warmupSessions ?? 2;
  const coarseIntervalMs = Math.max(tickIntervalMs, options.warmupTickIntervalMs ?? 5000);
  if (!(tickIntervalMs >= 10 && tickIntervalMs <= 60_000)) throw new RangeError(`tickIntervalMs must be 10…60000, got ${tickIntervalMs}`);
  if (!(coarseIntervalMs <= 60_000 && 60_000 % coarseIntervalMs === 0)) throw new RangeError(`warmupTickIntervalMs must divide a minute, got ${coarseIntervalMs}`);
  if (!Number.isInteger(warmupSessions) || warmupSessions < 0) throw new RangeError(`warmupSessions must be a non-negative integer`);
  const dailySessions = options.dailyHistorySessions ?? 0;
  if (!Number.isInteger(dailySessions) || dailySessions < 0) throw new RangeError(`dailyHistorySessions must be a non-negative integer`);
  const calendar = options.calendar ?? nseCalendar;
  const specs = options.underlyings ?? UNDERLYINGS;
  const params: ModelParams = { ...DEFAULT_MODEL_PARAMS, ...options.params };
  const model = new MarketModel(specs, params, createRandom(options.seed));
  const indices: readonly IndexInstrument[] = specs.map(indexInstrument);

  const tickHandlers = new Set<(tick: Tick) => void>();
  const statusHandlers = new Set<(status: FeedStatus) => void>();
  const subscribed = new Map<InstrumentId, FeedMode>();
  let current: FeedStatus = { state: 'idle', tsEvent: clock.now() };
  let timer: TimerHandle | undefined;
  /** The F&O session (futures trade to 15:40 from 2026-08-03); index values stop at the equity close. */
  let session: TradingSession | undefined;
  let equityClose = 0;
  let nextAt = 0;
  /** Sessions before this date key are warm-up on the coarse grid. */
  let fineFrom = '';
  let futures: FutureInstrument[] = [];
  const expiryMs = new Float64Array(specs.length);
  const daily: Bar[] = [];

  const setStatus = (state: FeedStatus['state'], message?: string): void => {
    current = { state, tsEvent: clock.now(), ...(message ? { message } : {}) };
    for (const h of statusHandlers) h(current);
  };

  const enterSession = (s: TradingSession, previous: TradingSession | undefined): void => {
    session = s;
    equityClose = calendar.sessionOn(s.dateKey, 'equity')?.close ?? s.close;
    nextAt = s.open;
    futures = specs.map((spec) => nearMonthFuture(spec, s.dateKey, calendar));
    futures.forEach((f, i) => (expiryMs[i] = f.expiry));
    const closedDays = previous ? Math.round((istDateFromKey(s.dateKey) - istDateFromKey(previous.dateKey)) / DAY_MS) : 1;
    model.openSession(closedDays, s.open, expiryMs);
  };

  const emit = (ts: number): void => {
    if (subscribed.size === 0 || tickHandlers.size === 0) return;
    const st = model.state;
    const send = (tick: Tick) => {
      for (const h of tickHandlers) h(tick);
    };
    const indexOpen = ts < equityClose;
    for (let i = 0; i < specs.length; i++) {
      const idx = indices[i]!;
      if (indexOpen && subscribed.has(idx.id)) send({ instrumentId: idx.id, tsEvent: ts, ltp: roundToTick(st.spot[i]!, idx.tickSize) });
      const fut = futures[i]!;
      const mode = subscribed.get(fut.id);
      if (mode) {
        const ltp = roundToTick(st.future[i]!, fut.tickSize);
        const base = { instrumentId: fut.id, tsEvent: ts, ltp, volume: st.cumVolume[i]!, oi: st.openInterest[i]! };
        send(mode === 'ltp' ? base : { ...base, bid: roundToTick(ltp - fut.tickSize, fut.tickSize), ask: roundToTick(ltp + fut.tickSize, fut.tickSize), bidQty: fut.lotSize * (1 + (ts % 7)), askQty: fut.lotSize * (1 + (ts % 5)) });
      }
    }
    if (indexOpen && subscribed.has(VIX_INSTRUMENT.id)) send({ instrumentId: VIX_INSTRUMENT.id, tsEvent: ts, ltp: roundToTick(st.vix, VIX_INSTRUMENT.tickSize) });
  };

  /** Steps the model through every grid instant up to `untilMs`, emitting each one in time order. */
  const generateUntil = (untilMs: number): void => {
    while (session && nextAt <= untilMs) {
      const s = session;
      const interval = s.dateKey < fineFrom ? coarseIntervalMs : tickIntervalMs;
      const dtSec = nextAt === s.open ? 0 : interval / 1000;
      if (dtSec > 0) model.step(dtSec, (nextAt - s.open) / 60_000, nextAt, expiryMs);
      emit(nextAt);
      nextAt += interval;
      if (nextAt >= s.close) {
        const next = calendar.sessionOn(calendar.nextTradingDay(s.dateKey), 'fno');
        if (!next) throw new Error(`calendar has no session after ${s.dateKey}`);
        enterSession(next, s);
      }
    }
  };

  const schedule = (): void => {
    timer = clock.setTimer(nextAt, () => {
      generateUntil(clock.now());
      schedule();
    });
  };

  /** The open of the `warmupSessions`-th most recent session closed by now (today's counts once it has closed). */
  const firstSession = (nowMs: number): TradingSession => {
    const today = istDateKey(nowMs);
    const todaySession = calendar.sessionOn(today, 'fno');
    if (warmupSessions === 0) return todaySession && nowMs < todaySession.close ? todaySession : calendar.sessionOn(calendar.nextTradingDay(today), 'fno')!;
    let key = todaySession && nowMs >= todaySession.close ? today : calendar.previousTradingDay(today);
    for (let i = 1; i < warmupSessions; i++) {
      if (i === FINE_WARMUP_SESSIONS) fineFrom = key;
      key = calendar.previousTradingDay(key);
    }
    return calendar.sessionOn(key, 'fno')!;
  };

  /**
   * Runs the model through the `dailySessions` sessions before `first`, a step a minute, keeping one
   * daily bar per index (to the equity close) and India VIX; then enters `first` as the path goes on.
   */
  const generateDaily = (first: TradingSession): void => {
    let key = first.dateKey;
    for (let i = 0; i < dailySessions; i++) key = calendar.previousTradingDay(key);
    let s = calendar.sessionOn(key, 'fno')!;
    enterSession(s, undefined);
    const ids = [...indices.map((x) => x.id), VIX_INSTRUMENT.id];
    const ticks = [...indices.map((x) => x.tickSize), VIX_INSTRUMENT.tickSize];
    const open = new Float64Array(ids.length);
    const high = new Float64Array(ids.length);
    const low = new Float64Array(ids.length);
    const last = new Float64Array(ids.length);
    const sample = (first: boolean): void => {
      const st = model.state;
      for (let i = 0; i < ids.length; i++) {
        const v = i < specs.length ? st.spot[i]! : st.vix;
        if (first) open[i] = high[i] = low[i] = v;
        high[i] = Math.max(high[i]!, v);
        low[i] = Math.min(low[i]!, v);
        last[i] = v;
      }
    };
    while (s.dateKey < first.dateKey) {
      sample(true);
      for (let t = s.open + 60_000; t <= equityClose; t += 60_000) {
        model.step(60, (t - s.open) / 60_000 - 1, t, expiryMs);
        sample(false);
      }
      const barStart = calendar.sessionOn(s.dateKey, 'equity')?.open ?? s.open;
      for (let i = 0; i < ids.length; i++) {
        const r = (x: number): number => roundToTick(x, ticks[i]!);
        daily.push({ instrumentId: ids[i]!, timeframe: '1d', tsStart: barStart, open: r(open[i]!), high: r(high[i]!), low: r(low[i]!), close: r(last[i]!), volume: 0, closed: true });
      }
      const next = calendar.sessionOn(calendar.nextTradingDay(s.dateKey), 'fno');
      if (!next) throw new Error(`calendar has no session after ${s.dateKey}`);
      enterSession(next, s);
      s = next;
    }
  };

  return {
    name: 'simulator',
    async start() {
      if (timer) return;
      if (!session) {
        const first = firstSession(clock.now());
        if (dailySessions > 0) generateDaily(first);
        else enterSession(first, undefined);
      }
      generateUntil(clock.now());
      setStatus('connected');
      schedule();
    },
    async stop() {
      timer?.cancel();
      timer = undefined;
      setStatus('stopped');
    },
    subscribe(ids, mode) {
      for (const id of ids) subscribed.set(id, mode);
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
    instruments() {
      const date = session?.dateKey ?? istDateKey(clock.now());
      const futs = futures.length > 0 ? futures : specs.map((spec) => nearMonthFuture(spec, date, calendar));
      return [...indices, VIX_INSTRUMENT, ...futs];
    },
    dailyHistory: () => daily,
  };
}
