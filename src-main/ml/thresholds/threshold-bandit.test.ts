import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { ARMS, ThresholdBandit } from './threshold-bandit.ts';

const day = (d: number, h = 10) => istToEpoch(2026, 3, d, h, 0);

describe('entry-threshold bandit (±10 %, rewarded by R multiple)', () => {
  it('starts at ×1.00, holds one arm a day, and tries every arm before exploiting', () => {
    const b = new ThresholdBandit();
    expect(b.thresholds(day(2)).multiplier).toBe(1);
    b.record({ openedAt: day(2, 11), pnl: 500, risk: 1_000 });
    expect(b.thresholds(day(2, 14)).multiplier).toBe(1);
    const seen = new Set<number>();
    for (let d = 3; d < 7; d++) {
      const m = b.thresholds(day(d)).multiplier;
      seen.add(m);
      b.record({ openedAt: day(d, 11), pnl: 0, risk: 1_000 });
    }
    expect([...seen].sort()).toEqual([0.9, 0.95, 1.05, 1.1]);
  });

  it('moves toward the arm with the best risk-adjusted return, never outside ±10 %', () => {
    const b = new ThresholdBandit();
    for (let d = 1; d <= 28; d++) {
      const t = b.thresholds(day(d));
      expect(t.multiplier).toBeGreaterThanOrEqual(0.9);
      expect(t.multiplier).toBeLessThanOrEqual(1.1);
      // Tighter thresholds win 1 R, looser ones lose 1 R.
      b.record({ openedAt: day(d, 11), pnl: t.multiplier > 1 ? 1_000 : -1_000, risk: 1_000 });
    }
    const s = b.state();
    const counts = s.arms.map((a) => a.n);
    expect(counts[ARMS.indexOf(1.1)]! + counts[ARMS.indexOf(1.05)]!).toBeGreaterThan(counts[ARMS.indexOf(0.9)]! + counts[ARMS.indexOf(0.95)]!);
    expect(b.thresholds(day(29)).basis).toMatch(/^entry thresholds ×1\.(05|10) \(threshold bandit, arm [45] of 5: mean 1\.00 R over \d+ trades\)$/);
  });

  it('credits a trade to the arm in force when it opened; its state survives a restart; bad state starts afresh', () => {
    const b = new ThresholdBandit();
    b.thresholds(day(2));
    b.record({ openedAt: day(2, 11), pnl: 10_000, risk: 1_000 });
    const back = ThresholdBandit.restore(JSON.parse(JSON.stringify(b.state())));
    expect(back.problem).toBeUndefined();
    expect(back.bandit.state()).toEqual(b.state());
    expect(b.state().arms[ARMS.indexOf(1)]).toEqual({ n: 1, sum: 1 });
    b.record({ openedAt: day(1), pnl: 1, risk: 1 });
    b.record({ openedAt: day(2, 12), pnl: 1, risk: 0 });
    expect(b.state().arms[ARMS.indexOf(1)]).toEqual({ n: 1, sum: 1 });
    const bad = ThresholdBandit.restore({ arms: [] });
    expect(bad.problem).toMatch(/^threshold bandit state unreadable \(.+\): starting afresh at ×1\.00$/);
    expect(bad.bandit.thresholds(day(3)).multiplier).toBe(1);
  });
});
