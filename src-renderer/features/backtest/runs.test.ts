import { describe, expect, it } from 'vitest';
import type { BacktestDto } from '#contract/backtest-dto';
import { MAX_COMPARED, mergeRun, metricText, renameCompared, reportPageHref, toggleCompared } from './runs.ts';

const run = (id: string, patch: Partial<BacktestDto> = {}): BacktestDto => ({ id, state: 'done', label: id, from: '2026-11-24', to: '2026-11-25', bots: ['short-straddle'], createdAt: 1, progress: null, ...patch });

describe('the runs list', () => {
  it('puts a new job first, updates it in place, and replaces it by its kept run when it finishes', () => {
    let list = [run('aaaaaaaaaaaaaaaa')];
    list = mergeRun(list, run('bt-1', { state: 'running', progress: { daysDone: 0, daysTotal: 2, day: '2026-11-24', fraction: 0 } }));
    expect(list.map((b) => b.id)).toEqual(['bt-1', 'aaaaaaaaaaaaaaaa']);
    list = mergeRun(list, run('bt-1', { state: 'running', progress: { daysDone: 1, daysTotal: 2, day: '2026-11-25', fraction: 0.5 } }));
    expect(list.map((b) => [b.id, b.progress?.fraction])).toEqual([['bt-1', 0.5], ['aaaaaaaaaaaaaaaa', undefined]]);
    list = mergeRun(list, run('bbbbbbbbbbbbbbbb', { jobId: 'bt-1' }));
    expect(list.map((b) => b.id)).toEqual(['bbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaa']);
    // The same result kept again (an identical run) stays one row.
    list = mergeRun(list, run('aaaaaaaaaaaaaaaa', { jobId: 'bt-2' }));
    expect(list.map((b) => b.id)).toEqual(['bbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaa']);
  });

  it('compares at most four runs, in the order picked, and follows a job to its kept run', () => {
    let c: string[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e']) c = toggleCompared(c, id);
    expect(c).toEqual(['b', 'c', 'd', 'e']);
    expect(c.length).toBe(MAX_COMPARED);
    expect(toggleCompared(c, 'c')).toEqual(['b', 'd', 'e']);
    expect(renameCompared(['bt-1', 'x'], run('0123456789abcdef', { jobId: 'bt-1' }))).toEqual(['0123456789abcdef', 'x']);
  });

  it('reads metrics as the trader reads them', () => {
    const inr = (v: number) => `₹${v}`;
    expect(metricText(null, 'ratio', inr)).toBe('—');
    expect(metricText(0.1234, 'pct', inr)).toBe('12.3 %');
    expect(metricText(1.5, 'ratio', inr)).toBe('1.50');
    expect(metricText(-500, 'inr', inr)).toBe('₹-500');
    expect(metricText(3, 'days', inr)).toBe('3 d');
  });
});

describe('the report page link', () => {
  it('points at the terminal’s report route when the page is served over HTTP, and is absent in the app', () => {
    expect(reportPageHref('0123456789abcdef', true)).toBe('/api/backtests/0123456789abcdef/report.html');
    expect(reportPageHref('0123456789abcdef', false)).toBeUndefined();
  });
});
