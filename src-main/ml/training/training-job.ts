import { Worker } from 'node:worker_threads';
import type { TrainingInput } from './dataset.ts';
import type { KindOutcome, TrainAllOptions, TrainingProgress } from './train-all.ts';
import type { WorkerMessage, WorkerRequest } from './worker.ts';

export type TrainingOutcome =
  | { readonly kind: 'done'; readonly outcomes: readonly KindOutcome[] }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly message: string };

export interface TrainingJob {
  /** Stops at the next batch; `done` then resolves `cancelled`. Nothing is written by a cancelled job. */
  cancel(): void;
  readonly done: Promise<TrainingOutcome>;
}

export interface TrainingJobOptions extends Omit<TrainAllOptions, 'onProgress' | 'shouldStop' | 'now'> {
  readonly onProgress?: (p: TrainingProgress) => void;
}

/**
 * Trains in a worker thread, so the engine (and every bot on the current models) keeps running while
 * it does; the caller records and promotes what comes back. The bars are copied to the worker once.
 */
export function startTrainingJob(input: TrainingInput, o: TrainingJobOptions): TrainingJob {
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const { onProgress, ...options } = o;
  const request: WorkerRequest = { input, options, cancel };
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: request });
  let settled = false;
  const done = new Promise<TrainingOutcome>((resolve) => {
    const finish = (outcome: TrainingOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else finish(m.result.cancelled ? { kind: 'cancelled' } : { kind: 'done', outcomes: m.result.outcomes });
    });
    worker.on('error', (e) => finish({ kind: 'failed', message: `training failed: ${e.message}` }));
    worker.on('exit', (code) => finish(Atomics.load(cancel, 0) === 1 ? { kind: 'cancelled' } : { kind: 'failed', message: `the training worker stopped (exit code ${code}) before it finished` }));
  });
  return { cancel: () => Atomics.store(cancel, 0, 1), done };
}
