import { featuresAt } from '#ml/features/feature-set';
import { forwardPath } from '#ml/labels/future';
import { MODEL_CATALOG, REGIME_CLASSES } from '#ml/models/catalog';
import { alignVix, DatasetBuilder, type KindDataset } from '../dataset.ts';
import { classMetrics, topClassCalibration } from '../metrics.ts';
import { labelColumn, majority, oneHot, type KindTrainer, type LabelPlan } from '../kind-trainer.ts';

const def = MODEL_CATALOG.regime;
/** What the next hour (12 five-minute bars) did decides the label. */
const HORIZON = 12;
/** The top quarter of realised volatility is volatile; of the rest, the top 40 % of path efficiency is trending. */
const VOLATILE_QUANTILE = 0.75;
const TRENDING_QUANTILE = 0.6;

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

function classOf(vol: number, efficiency: number, plan: LabelPlan): number {
  if (vol >= (plan.target.volThreshold as number)) return REGIME_CLASSES.indexOf('volatile');
  return efficiency >= (plan.target.efficiencyThreshold as number) ? REGIME_CLASSES.indexOf('trending') : REGIME_CLASSES.indexOf('ranging');
}

const classes = (d: KindDataset, rows: readonly number[], plan: LabelPlan): Uint8Array => Uint8Array.from(rows, (r) => classOf(d.labels[r * 2]!, d.labels[r * 2 + 1]!, plan));

/** Labels from the next hour's path, with thresholds fitted on the training window only (stored in the manifest). */
export const regimeTrainer: KindTrainer = {
  def,
  horizon: HORIZON,
  fit: { epochs: 12, batchSize: 64, learningRate: 0.01 },
  build(input) {
    const b = new DatasetBuilder(def.features.columns.length, 2);
    for (const s of input.series) {
      const c = s.bars;
      const vix = alignVix(c, s.vix);
      for (let t = def.features.window - 1; t + HORIZON < c.length; t++) {
        const path = forwardPath(c, t, HORIZON);
        if (!path) continue;
        if (!featuresAt(def.features, c, t, b.scratch, 0, vix[t]! as never)) continue;
        b.push(c.tsStart[t]!, c.tsStart[t + HORIZON]!, [path.vol, path.efficiency]);
      }
    }
    return b.build();
  },
  plan(d, train) {
    const vols = Array.from(labelColumn(d, train, 0));
    const volThreshold = quantile(vols, VOLATILE_QUANTILE);
    const calm = train.filter((r) => d.labels[r * 2]! < volThreshold).map((r) => d.labels[r * 2 + 1]!);
    const efficiencyThreshold = quantile(calm, TRENDING_QUANTILE);
    const partial: LabelPlan = { target: { horizon: HORIZON, volThreshold, efficiencyThreshold }, trainRows: train };
    const trainMajority = majority(classes(d, train, partial), REGIME_CLASSES.length);
    return { target: { ...partial.target, classes: [...REGIME_CLASSES], trainMajority }, trainRows: train };
  },
  targets(d, rows, plan) {
    return [oneHot(classes(d, rows, plan), REGIME_CLASSES.length)];
  },
  evaluate(out, d, test, plan) {
    const y = classes(d, test, plan);
    return {
      metrics: { regime: classMetrics(out.regime_probs!, y, REGIME_CLASSES, plan.target.trainMajority as number) },
      calibration: { regime_probs: topClassCalibration(out.regime_probs!, y, REGIME_CLASSES.length) },
    };
  },
};
