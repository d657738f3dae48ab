import type { ModelManifest } from './manifest.ts';

const f2 = (x: unknown): string => (typeof x === 'number' ? x.toFixed(2) : '?');
type Metrics = Record<string, Record<string, unknown> | undefined>;

/**
 * One line per model: its out-of-sample figures beside the naive baselines it must beat: the training
 * window's majority answer, and the best constant answer in hindsight (the test window's majority).
 */
export function summary(m: ModelManifest): string {
  const x = m.metrics as Metrics;
  const d = m.data;
  const size = d ? `train ${d.train.samples}, test ${d.test.samples} (embargo ${d.embargoBars} bars)` : '';
  const figures = figuresOf(m.kind, x);
  const parity = m.parity ? `; ONNX vs trainer ≤ ${m.parity.maxAbsDiff.toExponential(1)}` : '';
  return `${size}; ${figures}${parity}`;
}

function figuresOf(kind: ModelManifest['kind'], x: Metrics): string {
  if (kind === 'rsi-lstm') {
    return `direction accuracy ${f2(x.direction?.accuracy)} vs ${f2(x.direction?.baselineAccuracy)} training majority, ${f2(x.direction?.bestConstantAccuracy)} best constant; next RSI RMSE ${f2(x.rsiNext?.rmse)} vs ${f2(x.rsiNext?.persistenceRmse)} for "no change"`;
  }
  if (kind === 'break-validator') {
    return `accuracy ${f2(x.followThrough?.accuracy)} vs ${f2(x.followThrough?.baselineAccuracy)} training majority, ${f2(x.followThrough?.bestConstantAccuracy)} best constant; Brier ${f2(x.followThrough?.brier)} vs ${f2(x.followThrough?.baselineBrier)} base rate`;
  }
  const c = x[kind === 'regime' ? 'regime' : 'classes'];
  return `accuracy ${f2(c?.accuracy)} vs ${f2(c?.baselineAccuracy)} training majority, ${f2(c?.bestConstantAccuracy)} best constant`;
}
