import { createHash } from 'node:crypto';
import { z } from 'zod';
import { objectiveSpecSchema, type ObjectiveSpec } from '#optimiser/objective-spec';
import { trialRecordSchema, trialTaskSchema, type TrialTask } from '#optimiser/trial';

/** The one queue trials travel on; every worker takes from it. */
export const TRIALS_QUEUE = 'optimiser-trials';

/** A job: some trials of one study, with the objective they run against. Checked on both ends. */
export const trialJobSchema = z.strictObject({
  objective: objectiveSpecSchema,
  tasks: z.array(trialTaskSchema).min(1),
});
export type TrialJob = z.infer<typeof trialJobSchema>;

export const trialJobResultSchema = z.array(trialRecordSchema);

/**
 * Content-addressed: the label (the study id), the fold, the trial range and a hash of the objective and
 * the tasks. The same trials submitted again (a restarted submitter) map to the same id, which BullMQ adds
 * only once and whose kept result comes back at once; different trials can never share an id.
 * BullMQ refuses `:` in custom ids.
 */
export function jobId(label: string, objective: ObjectiveSpec, tasks: readonly TrialTask[]): string {
  const hash = createHash('sha256').update(JSON.stringify([objective, tasks])).digest('hex').slice(0, 16);
  const first = tasks[0]!;
  return `${label.replace(/[^A-Za-z0-9_.-]/g, '_')}.${first.fold}.${first.trialId}-${tasks[tasks.length - 1]!.trialId}.${hash}`;
}
