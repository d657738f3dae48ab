import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { istDateKey, istToEpoch } from '#core/time-ist';
import type { Tick } from '#model/bar';
import { instrumentId } from '#model/ids';
import { nseCalendar } from '#market/session-calendar';
import { createSimulatorFeed } from './simulator-feed.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const VIX = instrumentId('NSE_INDEX', 'INDIAVIX');
const START = istToEpoch(2026, 11, 25, 10, 0);

function boot(seed: number, dailyHistorySessions: number): { bars: ReturnType<ReturnType<typeof createSimulatorFeed>['dailyHistory']>; ticks: Tick[] } {
  const feed = createSimulatorFeed({ clock: new SimClock(START), seed, warmupSessions: 2, tickIntervalMs: 60_000, dailyHistorySessions });
  feed.subscribe([NIFTY, VIX], 'ltp');
  const ticks: Tick[] = [];
  feed.onTick((t) => ticks.push(t));
  void feed.start();
  return { bars: feed.dailyHistory(), ticks };
}

describe('simulator daily history before the warm-up', () => {
  it('keeps one closed daily bar per index and India VIX for each trading day before the warm-up', () => {
    const { bars, ticks } = boot(5, 30);
    const nifty = bars.filter((b) => b.instrumentId === NIFTY);
    expect(nifty).toHaveLength(30);
    expect(bars.filter((b) => b.instrumentId === VIX)).toHaveLength(30);
    expect(bars).toHaveLength(30 * 5);
    const firstLive = istDateKey(ticks[0]!.tsEvent);
    let day = firstLive;
    for (const b of [...nifty].reverse()) {
      day = nseCalendar.previousTradingDay(day);
      expect(istDateKey(b.tsStart)).toBe(day);
      expect(b.tsStart).toBe(nseCalendar.sessionOn(day, 'equity')!.open);
      expect(b.closed).toBe(true);
      expect(b.timeframe).toBe('1d');
      expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
      expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
    }
    // The warm-up goes on from the last history close: only the overnight gap lies between them.
    const firstTick = ticks.find((t) => t.instrumentId === NIFTY)!;
    expect(Math.abs(firstTick.ltp / nifty.at(-1)!.close - 1)).toBeLessThan(0.05);
  });

  it('is the same for the same seed, and other for another seed', () => {
    expect(boot(5, 12).bars).toEqual(boot(5, 12).bars);
    expect(boot(6, 12).bars).not.toEqual(boot(5, 12).bars);
  });

  it('changes nothing when not asked for', () => {
    const { bars, ticks } = boot(5, 0);
    expect(bars).toEqual([]);
    // The warm-up starts where it did before: the same first session, at its open.
    expect(ticks[0]!.tsEvent).toBe(boot(5, 3).ticks[0]!.tsEvent);
  });

  it('moves daily by about what the market model says a session moves', () => {
    const nifty = boot(11, 250).bars.filter((b) => b.instrumentId === NIFTY);
    const r = nifty.slice(1).map((b, i) => Math.log(b.close / nifty[i]!.close));
    const sd = Math.sqrt(r.reduce((s, x) => s + x * x, 0) / r.length) * Math.sqrt(250);
    // NIFTY's long-run annualised volatility is 16.5 % (market-model.ts); a year of one path lands near it.
    expect(sd).toBeGreaterThan(0.08);
    expect(sd).toBeLessThan(0.35);
  });
});
