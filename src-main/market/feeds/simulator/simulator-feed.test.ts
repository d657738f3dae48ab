import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { istParts, istToEpoch } from '#core/time-ist';
import type { Tick } from '#model/bar';
import { instrumentId } from '#model/ids';
import { createBarAggregator } from '#market/bar-aggregator';
import { calendarWithHolidays } from '#market/test-support';
import { createSimulatorFeed } from './simulator-feed.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const FUT = instrumentId('NFO', 'NIFTY30DEC25FUT');
const VIX = instrumentId('NSE_INDEX', 'INDIAVIX');

function run(seed: number, steps: readonly number[], start = istToEpoch(2025, 12, 3, 10, 0), tickIntervalMs = 5000): Tick[] {
  const clock = new SimClock(start);
  const feed = createSimulatorFeed({ clock, seed, tickIntervalMs, calendar: calendarWithHolidays() });
  feed.subscribe([NIFTY, FUT, VIX], 'ltp');
  const ticks: Tick[] = [];
  feed.onTick((t) => ticks.push(t));
  void feed.start();
  for (const to of steps) clock.advanceTo(to);
  return ticks;
}

describe('createSimulatorFeed', () => {
  it('lists index spots, INDIAVIX and near-month futures with OpenAlgo symbols', () => {
    const feed = createSimulatorFeed({ clock: new SimClock(istToEpoch(2025, 12, 3, 10, 0)), seed: 1 });
    expect(feed.instruments().map((i) => i.id)).toEqual([
      'NSE_INDEX:NIFTY',
      'NSE_INDEX:BANKNIFTY',
      'NSE_INDEX:FINNIFTY',
      'BSE_INDEX:SENSEX',
      'NSE_INDEX:INDIAVIX',
      'NFO:NIFTY30DEC25FUT',
      'NFO:BANKNIFTY30DEC25FUT',
      'NFO:FINNIFTY30DEC25FUT',
      'BFO:SENSEX24DEC25FUT',
    ]);
  });

  it('emits the warm-up history synchronously on start: two sessions back, up to now, in time order', () => {
    const ticks = run(3, []);
    const nifty = ticks.filter((t) => t.instrumentId === NIFTY);
    expect(nifty[0]!.tsEvent).toBe(istToEpoch(2025, 12, 1, 9, 15));
    expect(nifty.at(-1)!.tsEvent).toBe(istToEpoch(2025, 12, 3, 10, 0));
    expect(nifty).toHaveLength(2 * 4500 + 45 * 12 + 1);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.tsEvent).toBeGreaterThanOrEqual(ticks[i - 1]!.tsEvent);
  });

  it('ticks only inside sessions, and only when the clock moves', () => {
    const start = istToEpoch(2025, 12, 5, 15, 0);
    const clock = new SimClock(start);
    const feed = createSimulatorFeed({ clock, seed: 9, tickIntervalMs: 10_000, warmupSessions: 0, calendar: calendarWithHolidays('2025-12-08') });
    feed.subscribe([NIFTY], 'ltp');
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    void feed.start();
    const afterStart = ticks.length;
    expect(afterStart).toBeGreaterThan(0);
    clock.advanceTo(istToEpoch(2025, 12, 9, 9, 16));
    const minutes = ticks.map((t) => istParts(t.tsEvent)).map((p) => [p.day, p.minuteOfDay] as const);
    expect(minutes.every(([, m]) => m >= 555 && m < 930)).toBe(true);
    expect(new Set(minutes.map(([d]) => d))).toEqual(new Set([5, 9]));
    expect(ticks.at(-1)!.tsEvent).toBe(istToEpoch(2025, 12, 9, 9, 16));
  });

  it('is deterministic: same seed and start give the same ticks however the clock is stepped', () => {
    const end = istToEpoch(2025, 12, 4, 12, 0);
    const a = run(42, [end]);
    const b = run(42, [istToEpoch(2025, 12, 3, 10, 0, 7), istToEpoch(2025, 12, 3, 15, 45), istToEpoch(2025, 12, 4, 9, 15), end]);
    expect(b).toEqual(a);
    expect(run(43, [end])).not.toEqual(a);
  });

  it('filters emission by subscription without changing the market', () => {
    const clock = new SimClock(istToEpoch(2025, 12, 3, 10, 0));
    const feed = createSimulatorFeed({ clock, seed: 42, tickIntervalMs: 5000, calendar: calendarWithHolidays() });
    feed.subscribe([VIX], 'ltp');
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    void feed.start();
    clock.advanceTo(istToEpoch(2025, 12, 4, 12, 0));
    expect(new Set(ticks.map((t) => t.instrumentId))).toEqual(new Set([VIX]));
    expect(ticks).toEqual(run(42, [istToEpoch(2025, 12, 4, 12, 0)]).filter((t) => t.instrumentId === VIX));
  });

  it('gives futures cumulative volume and a carry premium; index spot has no volume', () => {
    const ticks = run(5, []);
    const spot = ticks.filter((t) => t.instrumentId === NIFTY);
    const fut = ticks.filter((t) => t.instrumentId === FUT);
    expect(spot.every((t) => t.volume === undefined)).toBe(true);
    const day = fut.filter((t) => istParts(t.tsEvent).day === 2);
    for (let i = 1; i < day.length; i++) expect(day[i]!.volume!).toBeGreaterThanOrEqual(day[i - 1]!.volume!);
    expect(day.at(-1)!.volume!).toBeGreaterThan(1_000_000);
    const premium = fut.at(-1)!.ltp - spot.at(-1)!.ltp;
    expect(premium).toBeGreaterThan(20);
    expect(premium).toBeLessThan(250);
    const vix = ticks.filter((t) => t.instrumentId === VIX).map((t) => t.ltp);
    expect(Math.min(...vix)).toBeGreaterThan(8);
    expect(Math.max(...vix)).toBeLessThan(25);
  });

  it('changing future ticks never changes an earlier closed bar (no look-ahead)', () => {
    const closedBars = (ticks: readonly Tick[]) => {
      const agg = createBarAggregator({ instrumentId: NIFTY, timeframe: '5m', calendar: calendarWithHolidays() });
      const out: unknown[] = [];
      agg.onBar((b) => b.closed && out.push(b));
      for (const t of ticks) if (t.instrumentId === NIFTY) agg.push(t);
      return out;
    };
    const cut = istToEpoch(2025, 12, 2, 13, 0);
    const a = run(11, []);
    const b = run(12, []);
    const spliced = [...a.filter((t) => t.tsEvent < cut), ...b.filter((t) => t.tsEvent >= cut)];
    const before = closedBars(a).filter((bar) => (bar as { tsStart: number }).tsStart + 5 * 60_000 <= cut);
    expect(before.length).toBeGreaterThan(100);
    expect(closedBars(spliced).slice(0, before.length)).toEqual(before);
    expect(closedBars(spliced)).not.toEqual(closedBars(a));
  });
});

