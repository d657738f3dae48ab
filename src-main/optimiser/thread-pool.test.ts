import { describe, expect, it } from 'vitest';
import { poolUse, type TaskTiming } from './task-timing.ts';
import { threadPoolEvaluator } from './thread-pool.ts';
import type { TrialRecord, TrialTask } from './trial.ts';

const task = (i: number): TrialTask => ({ trialId: i, fold: 'in-sample', params: { entryZ: i / 10, lookback: 10 + i, mode: 'follow', hedge: true, entryAt: '10:45' }, indices: [] });

describe('the worker-thread pool', () => {
  it("runs a sweep's tasks on both threads at once, each thread one task at a time, building its objective once", async () => {
    const all: TaskTiming[] = [];
    const records: TrialRecord[] = [];
    const spec = { kind: 'synthetic', noise: 0, days: 10, delayMs: 150 } as const;
    const sweep: TaskTiming[] = [];
    let measuring = false;
    const pool = threadPoolEvaluator({ threads: 2, onTiming: (t) => (measuring ? sweep : all).push(t) });
    try {
      // Until both threads have started (a loaded machine starts them seconds apart), pairs of tasks.
      for (let i = 0; i < 40 && new Set(all.map((t) => t.threadId)).size < 2; i++) await pool.evaluate(spec, [task(100 + 2 * i), task(101 + 2 * i)], () => {});
      measuring = true;
      await pool.evaluate(spec, [0, 1, 2, 3, 4, 5].map(task), (r) => records.push(r));
    } finally {
      await pool.close();
    }
    all.push(...sweep);
    expect(records.map((r) => r.trialId).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(records.every((r) => r.status === 'complete')).toBe(true);
    const threads = [...new Set(sweep.map((t) => t.threadId))];
    expect(threads).toHaveLength(2);
    for (const id of threads) {
      const own = all.filter((t) => t.threadId === id).sort((a, b) => a.startMs - b.startMs);
      expect(own.filter((t) => t.builtObjective)).toHaveLength(1);
      for (let i = 1; i < own.length; i++) expect(own[i]!.startMs).toBeGreaterThanOrEqual(own[i - 1]!.endMs);
    }
    // Six tasks of 150 ms on two warm threads: most of the sweep has both running.
    expect(poolUse(sweep).overlap).toBeGreaterThan(0.5);
  }, 60_000);

  it('measures busy shares and overlap from recorded intervals', () => {
    const t = (threadId: number, startMs: number, endMs: number): TaskTiming => ({ trialId: 0, threadId, startMs, endMs, cpuMs: 0, builtObjective: false });
    const serial = poolUse([t(1, 0, 10), t(2, 10, 20)]);
    expect(serial).toEqual({ spanMs: 20, busy: new Map([[1, 0.5], [2, 0.5]]), overlap: 0 });
    const parallel = poolUse([t(1, 0, 10), t(2, 2, 10), t(1, 10, 12)]);
    expect(parallel.spanMs).toBe(12);
    expect(parallel.overlap).toBeCloseTo(8 / 12);
    expect(parallel.busy.get(1)).toBe(1);
    expect(poolUse([])).toEqual({ spanMs: 0, busy: new Map(), overlap: 0 });
  });
});
