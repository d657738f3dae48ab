import type { Norm } from '../features/normalisation.ts';
import type { ModelKindDef } from '../models/catalog.ts';
import type { KindDataset, TrainingInput } from './dataset.ts';
import type { CalibrationBin } from './metrics.ts';

/** What a trainer fixed from the training rows alone (thresholds, base rates, a rebalanced row set). */
export interface LabelPlan {
  /** Stored as the manifest's `target`. */
  readonly target: Readonly<Record<string, number | string | string[]>>;
  /** The rows actually trained on (a trainer may rebalance classes). */
  readonly trainRows: readonly number[];
}

export interface FitDefaults {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
}

export interface Evaluation {
  readonly metrics: Record<string, unknown>;
  readonly calibration: Record<string, CalibrationBin[]>;
}

/** One model kind's data and labels: features from `def.features`, labels from detectors and future returns. */
export interface KindTrainer {
  readonly def: ModelKindDef;
  /** Bars after t a label reads: the embargo between training and test is at least twice this. */
  readonly horizon: number;
  readonly fit: FitDefaults;
  build(input: TrainingInput): KindDataset;
  plan(d: KindDataset, train: readonly number[], seed: number): LabelPlan;
  /** Targets per head for `rows`, flat [rows, units]. */
  targets(d: KindDataset, rows: readonly number[], plan: LabelPlan, norm: Norm): Float32Array[];
  /** Out-of-sample metrics from the exported model's outputs on the test rows. */
  evaluate(out: Readonly<Record<string, Float32Array>>, d: KindDataset, test: readonly number[], plan: LabelPlan, norm: Norm): Evaluation;
}

/** The label column `k` of `rows`. */
export function labelColumn(d: KindDataset, rows: readonly number[], k: number): Float32Array {
  return Float32Array.from(rows, (r) => d.labels[r * d.labelWidth + k]!);
}

export function oneHot(classes: ArrayLike<number>, k: number): Float32Array {
  const out = new Float32Array(classes.length * k);
  for (let i = 0; i < classes.length; i++) out[i * k + classes[i]!] = 1;
  return out;
}

export function majority(classes: ArrayLike<number>, k: number): number {
  const count = new Array<number>(k).fill(0);
  for (let i = 0; i < classes.length; i++) count[classes[i]!]!++;
  return count.indexOf(Math.max(...count));
}

export const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length > 0 ? s / xs.length : 0;
};
