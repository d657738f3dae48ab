import { err, ok, type Result } from '#core/result';
import { applyNorm, fitNorm } from '../features/normalisation.ts';
import type { ModelManifest } from '../models/manifest.ts';
import { inputSize } from '../net/net-spec.ts';
import { Network } from '../net/network.ts';
import { exportNet } from '../onnx/export-net.ts';
import { loadModel, sha256Hex } from '../runtime/load-model.ts';
import { rows, timeSplit, type TrainingInput } from './dataset.ts';
import { fitNet } from './fit.ts';
import type { FitDefaults, KindTrainer } from './kind-trainer.ts';

export interface TrainOptions {
  readonly seed: number;
  /** Overrides of the kind's epochs, batch size or learning rate (tests train for less). */
  readonly fit?: Partial<FitDefaults>;
  /** Share of samples, the latest by time, held out as the test window. */
  readonly testFraction?: number;
  readonly onProgress?: (p: { readonly epoch: number; readonly epochs: number; readonly batch: number; readonly batches: number; readonly loss: number }) => void;
  readonly shouldStop?: () => boolean;
  /** Wall-clock milliseconds, for the throughput figure only (it never reaches the model or its manifest). */
  readonly now?: () => number;
}

export interface TrainedModel {
  readonly onnx: Uint8Array;
  readonly manifest: ModelManifest;
  /** Training samples processed per second of fitting (samples × epochs / time). */
  readonly samplesPerSecond: number;
}

export type TrainError = { readonly kind: 'cancelled' } | { readonly kind: 'not-enough-data'; readonly message: string } | { readonly kind: 'parity-failed'; readonly message: string } | { readonly kind: 'export-failed'; readonly message: string };

/** The trainer refuses to ship a model whose ONNX graph disagrees with what was trained by more than this. */
export const PARITY_TOLERANCE = 1e-5;
const MIN_TRAIN = 60;
const MIN_TEST = 20;
const BAR_MS = 5 * 60_000;

/**
 * Builds the kind's samples, splits them by time with an embargo, fits the normalisation on the training
 * rows, trains the network (net/network.ts), exports ONNX, loads it back through the same contract checks a deployed model
 * passes, holds it to the trained model on every test row (≤ 1e-5), and measures it out of sample.
 */
export function trainModel(trainer: KindTrainer, input: TrainingInput, o: TrainOptions): Result<TrainedModel, TrainError> {
  const def = trainer.def;
  const fitOptions = { ...trainer.fit, ...o.fit };
  const d = trainer.build(input);
  const embargoBars = Math.max(12, 2 * trainer.horizon);
  if (d.n === 0) return err({ kind: 'not-enough-data', message: `${def.kind}: the data gives no samples (${def.features.window} bars of warm-up per series)` });
  const split = timeSplit(d, o.testFraction ?? 0.25, embargoBars * BAR_MS);
  const plan = trainer.plan(d, split.train, o.seed);
  if (plan.trainRows.length < MIN_TRAIN || split.test.length < MIN_TEST) {
    return err({ kind: 'not-enough-data', message: `${def.kind}: ${plan.trainRows.length} training and ${split.test.length} test samples; at least ${MIN_TRAIN} and ${MIN_TEST} are needed — give it more history` });
  }
  const columns = def.features.columns.length;
  const norm = fitNorm(rows(d.x, d.sampleSize, plan.trainRows), columns);
  const xTrain = rows(d.x, d.sampleSize, plan.trainRows);
  applyNorm(norm, xTrain);
  const xTest = rows(d.x, d.sampleSize, split.test);
  applyNorm(norm, xTest);

  const spec = def.net;
  if (inputSize(spec) !== d.sampleSize) throw new Error(`${def.kind}: feature size ${d.sampleSize} is not the network's input ${inputSize(spec)}`);
  const net = Network.init(spec, o.seed);
  const clock = o.now ?? (() => performance.now());
  const started = clock();
  const fit = fitNet(net, { n: plan.trainRows.length, x: xTrain, y: trainer.targets(d, plan.trainRows, plan, norm) }, {
    ...fitOptions,
    seed: o.seed,
    ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
    ...(o.onProgress ? { onBatch: (p: { epoch: number; batch: number; batches: number; loss: number }) => o.onProgress!({ ...p, epochs: fitOptions.epochs }) } : {}),
  });
  if (fit.kind === 'cancelled') return err({ kind: 'cancelled' });
  const seconds = Math.max(1e-6, (clock() - started) / 1000);
  net.roundToFloat32();
  const onnx = exportNet(spec, net.weights(), { kind: def.kind, features: def.features.id });
  const base: ModelManifest = {
    format: 1,
    kind: def.kind,
    features: { set: def.features.id, timeframe: def.timeframe, columns: [...def.features.columns], dims: [...def.features.dims] },
    norm,
    io: { input: { name: 'input', dims: [...def.features.dims] }, outputs: def.outputs.map((x) => ({ name: x.name, units: x.units })) },
    ...(def.classes ? { classes: [...def.classes] } : {}),
    target: plan.target,
    net: spec,
    data: dataRange(input, d.ts, split, plan.trainRows, embargoBars),
    training: { seed: o.seed, ...fitOptions, lossByEpoch: fit.epochLoss.map((l) => Math.round(l * 1e6) / 1e6) },
    metrics: {},
    calibration: {},
    onnx: { file: `${def.kind}.onnx`, sha256: sha256Hex(onnx), bytes: onnx.length },
  };
  const loaded = loadModel({ kind: def.kind, onnx, manifest: base });
  if (!loaded.ok) return err({ kind: 'export-failed', message: `${def.kind}: the exported model does not load: ${loaded.error.reason}` });
  const n = split.test.length;
  const fromOrt = loaded.value.run(xTest, n);
  loaded.value.dispose();
  const fromTrainer = net.predict(xTest, n);
  let worst = 0;
  spec.heads.forEach((h, k) => {
    const a = fromOrt[h.name]!;
    const b = fromTrainer[k]!;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  });
  if (!(worst <= PARITY_TOLERANCE)) return err({ kind: 'parity-failed', message: `${def.kind}: onnxruntime and the trainer differ by ${worst.toExponential(2)} (> ${PARITY_TOLERANCE})` });
  const evaluation = trainer.evaluate(fromOrt, d, split.test, plan, norm);
  const manifest: ModelManifest = { ...base, metrics: evaluation.metrics, calibration: evaluation.calibration, parity: { maxAbsDiff: worst, samples: n } };
  return ok({ onnx, manifest, samplesPerSecond: fit.samples / seconds });
}

function dataRange(input: TrainingInput, ts: Float64Array, split: ReturnType<typeof timeSplit>, trainRows: readonly number[], embargoBars: number): NonNullable<ModelManifest['data']> {
  const span = (idx: readonly number[]) => ({ from: idx.reduce((m, i) => Math.min(m, ts[i]!), Infinity), to: idx.reduce((m, i) => Math.max(m, ts[i]!), -Infinity), samples: idx.length });
  const first = input.series.reduce((m, s) => Math.min(m, s.bars.tsStart[0] ?? Infinity), Infinity);
  const last = input.series.reduce((m, s) => Math.max(m, s.bars.tsStart[s.bars.length - 1] ?? -Infinity), -Infinity);
  return {
    source: input.source,
    instruments: input.series.map((s) => s.instrumentId),
    timeframe: input.timeframe,
    from: first,
    to: last,
    bars: input.series.reduce((a, s) => a + s.bars.length, 0),
    train: span(trainRows),
    test: span(split.test),
    embargoBars,
  };
}
