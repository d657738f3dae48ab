import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { err } from '#core/result';
import { BarFeatureStream } from './features/bar-feature-stream.ts';
import { breakContext } from './features/break-context.ts';
import { featuresAt } from './features/feature-set.ts';
import { ohlcWindow } from './features/ohlc-window.ts';
import { rsiSequence } from './features/rsi-sequence.ts';
import { toColumns } from './features/series.ts';
import { createBarInference } from './inference/bar-inference.ts';
import type { JointRunnerOptions } from './inference/joint-runner.ts';
import { createMlSource } from './inference/ml-source.ts';
import { createSlots } from './inference/model-slot.ts';
import { createRegimeSource } from './inference/regime-source.ts';
import { MODEL_CATALOG, MODEL_KINDS } from './models/catalog.ts';
import { Network } from './net/network.ts';
import { loadOrtModel } from './runtime/ort-session.ts';
import { loadModelFiles } from './service/model-files.ts';
import { barMarket } from './testing/bar-market.ts';
import { streamBreaks } from './testing/stream-breaks.ts';
import { syntheticBars } from './testing/synthetic-bars.ts';
import { loadTf, tfModelOf } from './testing/tf-reference.ts';
import { QUICK_FIT, syntheticInput } from './testing/training-input.ts';
import { TRAINERS } from './training/kinds/index.ts';
import { trainModel } from './training/train-model.ts';
import { fixedWork, timeUs } from '#core/fixed-work';

/**
 * `npm run bench -- ml`: one decision of the ML layer with every model (a new 5-minute bar: features, the
 * RSI LSTM, the pattern CNN, the structure-break validator when a break is fresh, and the regime
 * classifier), p50 and p99, beside the same decision with one session per model, the features streamed
 * against recomputed over their windows, and a bare onnxruntime call, all in the same run; and training
 * throughput per model, with tfjs training the CNN beside it. Target: the decision's p99 under 200 µs.
 */
const TARGET_P99_US = 200;
/** Bars before the first decision: the features' longest window and the indicators' burn-in. */
const FIRST_BAR = 300;
/** Bars a pass runs before its decisions are counted. */
const WARM_BARS = 500;
const MODELS_DIR = path.resolve(import.meta.dirname, '..', '..', 'resources', 'models');

function percentiles(us: number[]): { p50: number; p99: number } {
  const s = [...us].sort((a, b) => a - b);
  return { p50: s[Math.floor(s.length * 0.5)]!, p99: s[Math.floor(s.length * 0.99)]! };
}

const fmt = (p: { p50: number; p99: number }) => `p50 ${p.p50.toFixed(1)} µs, p99 ${p.p99.toFixed(1)} µs`;

