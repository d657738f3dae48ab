import { describe, expect, it, vi } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import type { Bar, Timeframe } from '#model/bar';
import { createBarAggregator } from './bar-aggregator.ts';
import { calendarWithHolidays, dec, NIFTY, NIFTY_FUT, tick } from './test-support.ts';

function collect(timeframe: Timeframe, calendar = calendarWithHolidays()) {
  const agg = createBarAggregator({ instrumentId: NIFTY, timeframe, calendar });
  const closed: Bar[] = [];
  const forming: Bar[] = [];
  agg.onBar((b) => (b.closed ? closed : forming).push(b));
  return { agg, closed, forming };
}

describe('createBarAggregator', () => {
  it('stamps 1m bars at their start: first 09:15, last 15:29; ticks outside the session are counted, not used', () => {
    const { agg, closed } = collect('1m');
    agg.push(tick(dec(1, 9, 14, 59), 1));
    agg.push(tick(dec(1, 9, 15, 0), 100));
    agg.push(tick(dec(1, 9, 15, 30), 102));
    agg.push(tick(dec(1, 9, 15, 59), 99));
    agg.push(tick(dec(1, 15, 29, 59), 105));
    agg.push(tick(dec(1, 15, 30, 0), 500));
    agg.push(tick(dec(1, 15, 45, 0), 501));
    expect(closed.map((b) => [b.tsStart, b.open, b.high, b.low, b.close])).toEqual([
      [dec(1, 9, 15), 100, 102, 99, 99],
      [dec(1, 15, 29), 105, 105, 105, 105],
    ]);
    expect(agg.drops()).toEqual({ outsideSession: 3, late: 0, otherInstrument: 0 });
  });

  it('publishes the forming bar on every update, then the closed bar once', () => {
    const { agg, closed, forming } = collect('5m');
    agg.push(tick(dec(1, 10, 0, 5), 10));
    agg.push(tick(dec(1, 10, 2, 0), 12));
    expect(forming.map((b) => [b.tsStart, b.close, b.closed])).toEqual([
      [dec(1, 10, 0), 10, false],
      [dec(1, 10, 0), 12, false],
    ]);
    expect(closed).toHaveLength(0);
    agg.push(tick(dec(1, 10, 5, 0), 11));
    expect(closed).toEqual([expect.objectContaining({ tsStart: dec(1, 10, 0), open: 10, high: 12, low: 10, close: 12, closed: true })]);
    expect(agg.forming()).toMatchObject({ tsStart: dec(1, 10, 5), open: 11, closed: false });
  });

  it('builds no bar object per tick for closed-bar listeners; forming() is a copy made on read', () => {
    const agg = createBarAggregator({ instrumentId: NIFTY, timeframe: '1m', calendar: calendarWithHolidays() });
    const closed: Bar[] = [];
    agg.onClose((b) => closed.push(b));
    const freeze = vi.spyOn(Object, 'freeze');
    try {
      for (let s = 0; s < 60; s++) agg.push(tick(dec(1, 9, 15, s), 100 + s));
      expect(freeze).not.toHaveBeenCalled();
      const seen = agg.forming()!;
      agg.push(tick(dec(1, 9, 16, 0), 1));
      expect(seen).toMatchObject({ close: 159, high: 159, closed: false });
      expect(closed).toEqual([expect.objectContaining({ tsStart: dec(1, 9, 15), open: 100, high: 159, low: 100, close: 159, closed: true })]);
      expect(Object.isFrozen(closed[0])).toBe(true);
      expect(agg.isForming()).toBe(true);
    } finally {
      freeze.mockRestore();
    }
  });

  it('closes on the clock without a new tick, and not before the window ends', () => {
    const { agg, closed } = collect('3m');
    agg.push(tick(dec(1, 9, 15, 1), 50));
    agg.advanceTime(dec(1, 9, 17, 59) + 999);
    expect(closed).toHaveLength(0);
    agg.advanceTime(dec(1, 9, 18, 0));
    expect(closed.map((b) => b.tsStart)).toEqual([dec(1, 9, 15)]);
    agg.advanceTime(dec(1, 9, 30, 0));
    expect(closed).toHaveLength(1);
  });

  it('anchors windows at 09:15 and clips the last 60m bar to 15:15–15:30, closed at 15:30', () => {
    const { agg, closed } = collect('60m');
    agg.push(tick(dec(1, 10, 14, 0), 1));
    agg.push(tick(dec(1, 10, 15, 0), 2));
    agg.push(tick(dec(1, 15, 20, 0), 3));
    agg.advanceTime(dec(1, 15, 29, 59));
    expect(closed.map((b) => b.tsStart)).toEqual([dec(1, 9, 15), dec(1, 10, 15)]);
    agg.advanceTime(dec(1, 15, 30, 0));
    expect(closed.map((b) => b.tsStart)).toEqual([dec(1, 9, 15), dec(1, 10, 15), dec(1, 15, 15)]);
  });

  it('makes the daily bar the session: 09:15 open to 15:30 close, one bar per trading day', () => {
    const { agg, closed } = collect('1d');
    agg.push(tick(dec(1, 9, 15, 0), 100));
    agg.push(tick(dec(1, 11, 0, 0), 120));
    agg.push(tick(dec(1, 14, 0, 0), 90));
    agg.push(tick(dec(1, 15, 29, 59), 110));
    agg.push(tick(dec(1, 15, 35, 0), 999));
    agg.advanceTime(dec(1, 15, 30, 0));
    agg.push(tick(dec(2, 9, 15, 0), 111));
    expect(closed).toEqual([expect.objectContaining({ tsStart: dec(1, 9, 15), open: 100, high: 120, low: 90, close: 110 })]);
    expect(agg.forming()?.tsStart).toBe(dec(2, 9, 15));
  });

  it('skips weekends and holidays: no bar, ticks counted as outside the session', () => {
    const { agg, closed } = collect('1d', calendarWithHolidays('2025-12-25'));
    agg.push(tick(dec(24, 10, 0), 1));
    agg.push(tick(dec(25, 10, 0), 2));
    agg.push(tick(dec(27, 10, 0), 3));
    agg.push(tick(dec(29, 10, 0), 4));
    expect(closed.map((b) => [b.tsStart, b.close])).toEqual([[dec(24, 9, 15), 1]]);
    expect(agg.drops().outsideSession).toBe(2);
    expect(agg.forming()?.tsStart).toBe(dec(29, 9, 15));
  });

  it('leaves gaps as gaps: no synthetic bars for minutes without ticks', () => {
    const { agg, closed } = collect('1m');
    agg.push(tick(dec(1, 10, 0, 0), 1));
    agg.push(tick(dec(1, 10, 7, 0), 2));
    agg.advanceTime(dec(1, 10, 8, 0));
    expect(closed.map((b) => b.tsStart)).toEqual([dec(1, 10, 0), dec(1, 10, 7)]);
  });

  it('ignores late ticks and ticks into an already closed window', () => {
    const { agg, closed } = collect('1m');
    agg.push(tick(dec(1, 10, 0, 30), 10));
    agg.push(tick(dec(1, 10, 0, 10), 99));
    agg.advanceTime(dec(1, 10, 1, 0));
    agg.push(tick(dec(1, 10, 0, 50), 98));
    expect(closed).toEqual([expect.objectContaining({ high: 10, low: 10 })]);
    expect(agg.drops().late).toBe(2);
  });

  it('turns cumulative day volume into per-bar volume, resetting each session', () => {
    const agg = createBarAggregator({ instrumentId: NIFTY_FUT, timeframe: '1m', calendar: calendarWithHolidays() });
    const closed: Bar[] = [];
    agg.onBar((b) => b.closed && closed.push(b));
    const t = (ts: number, ltp: number, volume: number) => agg.push({ instrumentId: NIFTY_FUT, tsEvent: ts, ltp, volume, oi: volume * 10 });
    t(dec(1, 9, 15, 1), 1, 75);
    t(dec(1, 9, 15, 40), 1, 300);
    t(dec(1, 9, 16, 0), 1, 450);
    t(dec(1, 9, 18, 0), 1, 1000);
    t(dec(2, 9, 15, 0), 1, 150);
    t(dec(2, 9, 16, 0), 1, 100);
    t(dec(2, 9, 17, 0), 1, 175);
    agg.advanceTime(dec(2, 9, 18, 0));
    expect(closed.map((b) => [b.volume, b.oi])).toEqual([
      [300, 3000],
      [150, 4500],
      [550, 10_000],
      [150, 1500],
      [0, 1000],
      [75, 1750],
    ]);
  });

  it('does not attribute the day so far to the first bar when joining mid-session', () => {
    const agg = createBarAggregator({ instrumentId: NIFTY, timeframe: '1m', calendar: calendarWithHolidays() });
    agg.push(tick(dec(1, 12, 0, 5), 1, { volume: 5_000_000 }));
    agg.push(tick(dec(1, 12, 0, 10), 1, { volume: 5_000_650 }));
    expect(agg.forming()?.volume).toBe(650);
  });

  it('counts ticks of other instruments without using them', () => {
    const { agg } = collect('1m');
    agg.push({ instrumentId: NIFTY_FUT, tsEvent: dec(1, 10, 0), ltp: 1 });
    expect(agg.forming()).toBeUndefined();
    expect(agg.drops().otherInstrument).toBe(1);
  });
});

