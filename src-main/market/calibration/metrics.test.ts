import { describe, expect, it } from 'vitest';
import { dailyMetrics, type DailyRow } from './metrics.ts';

/** Sessions from (open, close) pairs; each gap is the open over the previous close. */
const sessions = (pairs: readonly (readonly [number, number])[]): DailyRow[] => pairs.map(([open, close], i) => ({ dateKey: `2024-01-${String(i + 1).padStart(2, '0')}`, open, close }));

describe('daily metrics', () => {
  it('count the overnight gaps beyond ±2 % among all gaps, either way, not the first session', () => {
    const rows = sessions([
      [100, 100],
      [102.5, 102], // +2.5 %: counted
      [101, 101], // −1 %
      [98.9, 99], // −2.08 %: counted
      [100.9, 100], // +1.92 %: not counted
    ]);
    expect(dailyMetrics(rows).bigGapShare).toBeCloseTo(2 / 4, 12);
  });

  it('give the variance share of the gaps beside it, on the same returns', () => {
    const rows = sessions([
      [100, 100],
      [101, 101],
      [101, 102],
      [102, 101],
    ]);
    const m = dailyMetrics(rows);
    expect(m.bigGapShare).toBe(0);
    expect(m.overnightShare).toBeGreaterThan(0);
  });
});
