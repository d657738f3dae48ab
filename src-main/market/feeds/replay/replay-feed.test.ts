import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import type { Bar, Tick } from '#model/bar';
import { instrumentId } from '#model/ids';
import { createBarAggregator } from '#market/bar-aggregator';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { calendarWithHolidays } from '#market/test-support';
import { createSimulatorFeed } from '../simulator/simulator-feed.ts';
import { createReplayFeed } from './replay-feed.ts';

const FUT = instrumentId('NFO', 'NIFTY30DEC25FUT');
const VIX = instrumentId('NSE_INDEX', 'INDIAVIX');
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

function aggregate(ticks: readonly Tick[], endMs: number): Bar[] {
  const agg = createBarAggregator({ instrumentId: FUT, timeframe: '1m', calendar: calendarWithHolidays() });
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
    cache.save(bars);
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
});
