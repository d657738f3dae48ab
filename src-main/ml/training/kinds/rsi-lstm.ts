import { featuresAt } from '#ml/features/feature-set';
import { RSI_STEPS } from '#ml/features/rsi-sequence';
import { directionLabel } from '#ml/labels/future';
import { MODEL_CATALOG } from '#ml/models/catalog';
import { DatasetBuilder } from '../dataset.ts';
import { binaryMetrics, calibration, rmse } from '../metrics.ts';
import { labelColumn, mean, type KindTrainer } from '../kind-trainer.ts';

/** The LSTM's direction is the close 3 bars (15 minutes) on: one bar is mostly noise. */
const DIRECTION_HORIZON = 3;
const def = MODEL_CATALOG['rsi-lstm'];

/** Labels: the next bar's RSI (same definition, one bar on) and whether the close is higher 3 bars later. */
export const rsiLstmTrainer: KindTrainer = {
  def,
  horizon: DIRECTION_HORIZON,
  fit: { epochs: 6, batchSize: 64, learningRate: 0.01 },
  build(input) {
    const b = new DatasetBuilder(RSI_STEPS, 3);
    const next = new Float32Array(RSI_STEPS);
    for (const s of input.series) {
      const c = s.bars;
      for (let t = def.features.window - 1; t + DIRECTION_HORIZON < c.length; t++) {
        const up = directionLabel(c, t, DIRECTION_HORIZON);
        if (up === undefined) continue;
        if (!featuresAt(def.features, c, t, b.scratch, 0, undefined as never)) continue;
        if (!featuresAt(def.features, c, t + 1, next, 0, undefined as never)) continue;
        b.push(c.tsStart[t]!, c.tsStart[t + DIRECTION_HORIZON]!, [next[RSI_STEPS - 1]!, up, b.scratch[RSI_STEPS - 1]!]);
      }
    }
    return b.build();
  },
  plan(d, train) {
    return { target: { directionHorizon: DIRECTION_HORIZON, trainUpRate: round(mean(labelColumn(d, train, 1))) }, trainRows: train };
  },
  targets(d, rows, _plan, norm) {
    const rsi = labelColumn(d, rows, 0).map((v) => (v - norm.mean[0]!) / norm.std[0]!);
    return [rsi, labelColumn(d, rows, 1)];
  },
  evaluate(out, d, test, plan, norm) {
    const predicted = Array.from(out.rsi_next!, (z) => z * norm.std[0]! + norm.mean[0]!);
    const up = labelColumn(d, test, 1);
    return {
      metrics: {
        rsiNext: { n: test.length, rmse: rmse(predicted, labelColumn(d, test, 0)), persistenceRmse: rmse(labelColumn(d, test, 2), labelColumn(d, test, 0)) },
        direction: binaryMetrics(out.p_up!, up, plan.target.trainUpRate as number),
      },
      calibration: { p_up: calibration(out.p_up!, up) },
    };
  },
};

const round = (x: number): number => Math.round(x * 1e4) / 1e4;
