import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { openStore, type Store } from '#store/database';
import { inlineEvaluator, type TrialEvaluator } from './evaluator.ts';
import { runStudy } from './study.ts';
import type { StudySpecInput } from './study-spec.ts';
import { StudyStore } from './study-store.ts';
import { PLANTED_OPTIMUM } from './synthetic/planted.ts';
import { threadPoolEvaluator } from './thread-pool.ts';
import type { TrialRecord } from './trial.ts';

let dir: string;
let stores: Store[];
const clock = new WallClock();

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'optimiser-'));
  stores = [];
});
afterEach(async () => {
  for (const s of stores) await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function studyStore(name = 'terminal.sqlite'): StudyStore {
  const r = openStore(path.join(dir, name), 1);
  if (!r.ok) throw new Error(r.error.message);
  stores.push(r.value);
  return new StudyStore(r.value);
}

/** Counts what reaches the evaluator, and can stop the study after a number of results. */
function counting(inner: TrialEvaluator, stopAfter?: { n: number; controller: AbortController }): TrialEvaluator & { evaluated: number } {
  const e = {
    evaluated: 0,
    evaluate: (spec: Parameters<TrialEvaluator['evaluate']>[0], tasks: Parameters<TrialEvaluator['evaluate']>[1], onResult: (r: TrialRecord) => void, signal?: AbortSignal) =>
      inner.evaluate(
        spec,
        tasks,
        (r) => {
          e.evaluated++;
          onResult(r);
          if (stopAfter && e.evaluated === stopAfter.n) stopAfter.controller.abort();
        },
        signal,
      ),
    close: () => inner.close(),
  };
  return e;
}

const narrow: StudySpecInput['space'] = [
  { key: 'entryZ', min: 1.1, max: 1.5, step: 0.1 },
  { key: 'lookback', min: 36, max: 38 },
  { key: 'mode' },
  { key: 'hedge' },
  { key: 'entryAt', min: '10:30', max: '11:00' },
];
const comparable = (rs: readonly TrialRecord[]) => JSON.stringify([...rs].sort((a, b) => a.fold.localeCompare(b.fold) || a.trialId - b.trialId));

describe('runStudy', () => {
  it('a grid over the synthetic bot finds the planted optimum and stores every trial once', async () => {
    const store = studyStore();
    const spec: StudySpecInput = { objective: { kind: 'synthetic' }, space: narrow, sampler: 'grid', outOfSampleTop: 5 };
    const r = await runStudy({ studyId: 'grid', spec, store, evaluator: inlineEvaluator(), clock });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.trials).toBe(5 * 3 * 3 * 2 * 3);
    expect(r.value.best?.params).toEqual(PLANTED_OPTIMUM);
    expect(store.records('grid', 'in-sample')).toHaveLength(270);
    expect(store.records('grid', 'out-of-sample')).toHaveLength(5);
    expect(r.value.outOfSample?.byOutOfSample).toHaveLength(5);
    expect(r.value.deflatedSharpe?.dsr).toBeGreaterThan(0);
    expect(r.value.pbo?.splits).toBeGreaterThan(0);
  }, 120_000);

  it('TPE on worker threads finds the planted optimum; one thread and two give byte-identical results', async () => {
    const spec: StudySpecInput = { objective: { kind: 'synthetic' }, sampler: 'tpe', trials: 500, seed: 3, batchSize: 8 };
    const results: string[] = [];
    for (const threads of [1, 2]) {
      const store = studyStore(`t${threads}.sqlite`);
      const pool = threadPoolEvaluator({ threads });
      const r = await runStudy({ studyId: 'tpe', spec, store, evaluator: pool, clock });
      await pool.close();
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.best?.params).toEqual(PLANTED_OPTIMUM);
      results.push(comparable(store.records('tpe')));
    }
    expect(results[1]).toBe(results[0]);
  }, 120_000);

  it('a stopped study resumes where it stopped: done trials are skipped and the results equal an uninterrupted run', async () => {
    const spec: StudySpecInput = { objective: { kind: 'synthetic', noise: 0.05 }, sampler: 'tpe', trials: 60, seed: 2, batchSize: 4 };
    const whole = studyStore('whole.sqlite');
    expect((await runStudy({ studyId: 's', spec, store: whole, evaluator: inlineEvaluator(), clock })).ok).toBe(true);

    const store = studyStore('resumed.sqlite');
    const controller = new AbortController();
    const first = counting(inlineEvaluator(), { n: 23, controller });
    const stopped = await runStudy({ studyId: 's', spec, store, evaluator: first, clock, signal: controller.signal });
    expect(stopped).toMatchObject({ ok: false, error: { kind: 'aborted' } });
    expect(store.records('s')).toHaveLength(23);

    const second = counting(inlineEvaluator());
    const progress: number[] = [];
    const resumed = await runStudy({ studyId: 's', spec, store, evaluator: second, clock, onProgress: (p) => progress.push(p.done) });
    expect(resumed.ok).toBe(true);
    expect(second.evaluated).toBe(60 + 10 - 23);
    expect(progress[0]).toBe(23);
    expect(comparable(store.records('s'))).toBe(comparable(whole.records('s')));
  }, 120_000);

  it('refuses another spec under an existing study id, and bad settings with the field named', async () => {
    const store = studyStore();
    const evaluator = inlineEvaluator();
    await runStudy({ studyId: 'x', spec: { objective: { kind: 'synthetic' }, sampler: 'random', trials: 3, outOfSampleTop: 0 }, store, evaluator, clock });
    const again = await runStudy({ studyId: 'x', spec: { objective: { kind: 'synthetic' }, sampler: 'random', trials: 4, outOfSampleTop: 0 }, store, evaluator, clock });
    expect(again).toMatchObject({ ok: false, error: { kind: 'study-mismatch' } });
    const bad = await runStudy({ studyId: 'y', spec: { objective: { kind: 'synthetic' }, sampler: 'random', trials: 0 }, store, evaluator, clock });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-study', message: expect.stringContaining('trials') } });
    const huge = await runStudy({ studyId: 'z', spec: { objective: { kind: 'synthetic' }, sampler: 'grid' }, store, evaluator, clock });
    expect(huge).toMatchObject({ ok: false, error: { kind: 'invalid-study', message: expect.stringContaining('narrow the ranges') } });
  }, 120_000);

  it('a parameter set the bot schema refuses is a failed trial, not a failed study', async () => {
    const store = studyStore();
    const evaluator: TrialEvaluator = {
      async evaluate(spec, tasks, onResult) {
        for (const t of tasks) onResult({ ...t, status: 'failed', score: null, metrics: {}, returns: [], error: 'invalid-params: no' });
      },
      async close() {},
    };
    const r = await runStudy({ studyId: 'f', spec: { objective: { kind: 'synthetic' }, sampler: 'random', trials: 5 }, store, evaluator, clock });
    expect(r).toMatchObject({ ok: true, value: { trials: 5, failed: 5, best: null } });
  }, 120_000);
});
