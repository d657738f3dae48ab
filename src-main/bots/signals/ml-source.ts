import type { MlSource } from '../contract/models.ts';
import { notAvailable, type SourceView, type SourceWeights } from './source.ts';

export type { MlRequest, MlSource } from '../contract/models.ts';

/**
 * The ML slot of the ensemble (`ctx.models.ml`). Models (LSTM on RSI, CNN on OHLC windows, structure-break
 * MLP) plug in through the `ml` layer; until one is installed the slot says so and the ensemble
 * renormalises its weight over the other sources.
 */
export const noMlModel: MlSource = {
  evaluate: () => notAvailable('ml', 'no ML model installed'),
};

/**
 * What the trained ML layer (`src-main/ml`) adds to its view besides its own score: the ensemble's
 * performance-based weights (each source's recent hit rate) and this bot's entry-threshold multiplier
 * (a bandit within ±10 %). The ensemble and the validator apply them and say so in the signal's notes.
 */
export interface MlTuning {
  readonly adaptiveWeights?: { readonly weights: SourceWeights; readonly basis: string };
  readonly adaptiveThresholds?: { readonly multiplier: number; readonly basis: string };
}

/** The learners carried by the ML source's view among `views`; nothing when it carries none (or no ML view). */
export function mlTuning(views: readonly SourceView[]): MlTuning {
  const ml = views.find((v) => v.source === 'ml') as (SourceView & MlTuning) | undefined;
  const w = ml?.adaptiveWeights;
  const t = ml?.adaptiveThresholds;
  const weightsOk = w !== undefined && Object.values(w.weights).every((x) => Number.isFinite(x) && x >= 0);
  const thresholdsOk = t !== undefined && Number.isFinite(t.multiplier) && t.multiplier >= 0.9 && t.multiplier <= 1.1;
  return { ...(weightsOk ? { adaptiveWeights: w } : {}), ...(thresholdsOk ? { adaptiveThresholds: t } : {}) };
}
