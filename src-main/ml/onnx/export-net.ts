import { INPUT_NAME, denseInputs, inputDims, type DenseWeights, type LstmWeights, type NetSpec, type NetWeights } from '../net/net-spec.ts';
import { encodeModel, floatTensor, floatValue, int64Tensor, node, type NodeProto, type TensorProto } from './graph.ts';

const BATCH = 'batch';

/**
 * The ONNX graph of a trained network, equivalent to the tfjs model it came from (the parity tests hold
 * the two to 1e-5). Input `input` [batch, …inputDims]; one output per head, [batch, units].
 */
export function exportNet(spec: NetSpec, w: NetWeights, metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const nodes: NodeProto[] = [];
  const inits: TensorProto[] = [];
  let x = INPUT_NAME;
  if (spec.kind === 'lstm') x = lstmBlock(spec.features, spec.units, need(w.lstm, 'lstm'), x, nodes, inits);
  if (spec.kind === 'cnn1d') x = convBlock(spec, w, x, nodes, inits);
  let width = denseInputs(spec);
  const hidden = spec.kind === 'lstm' ? [] : spec.hidden;
  if (w.hidden.length !== hidden.length) throw new RangeError(`weights have ${w.hidden.length} hidden layers, the spec ${hidden.length}`);
  hidden.forEach((units, i) => {
    x = dense(`hidden${i}`, w.hidden[i]!, width, units, x, nodes, inits);
    nodes.push(node('Relu', [x], [`hidden${i}_relu`]));
    x = `hidden${i}_relu`;
    width = units;
  });
  if (w.heads.length !== spec.heads.length) throw new RangeError(`weights have ${w.heads.length} heads, the spec ${spec.heads.length}`);
  spec.heads.forEach((h, i) => {
    const z = dense(`head_${h.name}`, w.heads[i]!, width, h.units, x, nodes, inits);
    if (h.activation === 'sigmoid') nodes.push(node('Sigmoid', [z], [h.name]));
    else if (h.activation === 'softmax') nodes.push(node('Softmax', [z], [h.name], { axis: -1 }));
    else nodes.push(node('Identity', [z], [h.name]));
  });
  return encodeModel({
    name: spec.kind,
    nodes,
    initializers: inits,
    inputs: [floatValue(INPUT_NAME, [BATCH, ...inputDims(spec)])],
    outputs: spec.heads.map((h) => floatValue(h.name, [BATCH, h.units])),
    metadata,
  });
}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new RangeError(`weights have no ${what} layer`);
  return v;
}

/** Gemm with the tfjs kernel as B ([in, out]): y = x·K + b. */
function dense(name: string, d: DenseWeights, inputs: number, units: number, x: string, nodes: NodeProto[], inits: TensorProto[]): string {
  if (d.inputs !== inputs || d.units !== units) throw new RangeError(`${name}: weights are ${d.inputs}×${d.units}, the graph needs ${inputs}×${units}`);
  inits.push(floatTensor(`${name}_W`, [inputs, units], d.kernel), floatTensor(`${name}_B`, [units], d.bias));
  nodes.push(node('Gemm', [x, `${name}_W`, `${name}_B`], [name]));
  return name;
}

/**
 * tfjs keeps LSTM gates as i, f, c, o in a [F, 4H] kernel; ONNX wants W [1, 4H, F], R [1, 4H, H] and
 * B [1, 8H] (input bias, then a zero recurrent bias) with gates i, o, f, c (stack.md). The sequence goes
 * in time-major ([steps, batch, features]); the last hidden state Y_h [1, batch, H] comes out.
 */
function lstmBlock(features: number, h: number, w: LstmWeights, x: string, nodes: NodeProto[], inits: TensorProto[]): string {
  const ONNX_GATE_FROM_TFJS = [0, 3, 1, 2];
  const W = new Float32Array(4 * h * features);
  const R = new Float32Array(4 * h * h);
  const B = new Float32Array(8 * h);
  ONNX_GATE_FROM_TFJS.forEach((tfGate, onnxGate) => {
    for (let u = 0; u < h; u++) {
      const col = tfGate * h + u;
      const row = onnxGate * h + u;
      for (let f = 0; f < features; f++) W[row * features + f] = w.kernel[f * 4 * h + col]!;
      for (let k = 0; k < h; k++) R[row * h + k] = w.recurrent[k * 4 * h + col]!;
      B[row] = w.bias[col]!;
    }
  });
  inits.push(floatTensor('lstm_W', [1, 4 * h, features], W), floatTensor('lstm_R', [1, 4 * h, h], R), floatTensor('lstm_B', [1, 8 * h], B));
  inits.push(int64Tensor('lstm_squeeze_axes', [0]));
  nodes.push(node('Transpose', [x], ['lstm_x'], { perm: [1, 0, 2] }));
  nodes.push(node('LSTM', ['lstm_x', 'lstm_W', 'lstm_R', 'lstm_B'], ['', 'lstm_h'], { hidden_size: h }));
  nodes.push(node('Squeeze', ['lstm_h', 'lstm_squeeze_axes'], ['lstm_out']));
  return 'lstm_out';
}

/** tfjs Conv1D is channels-last with kernel [K, C, F]; ONNX Conv is channels-first with W [F, C, K]. */
function convBlock(spec: Extract<NetSpec, { kind: 'cnn1d' }>, w: NetWeights, x: string, nodes: NodeProto[], inits: TensorProto[]): string {
  if (w.convs.length !== spec.convs.length) throw new RangeError(`weights have ${w.convs.length} conv layers, the spec ${spec.convs.length}`);
  nodes.push(node('Transpose', [x], ['conv_x'], { perm: [0, 2, 1] }));
  let cur = 'conv_x';
  let channels = spec.channels;
  spec.convs.forEach((c, i) => {
    const cw = w.convs[i]!;
    if (cw.kernel.length !== c.kernel * channels * c.filters) throw new RangeError(`conv${i}: kernel has ${cw.kernel.length} values, expected ${c.kernel * channels * c.filters}`);
    const W = new Float32Array(c.filters * channels * c.kernel);
    for (let k = 0; k < c.kernel; k++) {
      for (let ch = 0; ch < channels; ch++) {
        for (let f = 0; f < c.filters; f++) W[(f * channels + ch) * c.kernel + k] = cw.kernel[(k * channels + ch) * c.filters + f]!;
      }
    }
    inits.push(floatTensor(`conv${i}_W`, [c.filters, channels, c.kernel], W), floatTensor(`conv${i}_B`, [c.filters], cw.bias));
    nodes.push(node('Conv', [cur, `conv${i}_W`, `conv${i}_B`], [`conv${i}`], { kernel_shape: [c.kernel] }));
    nodes.push(node('Relu', [`conv${i}`], [`conv${i}_relu`]));
    cur = `conv${i}_relu`;
    channels = c.filters;
  });
  if (spec.pool === 'average') nodes.push(node('GlobalAveragePool', [cur], ['pooled']));
  // The trainer flattens time-major ([steps, filters]); ONNX Conv leaves [filters, steps].
  else nodes.push(node('Transpose', [cur], ['pooled'], { perm: [0, 2, 1] }));
  nodes.push(node('Flatten', ['pooled'], ['pooled_flat'], { axis: 1 }));
  return 'pooled_flat';
}
