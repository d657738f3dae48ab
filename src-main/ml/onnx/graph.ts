import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * ONNX graphs built in TypeScript with onnx-proto (stack.md "ONNX from TypeScript"). Every model the
 * trainer exports goes through here, so the bytes depend only on the weights and the graph: no
 * timestamps, no host names, weights as little-endian raw data. That is what lets `train:default` promise
 * the same bytes for the same seed.
 */
export type NodeProto = InstanceType<typeof onnx.NodeProto>;
export type TensorProto = InstanceType<typeof onnx.TensorProto>;
export type ValueInfoProto = InstanceType<typeof onnx.ValueInfoProto>;

/** Opset 15 with IR 8: the newest onnx-proto 8 knows, and loaded by onnxruntime 1.30. */
export const OPSET = 15;
export const IR_VERSION = 8;
export const PRODUCER = 'trading-terminal';

export type AttributeValue = number | readonly number[] | string;

/** A float32 initializer. `Float32Array` is stored as little-endian bytes on any host. */
export function floatTensor(name: string, dims: readonly number[], data: Float32Array | readonly number[]): TensorProto {
  const n = dims.reduce((a, b) => a * b, 1);
  if (data.length !== n) throw new RangeError(`tensor ${name}: ${data.length} values for dims [${dims.join(', ')}]`);
  const bytes = new Uint8Array(n * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) view.setFloat32(i * 4, data[i] as number, true);
  return onnx.TensorProto.create({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: bytes });
}

/** An int64 initializer (shapes for Reshape, axes). */
export function int64Tensor(name: string, values: readonly number[]): TensorProto {
  return onnx.TensorProto.create({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, int64Data: [...values] });
}

/**
 * One node. Integer attributes are INT, other numbers FLOAT, arrays INTS (our graphs use no float
 * arrays), strings STRING. The node is named after its first output so error messages point at it.
 */
export function node(opType: string, inputs: readonly string[], outputs: readonly string[], attrs: Readonly<Record<string, AttributeValue>> = {}): NodeProto {
  const T = onnx.AttributeProto.AttributeType;
  const attribute = Object.entries(attrs).map(([name, v]) => {
    if (typeof v === 'string') return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(v) });
    if (Array.isArray(v)) return onnx.AttributeProto.create({ name, type: T.INTS, ints: [...(v as number[])] });
    const x = v as number;
    return Number.isInteger(x) ? onnx.AttributeProto.create({ name, type: T.INT, i: x }) : onnx.AttributeProto.create({ name, type: T.FLOAT, f: x });
  });
  return onnx.NodeProto.create({ name: outputs[0] ?? opType, opType, input: [...inputs], output: [...outputs], attribute });
}

/** A float32 graph input or output; a string dimension is symbolic (the batch). */
export function floatValue(name: string, dims: readonly (number | string)[]): ValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  });
}

export interface GraphSpec {
  readonly name: string;
  readonly nodes: readonly NodeProto[];
  readonly initializers: readonly TensorProto[];
  readonly inputs: readonly ValueInfoProto[];
  readonly outputs: readonly ValueInfoProto[];
  /** Stored as the model's metadata_props, in key order (the manifest travels beside it too). */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Serialises the graph as an ONNX ModelProto. */
export function encodeModel(spec: GraphSpec): Uint8Array {
  const graph = onnx.GraphProto.create({
    name: spec.name,
    node: [...spec.nodes],
    initializer: [...spec.initializers],
    input: [...spec.inputs],
    output: [...spec.outputs],
  });
  const metadataProps = Object.keys(spec.metadata ?? {})
    .sort()
    .map((key) => onnx.StringStringEntryProto.create({ key, value: spec.metadata![key]! }));
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: PRODUCER,
    producerVersion: '1',
    graph,
    metadataProps,
  });
  return onnx.ModelProto.encode(model).finish();
}
