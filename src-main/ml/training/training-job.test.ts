import { describe, expect, it } from 'vitest';
import { syntheticInput } from '../testing/training-input.ts';
import { startTrainingJob } from './training-job.ts';
import type { TrainingProgress } from './train-all.ts';

describe('training in a worker thread', () => {
  it('reports progress and returns every model', async () => {
    const seen: TrainingProgress[] = [];
    const job = startTrainingJob(syntheticInput(20), { kinds: ['regime', 'break-validator'], seed: 2, fit: { regime: { epochs: 3 }, 'break-validator': { epochs: 3 } }, onProgress: (p) => seen.push(p) });
    const outcome = await job.done;
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done') return;
    expect(outcome.outcomes.map((o) => [o.kind, o.ok])).toEqual([
      ['regime', true],
      ['break-validator', true],
    ]);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.fraction > 0 && p.fraction <= 1)).toBe(true);
  });

  it('cancels: the job ends as cancelled and returns no model', async () => {
    const job = startTrainingJob(syntheticInput(20), { kinds: ['pattern-cnn'], seed: 2, fit: { 'pattern-cnn': { epochs: 200 } }, onProgress: () => job.cancel() });
    expect(await job.done).toEqual({ kind: 'cancelled' });
  });
});
