import { describe, expect, it } from 'vitest';
import { PriceActionStream, snapshotOf } from '#indicators/price-action/index';
import { randomBars } from '#indicators/testing/random-bars';
import { PriceActionCopies } from './price-action-copy.ts';

const isDeepFrozen = (v: unknown): boolean => v === null || typeof v !== 'object' || (Object.isFrozen(v) && Object.values(v).every(isDeepFrozen));

describe('PriceActionCopies', () => {
  it('gives at every bar what a fresh deep copy of the snapshot gives, key for key, frozen, sharing only what did not change', () => {
    const stream = new PriceActionStream();
    const copies = new PriceActionCopies();
    let previous: ReturnType<PriceActionCopies['copy']> | undefined;
    let sharedZones = 0;
    let changedZones = 0;
    for (const bar of randomBars(3000, 11).bars) {
      stream.push(bar);
      if (stream.series.length < 30) continue;
      const snapshot = snapshotOf(stream);
      const copy = copies.copy(snapshot);
      expect(JSON.stringify(copy)).toBe(JSON.stringify(structuredClone(snapshot)));
      expect(copy.liquidity.every((z, i) => z !== snapshot.liquidity[i] && z.levels !== snapshot.liquidity[i]!.levels)).toBe(true);
      expect(copy.freshBlocks.every((b, i) => b !== snapshot.freshBlocks[i])).toBe(true);
      expect(copy.openGaps.every((g, i) => g !== snapshot.openGaps[i])).toBe(true);
      if (previous) {
        for (const z of copy.liquidity) {
          const before = previous.liquidity.find((p) => p.anchor === z.anchor && p.side === z.side);
          if (!before) continue;
          if (JSON.stringify(before) === JSON.stringify(z)) {
            expect(before).toBe(z);
            sharedZones++;
          } else changedZones++;
        }
        if (previous.swings.length === copy.swings.length && previous.swings.at(-1) === copy.swings.at(-1)) expect(copy.swings).toBe(previous.swings);
      }
      previous = copy;
    }
    expect(isDeepFrozen(previous)).toBe(true);
    expect(sharedZones).toBeGreaterThan(1000);
    expect(changedZones).toBeGreaterThan(0);
  });
});