describe('createBarAggregator with the NSE calendar', () => {
  it('follows F&O hours for futures (daily bar to 15:40 from 2026-08-03) and equity hours for the index', () => {
    const fut = createBarAggregator({ instrumentId: NIFTY_FUT, timeframe: '1d' });
    const idx = createBarAggregator({ instrumentId: NIFTY, timeframe: '1d' });
    const at = istToEpoch(2026, 8, 4, 15, 35);
    fut.push({ instrumentId: NIFTY_FUT, tsEvent: at, ltp: 1 });
    idx.push({ instrumentId: NIFTY, tsEvent: at, ltp: 1 });
    expect(fut.forming()?.tsStart).toBe(istToEpoch(2026, 8, 4, 9, 15));
    expect(idx.drops().outsideSession).toBe(1);
    fut.advanceTime(istToEpoch(2026, 8, 4, 15, 39, 59));
    expect(fut.lastClosed()).toBeUndefined();
    fut.advanceTime(istToEpoch(2026, 8, 4, 15, 40));
    expect(fut.lastClosed()?.closed).toBe(true);
  });

  it('skips listed NSE holidays (Republic Day 2026)', () => {
    const agg = createBarAggregator({ instrumentId: NIFTY, timeframe: '1m' });
    agg.push(tick(istToEpoch(2026, 1, 26, 10, 0), 1));
    agg.push(tick(istToEpoch(2026, 1, 27, 10, 0), 1));
    expect(agg.drops().outsideSession).toBe(1);
  });
});
