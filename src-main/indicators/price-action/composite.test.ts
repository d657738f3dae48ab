import { describe, it, expect } from 'vitest';
import { compositeScore, PRICE_ACTION_WEIGHTS, type PriceActionState } from './composite.ts';
import { PriceActionStream } from './price-action-stream.ts';
import { snapshotOf } from './snapshot.ts';
import { loadEurusdBars } from './smc-fixture.ts';
import type { StructureEvent } from './events.ts';

const bos: StructureEvent = { kind: 'bos', side: 1, index: 90, ts: 0, knownAtIndex: 98, tsKnown: 0, level: 101, brokenIndex: 98, confirmIndex: 95 };
const base: PriceActionState = {
  t: 100,
  price: 100,
  structure: bos,
  freshBlocks: [{ side: 1, index: 92, triggerIndex: 96, swingIndex: 90, top: 100.5, bottom: 99.5, volume: 0, percentage: 100, mitigatedAt: null, invalidatedAt: null }],
  openGaps: [{ side: 1, index: 97, top: 100.2, bottom: 99.8 }],
  liquidity: [
    { side: -1, anchor: 80, anchorLevel: 98, range: 0.1, levels: [98, 98.05], end: 85, sweptIndex: 99, knownAt: 90 },
    { side: 1, anchor: 70, anchorLevel: 104, range: 0.1, levels: [104, 104.02], end: 75, sweptIndex: null, knownAt: 80 },
  ],
  patterns: [{ kind: 'double-bottom', side: 1, start: 80, end: 85, trigger: 99.9, stop: 98, target: 103, confirmed: true }],
  swings: [
    { index: 85, side: -1, level: 98 },
    { index: 90, side: 1, level: 101 },
  ],
};

describe('price-action composite', () => {
  it('weights are the ones in strategies.md and sum to 1', () => {
    expect(PRICE_ACTION_WEIGHTS).toEqual({ structure: 0.25, orderBlocks: 0.28, fairValueGaps: 0.15, liquidity: 0.22, patterns: 0.1 });
    expect(Object.values(PRICE_ACTION_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('every component aligned long scores 100 and acts (stop under the block, target at buy-side liquidity)', () => {
    const c = compositeScore(base);
    expect(c.direction).toBe('long');
    expect(c.components).toEqual({ structure: 100, orderBlocks: 100, fairValueGaps: 100, liquidity: 100, patterns: 100 });
    expect(c.strength).toBeCloseTo(100, 9);
    expect(c.stop).toBe(99.5);
    expect(c.target).toBeCloseTo(104.01, 9);
    expect(c.rewardRisk).toBeCloseTo(4.01 / 0.5, 9);
    expect(c.actionable).toBe(true);
  });

  it('each component contributes its weight', () => {
    const c = compositeScore({ ...base, patterns: [], openGaps: [] });
    expect(c.strength).toBeCloseTo(100 - 10 - 15, 9);
    const onlyBlocks = compositeScore({ ...base, structure: null, openGaps: [], liquidity: [], patterns: [] });
    expect(onlyBlocks.strength).toBeCloseTo(28, 9);
    expect(onlyBlocks.actionable).toBe(false);
  });

  it('does not act below strength 65 or below reward/risk 1.5', () => {
    const noTarget = compositeScore({ ...base, liquidity: [], patterns: [], swings: [] });
    expect(noTarget.strength).toBeCloseTo(68, 9);
    expect(noTarget.actionable).toBe(false);
    const nearTarget = compositeScore({ ...base, swings: [{ index: 90, side: 1, level: 100.6 }], liquidity: [base.liquidity[0]!] });
    expect(nearTarget.strength).toBeGreaterThanOrEqual(65);
    expect(nearTarget.rewardRisk).toBeCloseTo(1.2, 9);
    expect(nearTarget.actionable).toBe(false);
  });

  it('mirrors for shorts and stays neutral with nothing', () => {
    const neutral = compositeScore({ ...base, structure: null, freshBlocks: [], openGaps: [], liquidity: [], patterns: [] });
    expect(neutral.direction).toBe('neutral');
    const short = compositeScore({ ...base, structure: { ...bos, side: -1 }, freshBlocks: [], openGaps: [], liquidity: [], patterns: [] });
    expect(short.direction).toBe('short');
    expect(short.strength).toBe(25);
  });

  it('on the EURUSD fixture the live composite stays in 0..100 and sometimes acts', () => {
    const stream = new PriceActionStream();
    let acted = 0;
    let scored = 0;
    for (const b of loadEurusdBars().slice(0, 6000)) {
      stream.push(b);
      const c = compositeScore(snapshotOf(stream));
      expect(c.strength).toBeGreaterThanOrEqual(0);
      expect(c.strength).toBeLessThanOrEqual(100 + 1e-9);
      if (c.strength > 0) scored++;
      if (c.actionable) {
        acted++;
        expect(c.rewardRisk).toBeGreaterThanOrEqual(1.5);
        expect(c.direction === 'long' ? c.stop! < c.entry && c.target! > c.entry : c.stop! > c.entry && c.target! < c.entry).toBe(true);
      }
    }
    expect(scored).toBeGreaterThan(3000);
    expect(acted).toBeGreaterThan(10);
    expect(acted).toBeLessThan(3000);
  });
});
