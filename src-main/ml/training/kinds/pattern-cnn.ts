import { createRandom } from '#core/random';
import { featuresAt } from '#ml/features/feature-set';
import { detectorLabels, PATTERN_CLASSES } from '#ml/labels/detector-labels';
import { MODEL_CATALOG } from '#ml/models/catalog';
import { DatasetBuilder } from '../dataset.ts';
import { classMetrics, topClassCalibration } from '../metrics.ts';
import { labelColumn, majority, oneHot, type KindTrainer } from '../kind-trainer.ts';
import { barsOf } from './bars-of.ts';

const def = MODEL_CATALOG['pattern-cnn'];
const K = PATTERN_CLASSES.length;
/** Bars with no pattern outnumber the rest many times over: training keeps at most this many per patterned bar. */
const NONE_PER_PATTERN = 1;

/** Labels: the class the project's pattern detectors report at each bar, from the swings known then. */
export const patternCnnTrainer: KindTrainer = {
  def,
  horizon: 0,
  fit: { epochs: 8, batchSize: 64, learningRate: 0.005 },
  build(input) {
    const b = new DatasetBuilder(def.features.dims.reduce((x, y) => x * y, 1), 1);
    for (const s of input.series) {
      const labels = detectorLabels(barsOf(s.instrumentId, input.timeframe, s.bars));
      const c = s.bars;
      for (let t = def.features.window - 1; t < c.length; t++) {
        if (!featuresAt(def.features, c, t, b.scratch, 0, undefined as never)) continue;
        b.push(c.tsStart[t]!, c.tsStart[t]!, [labels.patternClass[t]!]);
      }
    }
    return b.build();
  },
  plan(d, train, seed) {
    const rnd = createRandom(seed ^ 0x5eed);
    const patterned = train.filter((r) => d.labels[r] !== 0);
    const none = train.filter((r) => d.labels[r] === 0);
    const keep = Math.min(none.length, Math.max(patterned.length * NONE_PER_PATTERN, 50));
    for (let i = none.length - 1; i > 0; i--) {
      const j = rnd.int(0, i);
      [none[i], none[j]] = [none[j]!, none[i]!];
    }
    const kept = new Set(none.slice(0, keep));
    const trainRows = train.filter((r) => d.labels[r] !== 0 || kept.has(r));
    return { target: { classes: [...PATTERN_CLASSES], trainMajority: majority(labelColumn(d, train, 0), K), noneKeptPerPattern: NONE_PER_PATTERN }, trainRows };
  },
  targets(d, rows) {
    return [oneHot(labelColumn(d, rows, 0), K)];
  },
  evaluate(out, d, test, plan) {
    const y = labelColumn(d, test, 0);
    return {
      metrics: { classes: classMetrics(out.class_probs!, y, PATTERN_CLASSES, plan.target.trainMajority as number) },
      calibration: { class_probs: topClassCalibration(out.class_probs!, y, K) },
    };
  },
};
