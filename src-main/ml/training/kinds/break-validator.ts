import { atrBatch } from '#indicators/atr';
import type { BreakArg } from '#ml/features/break-context';
import { featuresAt } from '#ml/features/feature-set';
import { sliceColumns } from '#ml/features/series';
import { detectorLabels } from '#ml/labels/detector-labels';
import { followThrough } from '#ml/labels/future';
import { MODEL_CATALOG } from '#ml/models/catalog';
import { DatasetBuilder } from '../dataset.ts';
import { binaryMetrics, calibration } from '../metrics.ts';
import { labelColumn, mean, type KindTrainer } from '../kind-trainer.ts';
import { barsOf } from './bars-of.ts';

const def = MODEL_CATALOG['break-validator'];
/** Follow-through: 1 ATR(14) with the break before 1 ATR against, within 12 bars (an hour of 5-minute bars). */
const HORIZON = 12;
const BARRIER_ATR = 1;

/** Samples: every BOS and CHoCH the streaming detectors report, at the bar it became known. */
export const breakValidatorTrainer: KindTrainer = {
  def,
  horizon: HORIZON,
  fit: { epochs: 40, batchSize: 32, learningRate: 0.01 },
  build(input) {
    const b = new DatasetBuilder(def.features.columns.length, 1);
    for (const s of input.series) {
      const c = s.bars;
      for (const br of detectorLabels(barsOf(s.instrumentId, input.timeframe, c)).breaks) {
        const t = br.t;
        if (t < def.features.window - 1 || t + HORIZON >= c.length) continue;
        const arg: BreakArg = { side: br.side, kind: br.kind, level: br.level };
        if (!featuresAt(def.features, c, t, b.scratch, 0, arg as never)) continue;
        const atr = atrBatch(sliceColumns(c, t - def.features.window + 1, t + 1), 14).at(-1)!;
        const y = followThrough(c, t, br.side, atr, BARRIER_ATR, HORIZON);
        if (y === undefined) continue;
        b.push(c.tsStart[t]!, c.tsStart[t + HORIZON]!, [y]);
      }
    }
    return b.build();
  },
  plan(d, train) {
    return { target: { horizon: HORIZON, barrierAtr: BARRIER_ATR, trainFollowRate: Math.round(mean(labelColumn(d, train, 0)) * 1e4) / 1e4 }, trainRows: train };
  },
  targets(d, rows) {
    return [labelColumn(d, rows, 0)];
  },
  evaluate(out, d, test, plan) {
    const y = labelColumn(d, test, 0);
    return { metrics: { followThrough: binaryMetrics(out.p_follow!, y, plan.target.trainFollowRate as number) }, calibration: { p_follow: calibration(out.p_follow!, y) } };
  },
};
