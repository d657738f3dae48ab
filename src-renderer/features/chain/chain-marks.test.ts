import { describe, expect, it } from 'vitest';
import { expectedMoveStrikes, marksBeyondShown, strikesToShowMarks } from './chain-marks.ts';

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
    expect([...expectedMoveStrikes({ rows, forward: 26_000, expectedMove: 226 })]).toEqual([]);
    expect(expectedMoveStrikes({ rows, forward: 26_000 }).size).toBe(0);
  });
  it('name the levels beyond every strike shown, for the note under the chain', () => {
    expect(marksBeyondShown({ rows, forward: 26_000, expectedMove: 900 })).toEqual([
      { label: '−1σ', level: 25_100 },
      { label: '+1σ', level: 26_900 },
    ]);
    expect(marksBeyondShown({ rows, forward: 26_100, expectedMove: 200 })).toEqual([{ label: '+1σ', level: 26_300 }]);
    expect(marksBeyondShown({ rows, forward: 26_010, expectedMove: 140 })).toEqual([]);
    expect(marksBeyondShown({ rows, forward: 26_000 })).toEqual([]);
  });
  it('mark the outermost strike for a level within half a step beyond it: it is the nearest strike there is', () => {
    expect([...expectedMoveStrikes({ rows, forward: 26_000, expectedMove: 224 })]).toEqual([
      [25_800, '−1σ'],
      [26_200, '+1σ'],
    ]);
  });
});

describe('strikes each side to ask for', () => {
  it('cover one σ with a strike to spare, within the bounds given', () => {
    expect(strikesToShowMarks({ rows, expectedMove: 140 }, 12, 40)).toBe(12);
    expect(strikesToShowMarks({ rows, expectedMove: 603 }, 12, 40)).toBe(15);
    expect(strikesToShowMarks({ rows, expectedMove: 5_000 }, 12, 40)).toBe(40);
    expect(strikesToShowMarks({ rows }, 12, 40)).toBe(12);
    expect(strikesToShowMarks({ rows: rows.slice(0, 1), expectedMove: 603 }, 12, 40)).toBe(12);
  });
});