export default async function bench(): Promise<boolean> {
  if (!fs.existsSync(path.join(MODELS_DIR, 'rsi-lstm.onnx'))) {
    console.log(`no shipped models in ${MODELS_DIR}: run npm run train:default first`);
    return false;
  }
  const slots = createSlots();
  for (const kind of MODEL_KINDS) {
    const r = loadModelFiles(kind, path.join(MODELS_DIR, `${kind}.onnx`));
    if (!r.ok) throw new Error(`${kind}: ${r.error.reason}`);
    slots[kind].install(`${kind}@shipped`, r.value);
  }
  const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
  const bars = syntheticBars({ sessions: 48, seed: 7 });
  const oneSessionEach: JointRunnerOptions = { load: () => err({ message: 'one session per model' }) };

  /**
   * One pass over the bars making one decision a bar, as the engine does: the studies' price-action
   * detectors take the bar (timed on their own: the bots run them anyway), then the models' call with the
   * regime hook's inputs, a bot's ML view and the hook's regime. Each way of running the models gets its
   * own pass over the same bars (a second decision between two of one pass's would evict its caches, which
   * the engine never does). A pass's first WARM_BARS bars are left out of its figures (its own buffers and
   * caches filling).
   */
  function pass(apart: boolean) {
    const market = barMarket({ [NIFTY]: bars });
    const studies = streamBreaks(market.access);
    const regime = createRegimeSource(slots.regime, { classify: () => undefined });
    const inference = createBarInference({ slots, market: market.access, breaks: studies.breaks, regime, ...(apart ? { joint: oneSessionEach } : {}) });
    const source = createMlSource({ inference });
    // The machine's own tail: arithmetic of about the decision's median cost, timed in the same loop.
    const reference = fixedWork(45);
    const r = { times: [] as number[], warming: [] as number[], referenceTimes: [] as number[], studiesPush: [] as number[], withValidator: 0, market, source, regime, inference };
    for (let i = FIRST_BAR; i < bars.length; i++) {
      const now = market.closeOf(NIFTY, i);
      market.setNow(now);
      const s0 = performance.now();
      studies.feed([NIFTY], now);
      const s1 = performance.now();
      const inputs = { adx: 20 + (i % 20), atrPct: 0.12, bandwidthPct: 0.7, vix: 14 };
      const t0 = performance.now();
      inference.prepare([NIFTY], now, () => inputs);
      const view = source.evaluate({ underlying: NIFTY, now, direction: 'long' });
      regime.classify(inputs);
      const t1 = performance.now();
      const ref = timeUs(reference);
      if (i < FIRST_BAR + WARM_BARS) {
        r.warming.push((t1 - t0) * 1000);
        continue;
      }
      r.times.push((t1 - t0) * 1000);
      r.studiesPush.push((s1 - s0) * 1000);
      r.referenceTimes.push(ref);
      if (view.detail.includes('break-validator@')) r.withValidator++;
    }
    return r;
  }
  // The process's first pass is V8 compiling everything the decision runs: printed, not judged.
  const firstPass = pass(false);
  firstPass.inference.dispose();
  const jointPass = pass(false);
  const apartPass = pass(true);
  const { source: ml, regime, market } = jointPass;
  const decision = jointPass.times;
  const decisionApart = apartPass.times;
  const withValidator = jointPass.withValidator;
  const referenceTimes = jointPass.referenceTimes;
  const studiesPush = jointPass.studiesPush;
  const cached: number[] = [];
  const now = market.closeOf(NIFTY, bars.length - 1);
  for (let i = 0; i < 2_000; i++) {
    const t0 = performance.now();
    ml.evaluate({ underlying: NIFTY, now, direction: 'long' });
    regime.classify({ adx: 20 + ((bars.length - 1) % 20), atrPct: 0.12, bandwidthPct: 0.7, vix: 14 });
    cached.push((performance.now() - t0) * 1000);
  }
  const features = featureCosts(bars);

  const lstm = fs.readFileSync(path.join(MODELS_DIR, 'rsi-lstm.onnx'));
  const bare = loadOrtModel(lstm);
  if (!bare.ok) throw new Error(bare.error.message);
  const x = new Float32Array(25);
  const syncCall: number[] = [];
  for (let i = 0; i < 3_000; i++) {
    const t0 = performance.now();
    bare.value.run(x, [1, 25, 1]);
    if (i >= 500) syncCall.push((performance.now() - t0) * 1000);
  }
  const session = await InferenceSession.create(lstm, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const asyncCall: number[] = [];
  for (let i = 0; i < 3_000; i++) {
    const t0 = performance.now();
    await session.run({ input: new Tensor('float32', x, [1, 25, 1]) });
    if (i >= 500) asyncCall.push((performance.now() - t0) * 1000);
  }
  await session.release();
  bare.value.dispose();

  const d = percentiles(decision);
  // The tail follows the machine's load (a preempted decision waits out another process's time slice): say what it was.
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  console.log(`one ML decision, all models, new bar (${decision.length} bars after ${WARM_BARS} of warm-up, validator in ${withValidator}): ${fmt(d)}  [target p99 < ${TARGET_P99_US} µs]`);
  console.log(`  the process's first pass, every bar (V8 still compiling the path; not judged): ${fmt(percentiles([...firstPass.warming, ...firstPass.times]))}; its last ${firstPass.times.length} bars: ${fmt(percentiles(firstPass.times))}`);
  const ref = percentiles(referenceTimes);
  console.log(`  fixed arithmetic timed in the same loop (the machine's own tail): ${fmt(ref)}; p99/p50 ${(ref.p99 / ref.p50).toFixed(1)}× beside the decision's ${(d.p99 / d.p50).toFixed(1)}×`);
  console.log(`  the same with one onnxruntime session per model (2 to 4 calls, not 1), its own pass over the same bars: ${fmt(percentiles(decisionApart))}`);
  console.log(`  same bar asked again (cached, as a second bot sees it):       ${fmt(percentiles(cached))}`);
  console.log(`  not in the decision: the studies' price-action detectors taking the bar (the bots run them anyway): ${fmt(percentiles(studiesPush))}`);
  console.log(`features of one bar, streamed (one bar pushed, three sets written): ${fmt(features.streamed)}`);
  console.log(`features of one bar, recomputed over the window (as before):       ${fmt(features.window)}`);
  console.log(`bare onnxruntime call, RSI LSTM, synchronous binding:            ${fmt(percentiles(syncCall))}`);
  console.log(`bare onnxruntime call, RSI LSTM, public async API:               ${fmt(percentiles(asyncCall))}`);
  console.log(`decision p50 / bare sync call p50: ${(d.p50 / percentiles(syncCall).p50).toFixed(1)}×`);

  const input = syntheticInput(40, 3);
  for (const kind of MODEL_KINDS) {
    const r = trainModel(TRAINERS[kind], input, { seed: 1, fit: { ...QUICK_FIT[kind], epochs: Math.max(2, QUICK_FIT[kind].epochs) } });
    if (!r.ok) throw new Error(`${kind}: ${r.error.kind}`);
    console.log(`training ${kind}: ${Math.round(r.value.samplesPerSecond)} samples/s (${r.value.manifest.data!.train.samples} samples × ${Math.max(2, QUICK_FIT[kind].epochs)} epochs)`);
  }
  // tfjs (pure JS) training the same CNN in the same run: why the models are trained by net/network.ts.
  const tf = await loadTf();
  const spec = MODEL_CATALOG['pattern-cnn'].net;
  const model = tfModelOf(tf, spec, Network.init(spec, 1).weights());
  model.compile({ optimizer: tf.train.adam(0.005), loss: 'categoricalCrossentropy' });
  const n = 512;
  const xs = tf.randomNormal([n, ...MODEL_CATALOG['pattern-cnn'].features.dims], 0, 1, 'float32', 1);
  const ys = tf.oneHot(tf.zeros([n], 'int32'), 5);
  const t0 = performance.now();
  await model.fit(xs, ys, { epochs: 1, batchSize: 64, shuffle: false, verbose: 0 });
  console.log(`training pattern-cnn with tfjs (pure JS, for comparison): ${Math.round(n / ((performance.now() - t0) / 1000))} samples/s`);
  tf.dispose([xs, ys]);
  model.dispose();
  for (const kind of MODEL_KINDS) slots[kind].disable('bench done');
  jointPass.inference.dispose();
  apartPass.inference.dispose();
  return d.p99 < TARGET_P99_US;
}

/**
 * The bar models' features at each bar, both ways in the same loop: pushed into the streaming state, and
 * recomputed over the definitions' windows (what inference did before the streaming form).
 */
function featureCosts(bars: readonly Bar[]): { streamed: { p50: number; p99: number }; window: { p50: number; p99: number } } {
  const stream = new BarFeatureStream();
  const out = new Float32Array(256);
  const brk = { side: 1, kind: 'bos', level: 0 } as const;
  const streamed: number[] = [];
  const window: number[] = [];
  const need = rsiSequence.window;
  for (let i = 0; i < bars.length; i++) {
    const t0 = performance.now();
    stream.push(bars[i]!);
    const ready = stream.rsiSequence(out, 0) && stream.ohlcWindow(out, 25) && stream.breakContext(0, { ...brk, level: bars[i]!.close }, out, 217);
    const t1 = performance.now();
    if (i < need) continue;
    const cols = toColumns(bars.slice(i + 1 - need, i + 1));
    const t = cols.length - 1;
    featuresAt(rsiSequence, cols, t, out, 0, undefined);
    featuresAt(ohlcWindow, cols, t, out, 25, undefined);
    featuresAt(breakContext, cols, t, out, 217, { ...brk, level: bars[i]!.close });
    const t2 = performance.now();
    if (!ready || i < need + 100) continue;
    streamed.push((t1 - t0) * 1000);
    window.push((t2 - t1) * 1000);
  }
  return { streamed: percentiles(streamed), window: percentiles(window) };
}