describe('warm-up window', () => {
  const firstTickAt = (nowMs: number, warmupSessions?: number): number | undefined => {
    const feed = createSimulatorFeed({ clock: new SimClock(nowMs), seed: 1, tickIntervalMs: 60_000, calendar: calendarWithHolidays('2025-12-01'), ...(warmupSessions !== undefined ? { warmupSessions } : {}) });
    feed.subscribe([NIFTY], 'ltp');
    let first: number | undefined;
    feed.onTick((t) => (first ??= t.tsEvent));
    void feed.start();
    return first;
  };

  it('counts today once it has closed, skips holidays, and emits nothing with no warm-up before the open', () => {
    expect(firstTickAt(istToEpoch(2025, 12, 3, 16, 0))).toBe(istToEpoch(2025, 12, 2, 9, 15));
    expect(firstTickAt(istToEpoch(2025, 12, 3, 8, 0))).toBe(istToEpoch(2025, 11, 28, 9, 15));
    expect(firstTickAt(istToEpoch(2025, 12, 6, 12, 0))).toBe(istToEpoch(2025, 12, 4, 9, 15));
    expect(firstTickAt(istToEpoch(2025, 12, 3, 8, 0), 0)).toBeUndefined();
    expect(firstTickAt(istToEpoch(2025, 12, 3, 9, 20), 0)).toBe(istToEpoch(2025, 12, 3, 9, 15));
  });

  it('generates twenty sessions of full 1m bars, the older ones on the coarser warm-up grid', () => {
    const clock = new SimClock(istToEpoch(2025, 12, 23, 10, 15));
    const feed = createSimulatorFeed({ clock, seed: 4, warmupSessions: 20, calendar: calendarWithHolidays() });
    feed.subscribe([NIFTY], 'ltp');
    const perDay = new Map<string, number[]>();
    feed.onTick((t) => {
      const p = istParts(t.tsEvent);
      const day = `${p.year}-${p.month}-${p.day}`;
      const list = perDay.get(day) ?? [];
      list.push(t.tsEvent);
      perDay.set(day, list);
    });
    void feed.start();
    const days = [...perDay.values()];
    expect(days).toHaveLength(21);
    const spacing = (ts: number[]) => ts[1]! - ts[0]!;
    expect(days.slice(0, 18).map(spacing)).toEqual(new Array(18).fill(5000));
    expect(days.slice(18).map(spacing)).toEqual([1000, 1000, 1000]);
    const minutes = (ts: number[]) => new Set(ts.map((t) => Math.floor(t / 60_000))).size;
    for (const d of days.slice(0, 20)) expect(minutes(d)).toBe(375);
  });
});

describe('F&O hours', () => {
  it('keeps futures ticking to 15:40 from 2026-08-03 while index values stop at 15:30', () => {
    const clock = new SimClock(istToEpoch(2026, 8, 4, 16, 0));
    const feed = createSimulatorFeed({ clock, seed: 2, tickIntervalMs: 60_000, warmupSessions: 1 });
    const fut = feed.instruments().find((i) => i.kind === 'future' && i.underlying === 'NIFTY')!;
    expect(fut.id).toBe('NFO:NIFTY25AUG26FUT');
    feed.subscribe([NIFTY, fut.id], 'ltp');
    const last = new Map<string, number>();
    feed.onTick((t) => last.set(t.instrumentId, t.tsEvent));
    void feed.start();
    expect(last.get(NIFTY)).toBe(istToEpoch(2026, 8, 4, 15, 29));
    expect(last.get(fut.id)).toBe(istToEpoch(2026, 8, 4, 15, 39));
  });
});
