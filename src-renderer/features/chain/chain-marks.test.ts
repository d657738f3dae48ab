import { describe, expect, it } from 'vitest';
import { expectedMoveStrikes } from './chain-marks.ts';

const rows = [25_800, 25_850, 25_900, 25_950, 26_000, 26_050, 26_100, 26_150, 26_200].map((strike) => ({ strike }));

describe('expected-move marks on the chain', () => {
  it('mark the strikes nearest forward ∓ one σ', () => {
    const m = expectedMoveStrikes({ rows, forward: 26_010, expectedMove: 140 });
    expect([...m]).toEqual([
      [25_850, '−1σ'],
      [26_150, '+1σ'],
    ]);
  });
  it('mark nothing beyond the strikes shown, or without a move', () => {
    expect([...expectedMoveStrikes({ rows, forward: 26_000, expectedMove: 900 })]).toEqual([]);
    expect(expectedMoveStrikes({ rows, forward: 26_000 }).size).toBe(0);
  });
});
