import { z } from 'zod';
import { FOLDS, type Objective } from './objective.ts';

const paramValue = z.union([z.number(), z.string(), z.boolean()]);

/** One evaluation to run: crosses to worker threads and, inside a job, to other machines. */
export const trialTaskSchema = z.strictObject({
  trialId: z.number().int().min(0),
  fold: z.enum(FOLDS),
  params: z.record(z.string(), paramValue),
  indices: z.array(z.number().int().min(0)),
});
export type TrialTask = z.infer<typeof trialTaskSchema>;

/** What came of it: comes back the same ways and is stored as it is. */
export const trialRecordSchema = z.strictObject({
  ...trialTaskSchema.shape,
  status: z.enum(['complete', 'failed']),
  score: z.number().nullable(),
  metrics: z.record(z.string(), z.number().nullable()),
  returns: z.array(z.number()),
  error: z.string().nullable(),
});
export type TrialRecord = z.infer<typeof trialRecordSchema>;

const finite = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);

/**
 * Runs one task. A throw from the objective is a failed trial with its message, not a failed study: one bad
 * parameter set must not stop a sweep of a thousand. Non-finite figures become null (JSON has no Infinity).
 */
export async function runTrial(objective: Objective, task: TrialTask, signal?: AbortSignal): Promise<TrialRecord> {
  const failed = (error: string): TrialRecord => ({ ...task, status: 'failed', score: null, metrics: {}, returns: [], error });
  try {
    const r = await objective.evaluate(task.params, task.fold, signal);
    if (!r.ok) return failed(`${r.error.kind}: ${r.error.message}`);
    const metrics: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(r.value.metrics)) metrics[k] = finite(v);
    return { ...task, status: 'complete', score: finite(r.value.score), metrics, returns: r.value.returns.map((x) => (Number.isFinite(x) ? x : 0)), error: null };
  } catch (e) {
    return failed(`threw: ${(e as Error).message}`);
  }
}
