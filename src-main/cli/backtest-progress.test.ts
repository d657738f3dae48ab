import { describe, expect, it } from 'vitest';
import { backtestProgress, backtestProgressText } from './backtest-progress.ts';

const at = (fraction: number, daysDone = 0) => ({ daysDone, daysTotal: 4, day: '2026-11-25', fraction });

describe('backtest progress', () => {
  it('shows a bar, the share, the day and the time left', () => {
    expect(backtestProgressText(at(0.5, 2), 10_000)).toBe('[############............]   50%  2026-11-25 (3 of 4 days)  about 10 s left');
    expect(backtestProgressText(at(1, 4), 10_000, 'backtest 2')).toBe('[########################]  100%  backtest 2  2026-11-25 (4 of 4 days)');
  });

  it('off a terminal: one line per tenth, starting again for each backtest of a series', () => {
    const shown: string[] = [];
    const p = backtestProgress({ show: (t) => shown.push(t), end: () => undefined }, false, () => 0);
    for (const f of [0.01, 0.05, 0.12, 0.5, 1]) p.update(at(f), 'backtest 1');
    for (const f of [0.01, 0.5]) p.update(at(f), 'backtest 2');
    expect(shown.map((s) => s.match(/\d+% {2}backtest \d/)![0])).toEqual(['1%  backtest 1', '12%  backtest 1', '50%  backtest 1', '100%  backtest 1', '1%  backtest 2', '50%  backtest 2']);
  });
});
