import { describe, it, expect } from 'vitest';
import type { Bar } from '#model/bar';
import { createRandom } from '#core/random';
import { loadEurusdBars } from './smc-fixture.ts';
import { toOhlc } from './types.ts';
import { PriceActionStream } from './price-action-stream.ts';
import { smcSwingHighsLows } from './smc-swings.ts';
import type { PriceActionEvent } from './events.ts';

const bars = loadEurusdBars().slice(0, 8000);

/** Redraws every bar after k as a seeded random walk, so the future is unrelated to the real one. */
function mutateAfter(k: number, seed: number): Bar[] {
  const rnd = createRandom(seed);
  let price = bars[k]!.close;
  return bars.map((b, i) => {
    if (i <= k) return b;
    const open = price;
    const close = open * (1 + rnd.normal() * 0.002);
    const high = Math.max(open, close) * (1 + rnd.next() * 0.001);
    const low = Math.min(open, close) * (1 - rnd.next() * 0.001);
    price = close;
    return { ...b, open, high, low, close };
  });
}

/** One absurd bar right after k: every pivot within L bars before k loses its status in hindsight. */
function spikeAfter(k: number): Bar[] {
  return bars.map((b, i) => (i === k + 1 ? { ...b, high: b.high * 2, low: b.low / 2 } : b));
}

function run(series: readonly Bar[]): PriceActionEvent[] {
  const s = new PriceActionStream();
  for (const b of series) s.push(b);
  return s.events;
}

const knownBy = (events: readonly PriceActionEvent[], k: number): PriceActionEvent[] => events.filter((e) => e.knownAtIndex <= k);

describe('look-ahead: changing bars after k never changes an event known at or before k', () => {
  const original = run(bars);

  it.each([1500, 4000, 6500])('k = %i', (k) => {
    const before = knownBy(original, k);
    expect(before.length).toBeGreaterThan(500);
    expect(new Set(before.map((e) => e.kind)).size).toBeGreaterThanOrEqual(8);
    for (const seed of [1, 2]) {
      const mutated = run(mutateAfter(k, seed));
      expect(knownBy(mutated, k)).toEqual(before);
      // The mutation is real: what happens after k differs.
      expect(mutated.filter((e) => e.knownAtIndex > k)).not.toEqual(original.filter((e) => e.knownAtIndex > k));
    }
  });

  it('the check can fail: mutating from k-10 changes events known by k', () => {
    const k = 4000;
    const mutated = run(mutateAfter(k - 10, 3));
    expect(knownBy(mutated, k)).not.toEqual(knownBy(original, k));
  });

  it('the batch smc port does look ahead: its swings before k change when only bars after k change', () => {
    const k = 4000;
    const a = smcSwingHighsLows(toOhlc(bars), 5).highLow.slice(0, k + 1);
    const b = smcSwingHighsLows(toOhlc(spikeAfter(k)), 5).highLow.slice(0, k + 1);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    // The stream is unaffected by the same spike.
    expect(knownBy(run(spikeAfter(k)), k)).toEqual(knownBy(original, k));
  });

  it('rejects forming and out-of-order bars', () => {
    const s = new PriceActionStream();
    expect(() => s.push({ ...bars[0]!, closed: false })).toThrow(RangeError);
    s.push(bars[1]!);
    expect(() => s.push(bars[0]!)).toThrow(RangeError);
  });
});
