import type { MlSource } from '../contract/models.ts';
import { notAvailable } from './source.ts';

export type { MlRequest, MlSource } from '../contract/models.ts';

/**
 * The ML slot of the ensemble (`ctx.models.ml`). Models (LSTM on RSI, CNN on OHLC windows, structure-break
 * MLP) plug in through the `ml` layer; until one is installed the slot says so and the ensemble
 * renormalises its weight over the other sources.
 */
export const noMlModel: MlSource = {
  evaluate: () => notAvailable('ml', 'no ML model installed'),
};
