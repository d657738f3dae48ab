import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import { createMarketData } from '#market/market-data';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { createBotMarket } from './bot-market.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const day = (d: number, close: number): Bar => ({ instrumentId: NIFTY, timeframe: '1d', tsStart: istToEpoch(2026, 11, d, 9, 15), open: close, high: close, low: close, close, volume: 0, closed: true });
const minute = (ts: number, close: number): Bar => ({ instrumentId: NIFTY, timeframe: '1m', tsStart: ts, open: close, high: close, low: close, close, volume: 0, closed: true });

describe('the bots’ market view', () => {
  it('puts seeded daily bars in front of the engine’s own, never overlapping them', () => {
    const md = createMarketData({ clock: new SimClock(0) });
    const seeded = [day(16, 100), day(17, 101), day(18, 102), day(19, 103)];
    const history: Bar[] = [];
    const view = createBotMarket(md, () => history)(NIFTY);
    history.push(...seeded);
    // The engine's own history starts on the 19th: the seeded 19th is not shown twice.
    const open19 = istToEpoch(2026, 11, 19, 9, 15);
    md.pushBars(Array.from({ length: 375 }, (_, i) => minute(open19 + i * 60_000, 200 + i)));
    md.advanceTime(istToEpoch(2026, 11, 19, 15, 31));
    const bars = view.bars('1d', 10);
    expect(bars.map((b) => b.close)).toEqual([100, 101, 102, 574]);
    expect(view.bars('1d', 2).map((b) => b.close)).toEqual([102, 574]);
    expect(view.lastBar('1d')!.close).toBe(574);
    expect(view.bars('1m', 2).map((b) => b.close)).toEqual([573, 574]);
  });

  it('without seeded history it is the engine’s own view', () => {
    const md = createMarketData({ clock: new SimClock(0) });
    expect(createBotMarket(md, () => [])(NIFTY).bars('1d', 5)).toEqual([]);
  });

  it('gives every reader the same frozen window until a bar closes or the seeded history changes', () => {
    const md = createMarketData({ clock: new SimClock(0) });
    const history: Bar[] = [day(16, 100), day(17, 101)];
    const view = createBotMarket(md, () => history)(NIFTY);
    const open19 = istToEpoch(2026, 11, 19, 9, 15);
    md.pushBars([minute(open19, 200), minute(open19 + 60_000, 201)]);
    md.advanceTime(open19 + 120_001);
    const first = view.bars('1m', 2);
    expect(view.bars('1m', 2)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    expect(view.bars('1m', 1)).not.toBe(first);
    md.pushBars([minute(open19 + 120_000, 202)]);
    md.advanceTime(open19 + 180_001);
    expect(view.bars('1m', 2).map((b) => b.close)).toEqual([201, 202]);
    const daily = view.bars('1d', 5);
    expect(view.bars('1d', 5)).toBe(daily);
    // Every bar, seeded, pushed or built by the series, is frozen: a window is only the new array to freeze.
    const windows = [daily, view.bars('1m', 3)];
    expect(windows.map((w) => w.length)).toEqual([2, 3]);
    expect(windows.every((w) => Object.isFrozen(w) && w.every((b) => Object.isFrozen(b)))).toBe(true);
    history.unshift(day(13, 99));
    expect(view.bars('1d', 5).map((b) => b.close)).toEqual([99, 100, 101]);
  });
});
