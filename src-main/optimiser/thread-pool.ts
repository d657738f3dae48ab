import os from 'node:os';
import { Piscina } from 'piscina';
import type { TrialEvaluator } from './evaluator.ts';
import { trialRecordSchema } from './trial.ts';

export interface ThreadPoolOptions {
  /** Worker threads; default one per core. */
  readonly threads?: number;
  readonly workDir?: string;
}

export const defaultThreads = (): number => Math.max(1, os.availableParallelism());

/**
 * Trials on worker_threads through piscina: each thread builds the objective once and runs one trial at a
 * time. Results come back checked by the record schema, in whatever order they finish.
 */
export function threadPoolEvaluator(o: ThreadPoolOptions = {}): TrialEvaluator {
  const threads = o.threads ?? defaultThreads();
  const pool = new Piscina({
    filename: new URL('./trial-thread.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
  });
  return {
    async evaluate(objective, tasks, onResult, signal) {
      await Promise.all(
        tasks.map(async (task) => {
          const raw: unknown = await pool.run({ objective, task, ...(o.workDir !== undefined ? { workDir: o.workDir } : {}) }, signal ? { signal } : {});
          onResult(trialRecordSchema.parse(raw));
        }),
      );
    },
    close: () => pool.destroy(),
  };
}
