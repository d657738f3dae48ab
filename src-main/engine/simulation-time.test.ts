import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { istToEpoch } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { nextOpenIfClosed, simulationSeed, simulationStart } from './simulation-time.ts';

describe('simulation time', () => {
  it('starts now when the market is open', () => {
    const t = istToEpoch(2026, 11, 25, 11, 0);
    expect(simulationStart(t)).toBe(t);
  });

  it('starts an hour into today after the close', () => {
    expect(simulationStart(istToEpoch(2026, 11, 25, 21, 0))).toBe(istToEpoch(2026, 11, 25, 10, 15));
  });

  it('starts in the previous session before the open and at weekends', () => {
    expect(simulationStart(istToEpoch(2026, 11, 26, 8, 0))).toBe(istToEpoch(2026, 11, 25, 10, 15));
    expect(simulationStart(istToEpoch(2026, 11, 22, 12, 0))).toBe(istToEpoch(2026, 11, 20, 10, 15));
  });

  it('skips a holiday (Guru Nanak Jayanti, 2026-11-24): after the Monday close the next open is Wednesday', () => {
    expect(simulationStart(istToEpoch(2026, 11, 24, 12, 0))).toBe(istToEpoch(2026, 11, 23, 10, 15));
    expect(nextOpenIfClosed(istToEpoch(2026, 11, 23, 16, 0))).toBe(istToEpoch(2026, 11, 25, 9, 15));
  });

  it('skips nights and weekends to the next open', () => {
    expect(nextOpenIfClosed(istToEpoch(2026, 11, 25, 12, 0))).toBeUndefined();
    expect(nextOpenIfClosed(istToEpoch(2026, 11, 25, 7, 0))).toBe(istToEpoch(2026, 11, 25, 9, 15));
    expect(nextOpenIfClosed(istToEpoch(2026, 11, 20, 15, 45))).toBe(istToEpoch(2026, 11, 23, 9, 15));
  });
});

describe('simulation seed', () => {
  const SEED = 20_261_124;
  const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');

  /** NIFTY's 1-minute log returns over the first hour of a simulation started at `startMs` with `seed`. */
  function firstHour(seed: number, startMs: number): number[] {
    const clock = new SimClock(startMs);
    const feed = createSimulatorFeed({ clock, seed, warmupSessions: 0, tickIntervalMs: 60_000 });
    feed.subscribe([NIFTY], 'ltp');
    const prices: number[] = [];
    feed.onTick((t) => prices.push(t.ltp));
    void feed.start();
    clock.advanceTo(startMs + 60 * 60_000);
    void feed.stop();
    return prices.slice(1).map((p, i) => Math.log(p / prices[i]!));
  }

  it('is one number through a day and another the next day, and follows the configured seed', () => {
    const morning = istToEpoch(2026, 11, 25, 9, 20);
    expect(simulationSeed(SEED, istToEpoch(2026, 11, 25, 15, 0))).toBe(simulationSeed(SEED, morning));
    expect(simulationSeed(SEED, istToEpoch(2026, 11, 26, 9, 20))).not.toBe(simulationSeed(SEED, morning));
    expect(simulationSeed(SEED + 1, morning)).not.toBe(simulationSeed(SEED, morning));
    expect(Number.isInteger(simulationSeed(SEED, morning)) && simulationSeed(SEED, morning) >= 0 && simulationSeed(SEED, morning) < 2 ** 32).toBe(true);
  });

  it('gives each day its own market, where the configured seed alone replays one shape on every day', () => {
    const days = [istToEpoch(2026, 11, 25, 9, 20), istToEpoch(2026, 11, 26, 9, 20)];
    const [plainA, plainB] = days.map((d) => firstHour(SEED, d));
    expect(plainA!.length).toBeGreaterThan(50);
    expect(plainB).toEqual(plainA);
    const [mixedA, mixedB] = days.map((d) => firstHour(simulationSeed(SEED, d), d));
    expect(mixedB).not.toEqual(mixedA);
    expect(firstHour(simulationSeed(SEED, days[0]!), days[0]!)).toEqual(mixedA);
  });
});
