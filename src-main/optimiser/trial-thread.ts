import { threadId } from 'node:worker_threads';
import { z } from 'zod';
import { createObjective } from './create-objective.ts';
import type { Objective } from './objective.ts';
import { objectiveSpecSchema } from './objective-spec.ts';
import type { TaskTiming } from './task-timing.ts';
import { runTrial, trialTaskSchema, type TrialRecord } from './trial.ts';

/** The piscina worker: one message is one trial. The objective is built once per thread and spec. */
const messageSchema = z.strictObject({ objective: objectiveSpecSchema, task: trialTaskSchema, workDir: z.string().optional() });

const objectives = new Map<string, Objective>();

/** Wall time as an epoch in ms, comparable across threads (each thread's `performance.now()` has its own origin). */
const epochMs = (): number => performance.timeOrigin + performance.now();

export default async function evaluateInThread(message: unknown): Promise<{ record: TrialRecord; timing: TaskTiming }> {
  const startMs = epochMs();
  const cpu0 = process.threadCpuUsage();
  const m = messageSchema.parse(message);
  const key = JSON.stringify([m.objective, m.workDir]);
  let objective = objectives.get(key);
  const built = !objective;
  if (!objective) {
    objective = createObjective(m.objective, m.workDir);
    objectives.set(key, objective);
  }
  const record = await runTrial(objective, m.task);
  const cpu = process.threadCpuUsage(cpu0);
  return { record, timing: { trialId: m.task.trialId, threadId, startMs, endMs: epochMs(), cpuMs: (cpu.user + cpu.system) / 1000, builtObjective: built } };
}
