import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import type { Bar, Tick } from '#model/bar';
import type { Feed } from './feed.ts';
import { createSimulatorFeed } from './feeds/simulator/simulator-feed.ts';
import { createMarketData } from './market-data.ts';
import { calendarWithHolidays, dec, NIFTY } from './test-support.ts';

describe('createMarketData', () => {
  it('closes the 15:29, 60m and daily bars at 15:30 on the clock, with no tick after the close', async () => {
    const clock = new SimClock(istToEpoch(2025, 12, 1, 9, 0));
    const feed = createSimulatorFeed({ clock, seed: 3, tickIntervalMs: 5000, warmupSessions: 0, calendar: calendarWithHolidays() });
    const market = createMarketData({ clock, calendar: calendarWithHolidays() });
    market.attach(feed);
    feed.subscribe([NIFTY], 'ltp');
    const closedAt: [string, number, number][] = [];
    market.onBar((b: Bar) => closedAt.push([b.timeframe, b.tsStart, clock.now()]));
    await feed.start();
    clock.advanceTo(istToEpoch(2025, 12, 1, 15, 30));
    const at1530 = closedAt.filter(([, , at]) => at === dec(1, 15, 30)).map(([tf, start]) => [tf, start]);
    expect(at1530).toEqual([
      ['1m', dec(1, 15, 29)],
      ['3m', dec(1, 15, 27)],
      ['5m', dec(1, 15, 25)],
      ['15m', dec(1, 15, 15)],
      ['30m', dec(1, 15, 15)],
      ['60m', dec(1, 15, 15)],
      ['1d', dec(1, 9, 15)],
    ]);
    const view = market.view(NIFTY);
    expect(view.bars('1m', 1000)).toHaveLength(375);
    expect(view.bars('60m', 10).map((b) => b.tsStart)).toEqual([9, 10, 11, 12, 13, 14, 15].map((h) => dec(1, h, 15)));
    const day = view.lastBar('1d')!;
    const minutes = view.bars('1m', 375);
    expect(day).toMatchObject({ open: minutes[0]!.open, close: minutes.at(-1)!.close, high: Math.max(...minutes.map((b) => b.high)), low: Math.min(...minutes.map((b) => b.low)) });
  });

  it('runs the minute timer only while a bar is forming, and restarts it with the next tick', () => {
    const clock = new SimClock(dec(1, 15, 29));
    let emit: (t: Tick) => void = () => {};
    const feed = { onTick: (h: (t: Tick) => void) => ((emit = h), () => {}) } as unknown as Feed;
    const market = createMarketData({ clock, calendar: calendarWithHolidays() });
    market.attach(feed);
    const closed: [string, number][] = [];
    market.onBar((b) => closed.push([b.timeframe, clock.now()]));
    emit({ instrumentId: NIFTY, tsEvent: dec(1, 15, 29, 10), ltp: 100 });
    clock.advanceTo(dec(1, 15, 31));
    expect(closed).toContainEqual(['1d', dec(1, 15, 30)]);
    // Nothing forms overnight: no timer is left to step through the night.
    expect(clock.pendingTimers()).toBe(0);
    clock.advanceTo(dec(2, 9, 15));
    emit({ instrumentId: NIFTY, tsEvent: dec(2, 9, 15, 5), ltp: 101 });
    clock.advanceTo(dec(2, 9, 16));
    expect(closed.at(-1)).toEqual(['1m', dec(2, 9, 16)]);
    expect(clock.pendingTimers()).toBe(1);
  });
});
