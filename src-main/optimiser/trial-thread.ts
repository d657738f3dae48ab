import { z } from 'zod';
import { createObjective } from './create-objective.ts';
import type { Objective } from './objective.ts';
import { objectiveSpecSchema } from './objective-spec.ts';
import { runTrial, trialTaskSchema, type TrialRecord } from './trial.ts';

/** The piscina worker: one message is one trial. The objective is built once per thread and spec. */
const messageSchema = z.strictObject({ objective: objectiveSpecSchema, task: trialTaskSchema, workDir: z.string().optional() });

const objectives = new Map<string, Objective>();

export default async function evaluateInThread(message: unknown): Promise<TrialRecord> {
  const m = messageSchema.parse(message);
  const key = JSON.stringify([m.objective, m.workDir]);
  let objective = objectives.get(key);
  if (!objective) {
    objective = createObjective(m.objective, m.workDir);
    objectives.set(key, objective);
  }
  return runTrial(objective, m.task);
}
