import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { barEndOf } from '#calendar/bar-end';
import { SimClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import type { Bar, Tick } from '#model/bar';
import { instrumentId } from '#model/ids';
import type { Timeframe } from '#model/bar';
import { createBarAggregator } from '#market/bar-aggregator';
import { createSqliteBarCache, type BarCache } from '#market/history/bar-cache';
import { createMarketData } from '#market/market-data';
import { calendarWithHolidays } from '#market/test-support';
import { createSimulatorFeed } from '../simulator/simulator-feed.ts';
import { createReplayFeed } from './replay-feed.ts';

const FUT = instrumentId('NFO', 'NIFTY30DEC25FUT');
const VIX = instrumentId('NSE_INDEX', 'INDIAVIX');
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const FROM = istToEpoch(2025, 12, 1, 0, 0);
const TO = istToEpoch(2025, 12, 3, 0, 0);

/** Two simulated sessions: their ticks and the closed 1m bars they aggregate to. */
function recorded() {
  const clock = new SimClock(istToEpoch(2025, 12, 2, 16, 0));
  const feed = createSimulatorFeed({ clock, seed: 77, tickIntervalMs: 3000, calendar: calendarWithHolidays() });
  feed.subscribe([FUT, VIX], 'ltp');
  const ticks: Tick[] = [];
  feed.onTick((t) => ticks.push(t));
  void feed.start();
  return { ticks, bars: aggregate(ticks.filter((t) => t.instrumentId === FUT), istToEpoch(2025, 12, 2, 15, 30)) };
}

function aggregate(ticks: readonly Tick[], endMs: number, timeframe: Timeframe = '1m', id = FUT): Bar[] {
  const agg = createBarAggregator({ instrumentId: id, timeframe, calendar: calendarWithHolidays() });
  const out: Bar[] = [];
  agg.onBar((b) => b.closed && out.push(b));
  for (const t of ticks) agg.push(t);
  agg.advanceTime(endMs);
  return out;
}

describe('createReplayFeed', () => {
  it('replays stored 1m bars as ticks that aggregate back to exactly the stored bars', async () => {
    const { bars } = recorded();
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    cache.save(bars, 'simulator');
    const clock = new SimClock(FROM);
    const feed = createReplayFeed({ clock, source: cache, fromMs: FROM, toMs: TO });
    feed.subscribe([FUT], 'ltp');
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    await feed.start();
    expect(ticks).toEqual([]);
    clock.advanceTo(istToEpoch(2025, 12, 1, 9, 20));
    expect(ticks.at(-1)!.tsEvent).toBeLessThanOrEqual(istToEpoch(2025, 12, 1, 9, 20));
    clock.advanceTo(TO);
    expect(aggregate(ticks, TO)).toEqual(bars);
    expect(bars.length).toBe(750);
    expect(feed.status().state).toBe('stopped');
  });

  it('replays stored ticks of several instruments in time order, only the subscribed ones', async () => {
    const { ticks: original } = recorded();
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    cache.saveTicks(original);
    const run = async (ids: readonly (typeof FUT)[]) => {
      const clock = new SimClock(FROM);
      const feed = createReplayFeed({ clock, source: cache, fromMs: FROM, toMs: TO, data: { kind: 'ticks' } });
      feed.subscribe(ids, 'ltp');
      const out: Tick[] = [];
      feed.onTick((t) => out.push(t));
      await feed.start();
      clock.advanceTo(TO);
      return out;
    };
    const both = await run([FUT, VIX]);
    expect(both).toHaveLength(original.length);
    expect(both.map((t) => t.tsEvent)).toEqual(original.map((t) => t.tsEvent));
    expect(new Set(both.map((t) => `${t.instrumentId}@${t.tsEvent}`))).toEqual(new Set(original.map((t) => `${t.instrumentId}@${t.tsEvent}`)));
    expect(await run([VIX])).toEqual(both.filter((t) => t.instrumentId === VIX));
  });

  it('plays driven by the replay on a SimClock: the same ticks as the timer-paced replay, and not one timer set', async () => {
    const { bars } = recorded();
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    cache.save(bars, 'simulator');
    const paced = await playPaced(cache, [FUT]);
    const clock = new CountingClock(FROM);
    const feed = createReplayFeed({ clock, source: cache, fromMs: FROM, toMs: TO, pacing: 'driven', calendar: calendarWithHolidays() });
    feed.subscribe([FUT], 'ltp');
    const ticks: Tick[] = [];
    feed.onTick((t) => {
      expect(clock.now()).toBe(t.tsEvent);
      ticks.push(t);
    });
    await feed.start();
    expect(feed.nextTickAt()).toBe(istToEpoch(2025, 12, 1, 9, 15));
    expect(feed.playTo(istToEpoch(2025, 12, 1, 9, 20))).toBe(5 * 4 + 1);
    expect(clock.now()).toBe(istToEpoch(2025, 12, 1, 9, 20));
    feed.playTo(TO);
    expect(ticks).toEqual(paced);
    expect(ticks).toHaveLength(bars.length * 4);
    expect(clock.timersSet).toBe(0);
    expect(feed.status()).toMatchObject({ state: 'stopped', message: 'replay reached the end of its data' });
  });

  it('reads SQLite a page at a time: memory holds a page per instrument, never the whole range', async () => {
    const { bars } = recorded();
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    cache.save(bars, 'simulator');
    const pages: number[] = [];
    const source = { ...cache, barRows: (...args: Parameters<BarCache['barRows']>) => (pages.push(args[4]), cache.barRows(...args)) };
    const clock = new SimClock(FROM);
    const feed = createReplayFeed({ clock, source, fromMs: FROM, toMs: TO, pacing: 'driven', pageSize: 100, calendar: calendarWithHolidays() });
    feed.subscribe([FUT], 'ltp');
    let n = 0;
    feed.onTick(() => n++);
    await feed.start();
    feed.playTo(istToEpoch(2025, 12, 1, 10, 0));
    expect(pages).toEqual([100]);
    feed.playTo(TO);
    expect(n).toBe(750 * 4);
    expect(pages).toEqual(Array(8).fill(100));
  });

  it('fires clock timers due at a tick\'s instant before the tick; instruments tie in subscription order', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const at = istToEpoch(2025, 12, 1, 9, 15);
    const bar = (id: typeof FUT, close: number): Bar => ({ instrumentId: id, timeframe: '1m', tsStart: at, open: 100, high: 101, low: 99, close, volume: 0, closed: true });
    cache.save([bar(FUT, 100.5), bar(NIFTY, 100.5)], 'simulator');
    const order = async (ids: readonly (typeof FUT)[]) => {
      const clock = new SimClock(FROM);
      const feed = createReplayFeed({ clock, source: cache, fromMs: FROM, toMs: TO, pacing: 'driven', calendar: calendarWithHolidays() });
      const seen: string[] = [];
      clock.setTimer(at, () => seen.push('timer'));
      feed.subscribe(ids, 'ltp');
      feed.onTick((t) => seen.push(`${t.instrumentId}@${(t.tsEvent - at) / 1000}`));
      await feed.start();
      feed.playTo(TO);
      return seen.slice(0, 5);
    };
    expect(await order([FUT, NIFTY])).toEqual(['timer', `${FUT}@0`, `${NIFTY}@0`, `${FUT}@20`, `${NIFTY}@20`]);
    expect(await order([NIFTY, FUT])).toEqual(['timer', `${NIFTY}@0`, `${FUT}@0`, `${NIFTY}@20`, `${FUT}@20`]);
  });

  it('rebuilds 60m and daily bars exactly, the last hour ending at the close of its segment (15:30, F&O 15:40 from 3 Aug 2026)', async () => {
    const days = [istToEpoch(2026, 7, 31), istToEpoch(2026, 8, 3)];
    for (const [id, tf] of [[NIFTY, '60m'], [FUT, '60m'], [FUT, '1d'], [NIFTY, '1d']] as const) {
      const closed: Bar[] = [];
      for (const day of days) {
        const agg = createBarAggregator({ instrumentId: id, timeframe: tf, calendar: calendarWithHolidays() });
        agg.onClose((b) => closed.push(b));
        for (let m = 0; m < 6 * 60 + 25; m++) agg.push({ instrumentId: id, tsEvent: day + (9 * 60 + 15 + m) * 60_000 + 30_000, ltp: 100 + (m % 37), volume: id === FUT ? 1000 * (m + 1) : undefined } as Tick);
        agg.advanceTime(day + 16 * 3_600_000);
      }
      const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
      cache.save(closed, 'simulator');
      const clock = new SimClock(days[0]!);
      const feed = createReplayFeed({ clock, source: cache, fromMs: days[0]!, toMs: days[1]! + 86_400_000, pacing: 'driven', data: { kind: 'bars', timeframe: tf }, calendar: calendarWithHolidays() });
      feed.subscribe([id], 'ltp');
      const ticks: Tick[] = [];
      feed.onTick((t) => ticks.push(t));
      await feed.start();
      feed.playTo(days[1]! + 86_400_000);
      expect(aggregate(ticks, days[1]! + 86_400_000, tf, id), `${id} ${tf}`).toEqual(closed);
    }
  });

  it('feeds market data with no look-ahead: each bar of every timeframe is published when the clock reaches its end', async () => {
    const { bars } = recorded();
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    cache.save(bars, 'simulator');
    const clock = new SimClock(FROM);
    const feed = createReplayFeed({ clock, source: cache, fromMs: FROM, toMs: TO, pacing: 'driven', calendar: calendarWithHolidays() });
    const market = createMarketData({ clock, calendar: calendarWithHolidays() });
    market.attach(feed);
    feed.subscribe([FUT], 'ltp');
    const late: string[] = [];
    let published = 0;
    market.onBar((b) => {
      published++;
      const end = barEndOf(b.instrumentId, b.timeframe, b.tsStart);
      if (clock.now() < end) late.push(`${b.timeframe} bar of ${b.tsStart} ending ${end} seen at ${clock.now()}`);
    });
    await feed.start();
    feed.playTo(TO);
    expect(late).toEqual([]);
    expect(market.view(FUT).bars('1m', 1000)).toEqual(bars);
    expect(published).toBe(750 + 250 + 150 + 50 + 26 + 14 + 2);
  });

  it('lets an instrument join mid-replay from the present on, and drops one that leaves', async () => {
    const { ticks: original } = recorded();
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    cache.saveTicks(original);
    const clock = new SimClock(FROM);
    const feed = createReplayFeed({ clock, source: cache, fromMs: FROM, toMs: TO, pacing: 'driven', data: { kind: 'ticks' } });
    feed.subscribe([FUT], 'ltp');
    const out: Tick[] = [];
    feed.onTick((t) => out.push(t));
    await feed.start();
    const noon = istToEpoch(2025, 12, 1, 12, 0);
    feed.playTo(noon);
    feed.subscribe([VIX], 'ltp');
    feed.unsubscribe([FUT]);
    feed.playTo(TO);
    const want = original.filter((t) => (t.instrumentId === FUT && t.tsEvent <= noon) || (t.instrumentId === VIX && t.tsEvent > noon));
    expect(out).toEqual(want);
  });

  it('refuses playTo on a timer-paced replay and before start', async () => {
    const cache = createSqliteBarCache(new BetterSqlite3(':memory:'));
    const paced = createReplayFeed({ clock: new SimClock(FROM), source: cache, fromMs: FROM, toMs: TO });
    expect(() => paced.playTo(TO)).toThrow(/pacing: "driven"/);
    const driven = createReplayFeed({ clock: new SimClock(FROM), source: cache, fromMs: FROM, toMs: TO, pacing: 'driven' });
    expect(() => driven.playTo(TO)).toThrow(/start the replay/);
  });
});

/** A SimClock that counts the timers set on it. */
class CountingClock extends SimClock {
  timersSet = 0;
  override setTimer(atMs: number, fn: () => void) {
    this.timersSet++;
    return super.setTimer(atMs, fn);
  }
}

async function playPaced(cache: BarCache, ids: readonly (typeof FUT)[]): Promise<Tick[]> {
  const clock = new SimClock(FROM);
  const feed = createReplayFeed({ clock, source: cache, fromMs: FROM, toMs: TO, calendar: calendarWithHolidays() });
  feed.subscribe(ids, 'ltp');
  const out: Tick[] = [];
  feed.onTick((t) => out.push(t));
  await feed.start();
  clock.advanceTo(TO);
  return out;
}
