import { describe, expect, it, vi } from 'vitest';
import { SimClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import type { Bar, Tick } from '#model/bar';
import { createBarAggregator } from './bar-aggregator.ts';
import { createSimulatorFeed } from './feeds/simulator/simulator-feed.ts';
import { createMultiTimeframe } from './multi-timeframe.ts';
import { calendarWithHolidays, dec, NIFTY, tick } from './test-support.ts';

const simTicks = (seed: number, until: number): Tick[] => {
  const clock = new SimClock(istToEpoch(2025, 12, 3, 15, 40));
  const feed = createSimulatorFeed({ clock, seed, tickIntervalMs: 2000, calendar: calendarWithHolidays() });
  feed.subscribe([NIFTY], 'ltp');
  const out: Tick[] = [];
  feed.onTick((t) => out.push(t));
  void feed.start();
  clock.advanceTo(until);
  return out;
};

describe('createMultiTimeframe', () => {
  it('builds every timeframe from 1m bars so that each agrees with aggregating the ticks directly', () => {
    const ticks = simTicks(21, istToEpoch(2025, 12, 3, 15, 40));
    const mtf = createMultiTimeframe({ instrumentId: NIFTY, calendar: calendarWithHolidays() });
    for (const t of ticks) mtf.push(t);
    mtf.advanceTime(istToEpoch(2025, 12, 3, 15, 30));
    for (const tf of ['1m', '3m', '5m', '15m', '30m', '60m', '1d'] as const) {
      const direct = createBarAggregator({ instrumentId: NIFTY, timeframe: tf, calendar: calendarWithHolidays() });
      const closed: Bar[] = [];
      direct.onBar((b) => b.closed && closed.push(b));
      for (const t of ticks) direct.push(t);
      direct.advanceTime(istToEpoch(2025, 12, 3, 15, 30));
      expect(mtf.bars(tf, 10_000), tf).toEqual(closed.slice(-1000));
    }
    expect(mtf.bars('1d', 5).map((b) => b.tsStart)).toEqual([dec(2, 9, 15), dec(3, 9, 15)]);
    expect(mtf.bars('60m', 7).map((b) => new Date(b.tsStart).toISOString().slice(11, 16))).toEqual(['03:45', '04:45', '05:45', '06:45', '07:45', '08:45', '09:45']);
  });

  it('answers "the last N closed bars" oldest first, plus the current tick', () => {
    const mtf = createMultiTimeframe({ instrumentId: NIFTY, calendar: calendarWithHolidays() });
    for (let m = 0; m < 30; m++) mtf.push(tick(dec(1, 9, 15 + m, 1), 100 + m));
    const last3 = mtf.view().bars('5m', 3);
    expect(last3.map((b) => [b.tsStart, b.open, b.close])).toEqual([
      [dec(1, 9, 25), 110, 114],
      [dec(1, 9, 30), 115, 119],
      [dec(1, 9, 35), 120, 124],
    ]);
    expect(mtf.view().lastTick()?.ltp).toBe(129);
    expect(mtf.view().bars('1m', 100)).toHaveLength(29);
    expect(mtf.forming('5m')).toMatchObject({ tsStart: dec(1, 9, 40), open: 125, close: 129, closed: false });
  });

  it('closes a 5m bar when its last minute closes, and by the clock when minutes are missing', () => {
    const mtf = createMultiTimeframe({ instrumentId: NIFTY, timeframes: ['5m'], calendar: calendarWithHolidays() });
    const closed: Bar[] = [];
    mtf.onBar((b) => b.timeframe === '5m' && closed.push(b));
    mtf.push(tick(dec(1, 9, 19, 30), 1));
    mtf.advanceTime(dec(1, 9, 20, 0));
    expect(closed.map((b) => b.tsStart)).toEqual([dec(1, 9, 15)]);
    mtf.push(tick(dec(1, 9, 21, 0), 2));
    mtf.advanceTime(dec(1, 9, 24, 59));
    expect(closed).toHaveLength(1);
    mtf.advanceTime(dec(1, 9, 25, 0));
    expect(closed.map((b) => [b.tsStart, b.close])).toEqual([
      [dec(1, 9, 15), 1],
      [dec(1, 9, 20), 2],
    ]);
  });

  it('folds stored 1m bars like live ones (history warm-up)', () => {
    const mtf = createMultiTimeframe({ instrumentId: NIFTY, calendar: calendarWithHolidays() });
    for (let m = 0; m < 15; m++) {
      mtf.pushBar({ instrumentId: NIFTY, timeframe: '1m', tsStart: dec(1, 9, 15 + m), open: m, high: m + 1, low: m - 1, close: m, volume: 10, closed: true });
    }
    expect(mtf.bars('15m', 1)).toEqual([expect.objectContaining({ tsStart: dec(1, 9, 15), open: 0, high: 15, low: -1, close: 14, volume: 150, closed: true })]);
  });

  it('allocates no bar while ticks fold into forming bars: bars are built when they close', () => {
    const mtf = createMultiTimeframe({ instrumentId: NIFTY, calendar: calendarWithHolidays() });
    mtf.push(tick(dec(1, 9, 15, 0), 100));
    const freeze = vi.spyOn(Object, 'freeze');
    try {
      for (let s = 1; s < 60; s++) mtf.push(tick(dec(1, 9, 15, s), 100 + s));
      expect(freeze).not.toHaveBeenCalled();
      mtf.push(tick(dec(1, 9, 16, 0), 1));
      // The closed 1m bar, and nothing for the 3m … 1d bars still forming.
      expect(freeze).toHaveBeenCalledTimes(1);
    } finally {
      freeze.mockRestore();
    }
    expect(mtf.bars('1m', 1)).toEqual([expect.objectContaining({ open: 100, close: 159, high: 159 })]);
    expect(mtf.forming('5m')).toMatchObject({ open: 100, high: 159, low: 1, close: 1 });
    expect(mtf.hasForming()).toBe(true);
  });

  it('never exposes a forming bar through the view', () => {
    const mtf = createMultiTimeframe({ instrumentId: NIFTY, calendar: calendarWithHolidays() });
    mtf.push(tick(dec(1, 9, 15, 5), 10));
    expect(mtf.view().bars('1m', 5)).toEqual([]);
    expect(mtf.view().lastBar('1d')).toBeUndefined();
  });
});
