import os from 'node:os';
import { Piscina } from 'piscina';
import { z } from 'zod';
import type { TrialEvaluator } from './evaluator.ts';
import { taskTimingSchema, type TaskTiming } from './task-timing.ts';
import { trialRecordSchema } from './trial.ts';

export interface ThreadPoolOptions {
  /** Worker threads; default one per core. */
  readonly threads?: number;
  readonly workDir?: string;
  /** Where and when each task ran (thread, wall interval, thread CPU): for benchmarks and tests. */
  readonly onTiming?: (t: TaskTiming) => void;
}

export const defaultThreads = (): number => Math.max(1, os.availableParallelism());

const replySchema = z.strictObject({ record: trialRecordSchema, timing: taskTimingSchema });

/**
 * Trials on worker_threads through piscina: the threads start with the pool and live as long as it does,
 * each builds an objective once per spec and runs one trial at a time, so a sweep pays module loading and
 * the JIT's warm-up once per thread, not per trial. Results come back checked by the record schema, in
 * whatever order they finish.
 */
export function threadPoolEvaluator(o: ThreadPoolOptions = {}): TrialEvaluator {
  const threads = o.threads ?? defaultThreads();
  const pool = new Piscina({
    filename: new URL('./trial-thread.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    // Warm threads are worth keeping between a study's batches and between the jobs a queue worker takes.
    idleTimeout: 60_000,
  });
  return {
    async evaluate(objective, tasks, onResult, signal) {
      await Promise.all(
        tasks.map(async (task) => {
          const raw: unknown = await pool.run({ objective, task, ...(o.workDir !== undefined ? { workDir: o.workDir } : {}) }, signal ? { signal } : {});
          const reply = replySchema.parse(raw);
          o.onTiming?.(reply.timing);
          onResult(reply.record);
        }),
      );
    },
    close: () => pool.destroy(),
  };
}
