import { Worker } from 'bullmq';
import { ok, type Result } from '#core/result';
import { threadPoolEvaluator } from '#optimiser/thread-pool';
import type { TrialRecord } from '#optimiser/trial';
import { connectRedis, type RedisClient, type RedisError, type RedisTarget } from './redis-connection.ts';
import { TRIALS_QUEUE, trialJobSchema } from './trial-jobs.ts';

export interface TrialWorkerOptions {
  readonly target: RedisTarget;
  /** Worker threads, and so jobs taken at once. */
  readonly threads: number;
  /** Shown in the queue as the job's processor. */
  readonly name: string;
  /**
   * How long a job's lock lasts without renewal (renewed every half of it while the worker lives). A worker
   * that dies loses the lock after this long and its job goes to another worker.
   */
  readonly lockMs?: number;
  readonly workDir?: string;
  readonly onJob?: (e: { readonly kind: 'started' | 'completed'; readonly jobId: string; readonly trials: number }) => void;
}

export interface TrialWorker {
  /** Finishes the jobs in hand, then stops. */
  close(): Promise<void>;
}

/** A queue worker: takes trial jobs and runs their trials on its thread pool. */
export async function startTrialWorker(o: TrialWorkerOptions): Promise<Result<TrialWorker, RedisError>> {
  const connected = await connectRedis(o.target, { blocking: true });
  if (!connected.ok) return connected;
  const client: RedisClient = connected.value;
  const pool = threadPoolEvaluator({ threads: o.threads, ...(o.workDir !== undefined ? { workDir: o.workDir } : {}) });
  const lockDuration = o.lockMs ?? 30_000;
  const worker = new Worker(
    TRIALS_QUEUE,
    async (job) => {
      const data = trialJobSchema.parse(job.data);
      o.onJob?.({ kind: 'started', jobId: job.id ?? '', trials: data.tasks.length });
      const records: TrialRecord[] = [];
      await pool.evaluate(data.objective, data.tasks, (r) => records.push(r));
      records.sort((a, b) => a.trialId - b.trialId);
      o.onJob?.({ kind: 'completed', jobId: job.id ?? '', trials: records.length });
      return records;
    },
    {
      connection: client,
      name: o.name,
      concurrency: o.threads,
      lockDuration,
      stalledInterval: Math.max(1000, Math.round(lockDuration / 2)),
      // A job may outlive a few dead workers before it is given up as failed.
      maxStalledCount: 3,
    },
  );
  await worker.waitUntilReady();
  return ok({
    async close() {
      await worker.close();
      await pool.close();
      await client.quit().catch(() => client.disconnect());
    },
  });
}
