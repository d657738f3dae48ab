import type * as Tf from '@tensorflow/tfjs';
import { INPUT_NAME, inputDims, type NetSpec, type NetWeights } from '../net/net-spec.ts';

export type TfModule = typeof Tf;

/**
 * tfjs (pure JS) as an independent reference for the hand-written network: the same spec built from
 * tfjs's own layers and given the same weights must compute the same outputs. Tests only; PROD mode
 * silences tfjs's one-off "install tfjs-node" banner.
 */
let loading: Promise<TfModule> | undefined;
export function loadTf(): Promise<TfModule> {
  loading ??= (async () => {
    const tf = await import('@tensorflow/tfjs');
    tf.env().set('PROD', true);
    await tf.setBackend('cpu');
    await tf.ready();
    return tf;
  })();
  return loading;
}

/** The tfjs model of a spec (LSTM recurrent activation sigmoid, stack.md), holding `w`. */
export function tfModelOf(tf: TfModule, spec: NetSpec, w: NetWeights): Tf.LayersModel {
  const input = tf.input({ shape: inputDims(spec), name: INPUT_NAME });
  let x: Tf.SymbolicTensor = input;
  const set: [string, Float32Array[], number[][]][] = [];
  if (spec.kind === 'lstm') {
    x = tf.layers.lstm({ units: spec.units, recurrentActivation: 'sigmoid', name: 'lstm' }).apply(x) as Tf.SymbolicTensor;
    const h = spec.units;
    set.push(['lstm', [w.lstm!.kernel, w.lstm!.recurrent, w.lstm!.bias], [[spec.features, 4 * h], [h, 4 * h], [4 * h]]]);
  }
  if (spec.kind === 'cnn1d') {
    let channels = spec.channels;
    spec.convs.forEach((c, i) => {
      x = tf.layers.conv1d({ filters: c.filters, kernelSize: c.kernel, activation: 'relu', name: `conv${i}` }).apply(x) as Tf.SymbolicTensor;
      set.push([`conv${i}`, [w.convs[i]!.kernel, w.convs[i]!.bias], [[c.kernel, channels, c.filters], [c.filters]]]);
      channels = c.filters;
    });
    x = (spec.pool === 'average' ? tf.layers.globalAveragePooling1d({ name: 'pool' }) : tf.layers.flatten({ name: 'pool' })).apply(x) as Tf.SymbolicTensor;
  }
  (spec.kind === 'lstm' ? [] : spec.hidden).forEach((units, i) => {
    x = tf.layers.dense({ units, activation: 'relu', name: `hidden${i}` }).apply(x) as Tf.SymbolicTensor;
    set.push([`hidden${i}`, [w.hidden[i]!.kernel, w.hidden[i]!.bias], [[w.hidden[i]!.inputs, units], [units]]]);
  });
  const outputs = spec.heads.map((h, i) => {
    set.push([`head_${h.name}`, [w.heads[i]!.kernel, w.heads[i]!.bias], [[w.heads[i]!.inputs, h.units], [h.units]]]);
    return tf.layers.dense({ units: h.units, activation: h.activation, name: `head_${h.name}` }).apply(x) as Tf.SymbolicTensor;
  });
  const model = tf.model({ inputs: input, outputs });
  for (const [name, values, shapes] of set) {
    const tensors = values.map((v, k) => tf.tensor(v, shapes[k]));
    model.getLayer(name).setWeights(tensors);
    for (const t of tensors) t.dispose();
  }
  return model;
}

/** The model's outputs for `n` rows of flat input, one array per head. */
export function predictTf(tf: TfModule, model: Tf.LayersModel, spec: NetSpec, input: Float32Array, n: number): Float32Array[] {
  return tf.tidy(() => {
    const out = model.predict(tf.tensor(input, [n, ...inputDims(spec)])) as Tf.Tensor | Tf.Tensor[];
    return (Array.isArray(out) ? out : [out]).map((t) => Float32Array.from(t.dataSync() as Float32Array));
  });
}
