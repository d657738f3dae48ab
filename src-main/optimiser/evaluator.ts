import { createObjective } from './create-objective.ts';
import type { ObjectiveSpec } from './objective-spec.ts';
import { runTrial, type TrialRecord, type TrialTask } from './trial.ts';

/**
 * Where trials run: in this thread, on a pool of worker threads, or as jobs on a queue that other machines
 * take. The study does not care which: it hands over tasks and stores each result as it arrives.
 */
export interface TrialEvaluator {
  /** Resolves once every task has a result (in any order); rejects when the evaluator itself fails. */
  evaluate(objective: ObjectiveSpec, tasks: readonly TrialTask[], onResult: (r: TrialRecord) => void, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** One trial after another in this thread: for tests and for a single short run. */
export function inlineEvaluator(workDir?: string): TrialEvaluator {
  return {
    async evaluate(spec, tasks, onResult, signal) {
      const objective = createObjective(spec, workDir);
      for (const task of tasks) {
        if (signal?.aborted) return;
        onResult(await runTrial(objective, task, signal));
      }
    },
    async close() {},
  };
}
