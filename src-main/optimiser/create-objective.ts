import { runBacktest } from '#backtest/run-backtest';
import { backtestObjective } from './backtest-objective.ts';
import type { Objective } from './objective.ts';
import type { ObjectiveSpec } from './objective-spec.ts';
import { plantedObjective } from './synthetic/planted.ts';

/** Builds the objective a spec describes; the one place that knows every kind. */
export function createObjective(spec: ObjectiveSpec, workDir?: string): Objective {
  return spec.kind === 'synthetic' ? plantedObjective(spec) : backtestObjective(spec, runBacktest, workDir);
}
