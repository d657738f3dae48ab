import onnxProto from 'onnx-proto';
import { err, ok, type Result } from '#core/result';

const { onnx } = onnxProto;

type ModelProto = InstanceType<typeof onnx.ModelProto>;

/** One model going into the joint graph: every name in it gets `prefix` in front. */
export interface MergePart {
  readonly prefix: string;
  readonly onnx: Uint8Array;
}

const list = <T>(x: readonly T[] | null | undefined): readonly T[] => x ?? [];

const opsetKey = (m: ModelProto): string =>
  m.opsetImport
    .map((o) => `${o.domain ?? ''}:${String(o.version)}`)
    .sort()
    .join(',');

type ValueInfo = onnxProto.onnx.IValueInfoProto;
type TypeProto = NonNullable<ValueInfo['type']>;

/**
 * The type with its symbolic dimensions prefixed: every model calls its batch `batch`, and onnxruntime
 * holds one symbol to one size across the graph, while each model's batch here is its own.
 */
function symbolsOf(t: TypeProto, prefix: string): TypeProto {
  const tensor = t.tensorType;
  if (!tensor?.shape) return t;
  const dim = list(tensor.shape.dim).map((d) => (d.dimParam ? { ...d, dimParam: `${prefix}${d.dimParam}` } : d));
  return onnx.TypeProto.create({ ...t, tensorType: { ...tensor, shape: { ...tensor.shape, dim } } });
}

/**
 * Several independent models as one graph: each part's nodes, weights, inputs and outputs side by side,
 * every name prefixed by its part, so onnxruntime runs them all in one native call (one call's fixed
 * cost instead of one per model). Each part computes exactly what it computed alone. Only plain graphs
 * merge: the same IR version and operator sets, no subgraphs, local functions, sparse weights or training
 * info (a model brought in with any of these is run on its own session instead, with this reason).
 */
export function mergeGraphs(parts: readonly MergePart[]): Result<Uint8Array, { readonly reason: string }> {
  if (parts.length === 0) return err({ reason: 'nothing to merge' });
  const models: ModelProto[] = [];
  for (const p of parts) {
    let m: ModelProto;
    try {
      m = onnx.ModelProto.decode(p.onnx);
    } catch (e) {
      return err({ reason: `${p.prefix} cannot be decoded: ${(e as Error).message}` });
    }
    const g = m.graph;
    if (!g) return err({ reason: `${p.prefix} has no graph` });
    if (m.functions.length > 0 || m.trainingInfo.length > 0 || list(g.sparseInitializer).length > 0) return err({ reason: `${p.prefix} uses local functions, training info or sparse weights` });
    if (list(g.node).some((n) => list(n.attribute).some((a) => a.g || list(a.graphs).length > 0))) return err({ reason: `${p.prefix} has subgraphs` });
    models.push(m);
  }
  const first = models[0]!;
  const other = models.find((m) => String(m.irVersion) !== String(first.irVersion) || opsetKey(m) !== opsetKey(first));
  if (other) return err({ reason: 'the models differ in IR version or operator sets' });

  const graph = onnx.GraphProto.create({ name: 'joint' });
  models.forEach((m, i) => {
    const g = m.graph!;
    const name = (n: string): string => (n === '' ? n : `${parts[i]!.prefix}${n}`);
    for (const n of list(g.node)) graph.node.push(onnx.NodeProto.create({ ...n, name: name(n.name ?? ''), input: list(n.input).map(name), output: list(n.output).map(name) }));
    for (const t of list(g.initializer)) graph.initializer.push(onnx.TensorProto.create({ ...t, name: name(t.name ?? '') }));
    const value = (v: ValueInfo) => onnx.ValueInfoProto.create({ ...v, name: name(v.name ?? ''), ...(v.type ? { type: symbolsOf(v.type, parts[i]!.prefix) } : {}) });
    for (const v of list(g.input)) graph.input.push(value(v));
    for (const v of list(g.output)) graph.output.push(value(v));
    for (const v of list(g.valueInfo)) graph.valueInfo.push(value(v));
  });
  const model = onnx.ModelProto.create({ irVersion: first.irVersion, opsetImport: first.opsetImport, producerName: 'trading-terminal joint', producerVersion: '1', graph });
  return ok(onnx.ModelProto.encode(model).finish());
}
