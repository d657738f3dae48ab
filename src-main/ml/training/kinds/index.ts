import type { ModelKind } from '#ml/models/catalog';
import type { KindTrainer } from '../kind-trainer.ts';
import { breakValidatorTrainer } from './break-validator.ts';
import { patternCnnTrainer } from './pattern-cnn.ts';
import { regimeTrainer } from './regime.ts';
import { rsiLstmTrainer } from './rsi-lstm.ts';

export const TRAINERS: Readonly<Record<ModelKind, KindTrainer>> = {
  'rsi-lstm': rsiLstmTrainer,
  'pattern-cnn': patternCnnTrainer,
  'break-validator': breakValidatorTrainer,
  regime: regimeTrainer,
};
