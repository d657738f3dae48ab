import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { err, ok } from '#core/result';
import { istToEpoch } from '#core/time-ist';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { handFeed as createHandFeed } from '#market/feeds/hand-feed';
import { createSqliteBarCache } from '#market/history/bar-cache';
import type { HistorySource } from '#market/history/history-loader';
import { createMarketData } from '#market/market-data';
import { createHistoryBackfill } from './history-backfill.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const NOW = istToEpoch(2026, 11, 25, 10, 30, 20);

/** The hand feed with this file's instrument and clock. */
function handFeed() {
  const hand = createHandFeed();
  return {
    feed: hand.feed,
    tick: (tsEvent: number, ltp: number) => hand.push({ instrumentId: NIFTY, tsEvent, ltp }),
    connect: () => hand.setStatus({ state: 'connected', tsEvent: NOW }),
  };
}

/** 1m bars of the sessions asked for up to `NOW`, as OpenAlgo's /history answers, after a delay the test controls. */
function slowSource(fail = false) {
  let answer: () => void = () => {};
  const asked: string[] = [];
  const source: HistorySource = {
    fetch: (symbol, exchange, _tf, from, to) =>
      new Promise((resolve) => {
        asked.push(`${exchange}:${symbol} ${from}…${to}`);
        answer = () => {
          if (fail) return resolve(err({ kind: 'network', message: 'connection refused' }));
          const bars: Bar[] = [];
          for (let t = istToEpoch(2026, 11, 23, 9, 15); t < istToEpoch(2026, 11, 23, 15, 30); t += 60_000) bars.push(bar(t, 26_000));
          for (let t = istToEpoch(2026, 11, 25, 9, 15); t < NOW; t += 60_000) bars.push(bar(t, 26_100));
          resolve(ok(bars));
        };
      }),
  };
  return { source, asked, answer: () => answer() };
}
const bar = (tsStart: number, close: number): Bar => ({ instrumentId: NIFTY, timeframe: '1m', tsStart, open: close, high: close + 1, low: close - 1, close, volume: 0, closed: true });

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

describe('chart history when the feed connects', () => {
  it('loads the sessions before the first live tick, then lets the held ticks through in order', async () => {
    const clock = new SimClock(NOW);
    const marketData = createMarketData({ clock, capacity: 8000 });
    const { source, asked, answer } = slowSource();
    const backfill = createHistoryBackfill(marketData, { source, cache: createSqliteBarCache(new BetterSqlite3(':memory:')), clock, logger: silentLogger(), sessions: 2 });
    const hand = handFeed();
    marketData.attach(backfill.view(hand.feed));
    backfill.hold([NIFTY]);
    const { done } = backfill.follow(hand.feed);
    hand.connect();
    hand.tick(NOW, 26_120);
    hand.tick(NOW + 1000, 26_125);
    expect(marketData.forming(NIFTY, '1m')).toBeUndefined();
    expect(asked).toEqual(['NSE_INDEX:NIFTY 2026-11-23…2026-11-25']);
    answer();
    await done;
    const closed = marketData.view(NIFTY).bars('1m', 8000);
    expect(closed).toHaveLength(375 + 75);
    expect(closed.at(-1)!.tsStart).toBe(istToEpoch(2026, 11, 25, 10, 29));
    expect(marketData.forming(NIFTY, '1m')).toMatchObject({ tsStart: istToEpoch(2026, 11, 25, 10, 30), open: 26_120, close: 26_125 });
    expect(marketData.view(NIFTY).bars('1d', 5).map((b) => b.close)).toEqual([26_000]);
    hand.tick(NOW + 2000, 26_130);
    expect(marketData.forming(NIFTY, '1m')!.close).toBe(26_130);
  });

  it('lets the ticks through without history when it cannot be loaded', async () => {
    const clock = new SimClock(NOW);
    const marketData = createMarketData({ clock });
    const { source, answer } = slowSource(true);
    const backfill = createHistoryBackfill(marketData, { source, cache: createSqliteBarCache(new BetterSqlite3(':memory:')), clock, logger: silentLogger(), sessions: 2 });
    const hand = handFeed();
    marketData.attach(backfill.view(hand.feed));
    backfill.hold([NIFTY]);
    const { done } = backfill.follow(hand.feed);
    hand.connect();
    hand.tick(NOW, 26_120);
    answer();
    await done;
    await settle();
    expect(marketData.view(NIFTY).bars('1m', 10)).toEqual([]);
    expect(marketData.forming(NIFTY, '1m')).toMatchObject({ open: 26_120 });
  });
  it('once closed, abandons a load in flight: close resolves before the answer, which is never written', async () => {
    const clock = new SimClock(NOW);
    const marketData = createMarketData({ clock });
    const { source, asked, answer } = slowSource();
    const db = new BetterSqlite3(':memory:');
    const cache = createSqliteBarCache(db);
    const backfill = createHistoryBackfill(marketData, { source, cache, clock, logger: silentLogger(), sessions: 2 });
    const hand = handFeed();
    marketData.attach(backfill.view(hand.feed));
    backfill.hold([NIFTY]);
    backfill.follow(hand.feed);
    hand.connect();
    expect(asked).toHaveLength(1);
    await backfill.close();
    db.close();
    answer();
    await settle();
    expect(marketData.view(NIFTY).bars('1m', 10)).toEqual([]);
    expect(asked).toHaveLength(1);
  });
});
