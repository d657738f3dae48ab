import { Queue, QueueEvents } from 'bullmq';
import { ok, type Result } from '#core/result';
import type { TrialEvaluator } from '#optimiser/evaluator';
import type { TrialTask } from '#optimiser/trial';
import { connectRedis, type RedisClient, type RedisError, type RedisTarget } from './redis-connection.ts';
import { jobId, TRIALS_QUEUE, trialJobResultSchema, type TrialJob } from './trial-jobs.ts';

export interface QueueEvaluatorOptions {
  readonly target: RedisTarget;
  /** Names the jobs (the study id) so they can be told apart in Redis. */
  readonly label: string;
  /** Trials per job: more means less queue traffic, fewer spreads a small sweep over more machines. */
  readonly trialsPerJob?: number;
  /** How long completed jobs are kept for a restarted submitter to collect (seconds). */
  readonly keepSeconds?: number;
}

/**
 * Trials as BullMQ jobs: the submitting terminal adds them, `npm run worker` processes on any machines take
 * them, and each job's records come back through the queue's completion events to the submitter, which
 * stores them. A job whose worker dies is found stalled when its lock runs out and handed to another
 * worker; its results are stored once because the store is keyed by study, trial and fold.
 */
export async function queueEvaluator(o: QueueEvaluatorOptions): Promise<Result<TrialEvaluator, RedisError>> {
  const clients: RedisClient[] = [];
  for (const blocking of [false, true]) {
    const c = await connectRedis(o.target, { blocking });
    if (!c.ok) {
      for (const open of clients) open.disconnect();
      return c;
    }
    clients.push(c.value);
  }
  const queue = new Queue<TrialJob>(TRIALS_QUEUE, { connection: clients[0]! });
  const events = new QueueEvents(TRIALS_QUEUE, { connection: clients[1]! });
  await events.waitUntilReady();
  const size = o.trialsPerJob ?? 4;
  const keep = o.keepSeconds ?? 7 * 24 * 3600;

  return ok({
    async evaluate(objective, tasks, onResult, signal) {
      if (signal?.aborted) return;
      const chunks: TrialTask[][] = [];
      for (let i = 0; i < tasks.length; i += size) chunks.push(tasks.slice(i, i + size));
      const jobs = await queue.addBulk(
        chunks.map((chunk) => ({
          name: 'trials',
          data: { objective, tasks: chunk },
          opts: {
            jobId: jobId(o.label, objective, chunk),
            // A throw in a worker (not a failed trial: those are results) is retried with backoff.
            attempts: 3,
            backoff: { type: 'exponential', delay: 2000 },
            removeOnComplete: { age: keep },
            removeOnFail: { age: keep },
          },
        })),
      );
      const aborted = new Promise<never>((_, reject) => {
        signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      });
      // Nobody may be waiting on it any more when the signal fires (the batch was done): not an unhandled rejection.
      aborted.catch(() => {});
      await Promise.all(
        jobs.map(async (job, i) => {
          const value: unknown = await Promise.race([job.waitUntilFinished(events), aborted]);
          const records = trialJobResultSchema.safeParse(value);
          if (!records.success) throw new Error(`job ${job.id} came back with results that do not fit the record schema: ${records.error.issues[0]?.message ?? ''}`);
          const expected = new Set(chunks[i]!.map((t) => `${t.fold}:${t.trialId}`));
          for (const r of records.data) if (expected.has(`${r.fold}:${r.trialId}`)) onResult(r);
        }),
      );
    },
    async close() {
      await events.close();
      await queue.close();
      for (const c of clients) await c.quit().catch(() => c.disconnect());
    },
  });
}
