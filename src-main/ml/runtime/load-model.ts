import { createHash } from 'node:crypto';
import { err, ok, type Result } from '#core/result';
import { MODEL_CATALOG, type ModelKind } from '../models/catalog.ts';
import { parseManifest, type ModelManifest } from '../models/manifest.ts';
import { loadOrtModel, type OrtModel, type TensorInfo } from './ort-session.ts';

/** A model that passed every check at load: ready to run, warm. */
export interface LoadedModel {
  readonly kind: ModelKind;
  readonly manifest: ModelManifest;
  readonly sha256: string;
  /** The file's bytes: what a joint session of several models is built from (inference/joint-runner.ts). */
  readonly onnx: Uint8Array;
  /** Per-sample input size (product of the declared input dims). */
  readonly sampleSize: number;
  /** Runs `batch` samples (flat, already normalised) and returns each declared output, [batch, units]. */
  run(input: Float32Array, batch: number): Readonly<Record<string, Float32Array>>;
  dispose(): void;
}

export interface LoadRequest {
  readonly kind: ModelKind;
  readonly onnx: Uint8Array;
  /** The manifest file's parsed JSON. */
  readonly manifest: unknown;
  /** The hash the registry recorded; a file that changed since is refused. */
  readonly expectedSha256?: string;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const same = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const dimsText = (d: readonly (number | string)[]): string => `[${d.map((x) => (x === '' ? '?' : x)).join(', ')}]`;

/**
 * Loads a model file against the declared contract of its kind (models/catalog.ts): the manifest's
 * feature set, columns, normalisation and classes must be the ones this app computes; the ONNX graph must
 * take one float32 input [batch, …dims] and give every declared output [batch, units]; and a smoke run
 * must give finite values in range. Anything else is refused with the reason, and the caller's source
 * degrades to "not available"; nothing here throws.
 */
export function loadModel(req: LoadRequest): Result<LoadedModel, { readonly reason: string }> {
  const fail = (reason: string) => err({ reason });
  const def = MODEL_CATALOG[req.kind];
  const sha = sha256Hex(req.onnx);
  if (req.expectedSha256 !== undefined && req.expectedSha256 !== sha) {
    return fail(`the file changed since it was registered (sha256 ${sha.slice(0, 12)}…, registered ${req.expectedSha256.slice(0, 12)}…)`);
  }
  const parsed = parseManifest(req.manifest);
  if (!parsed.ok) return fail(parsed.reason);
  const m = parsed.manifest;
  if (m.kind !== req.kind) return fail(`it is a ${m.kind} model, not ${req.kind}`);
  if (m.onnx.sha256 !== sha) return fail(`its manifest describes another file (sha256 ${m.onnx.sha256.slice(0, 12)}…, the file is ${sha.slice(0, 12)}…)`);
  const f = def.features;
  if (m.features.set !== f.id) return fail(`it was trained on feature set ${m.features.set}; this terminal computes ${f.id}`);
  if (m.features.timeframe !== def.timeframe) return fail(`it was trained on ${m.features.timeframe} bars; ${req.kind} runs on ${def.timeframe}`);
  if (!same(m.features.columns, f.columns)) return fail(`its feature columns ${m.features.columns.join(', ')} are not ${f.columns.join(', ')}`);
  if (!same(m.features.dims, f.dims) || !same(m.io.input.dims, f.dims)) return fail(`its input is ${dimsText(m.io.input.dims)}, ${req.kind} needs ${dimsText(f.dims)}`);
  const k = f.columns.length;
  if (m.norm.mean.length !== k || m.norm.std.length !== k || m.norm.absent.some((c) => c >= k)) return fail(`its normalisation has ${m.norm.mean.length} means and ${m.norm.std.length} σ for ${k} columns`);
  if (def.classes && !same(m.classes ?? [], def.classes)) return fail(`its classes are ${(m.classes ?? []).join(', ') || 'not given'}, expected ${def.classes.join(', ')}`);
  for (const o of def.outputs) {
    const declared = m.io.outputs.find((x) => x.name === o.name);
    if (!declared || declared.units !== o.units) return fail(`its manifest does not declare output ${o.name} [batch, ${o.units}]`);
  }
  const loaded = loadOrtModel(req.onnx);
  if (!loaded.ok) return fail(loaded.error.message);
  const model = loaded.value;
  const graph = checkGraph(model, m, req.kind);
  if (graph) {
    model.dispose();
    return fail(graph);
  }
  const sampleSize = f.dims.reduce((a, b) => a * b, 1);
  const smoke = smokeRun(model, m.io.input.dims, sampleSize, req.kind);
  if (smoke) {
    model.dispose();
    return fail(smoke);
  }
  return ok({
    kind: req.kind,
    manifest: m,
    sha256: sha,
    onnx: req.onnx,
    sampleSize,
    run: (input, batch) => model.run(input, [batch, ...m.io.input.dims]),
    dispose: () => model.dispose(),
  });
}

function checkGraph(model: OrtModel, m: ModelManifest, kind: ModelKind): string | undefined {
  if (model.inputs.length !== 1) return `the graph takes ${model.inputs.length} inputs (${model.inputs.map((i) => i.name).join(', ')}); ${kind} feeds exactly one`;
  const input = model.inputs[0]!;
  if (input.name !== m.io.input.name) return `the graph's input is ${input.name}, its manifest says ${m.io.input.name}`;
  if (input.type !== 'float32') return `the graph's input ${input.name} is ${input.type}, not float32`;
  const want = m.io.input.dims;
  if (!fits(input, want)) return `the graph's input ${input.name} is ${dimsText(input.dims)}, the contract is [batch, ${want.join(', ')}]`;
  for (const o of MODEL_CATALOG[kind].outputs) {
    const g = model.outputs.find((x) => x.name === o.name);
    if (!g) return `the graph has no output ${o.name} (it has ${model.outputs.map((x) => x.name).join(', ')})`;
    if (g.type !== 'float32') return `the graph's output ${o.name} is ${g.type}, not float32`;
    if (!fits(g, [o.units])) return `the graph's output ${o.name} is ${dimsText(g.dims)}, the contract is [batch, ${o.units}]`;
  }
  return undefined;
}

/** [batch, …dims] with the batch symbolic (or any number the graph fixed it to is refused: bots batch). */
function fits(t: TensorInfo, dims: readonly number[]): boolean {
  return t.dims.length === dims.length + 1 && typeof t.dims[0] === 'string' && dims.every((d, i) => t.dims[i + 1] === d);
}

function smokeRun(model: OrtModel, dims: readonly number[], size: number, kind: ModelKind): string | undefined {
  let out: Readonly<Record<string, Float32Array>>;
  try {
    out = model.run(new Float32Array(2 * size), [2, ...dims]);
  } catch (e) {
    return `it fails to run: ${(e as Error).message.split('\n')[0]}`;
  }
  for (const o of MODEL_CATALOG[kind].outputs) {
    const v = out[o.name]!;
    if (v.length !== 2 * o.units) return `its output ${o.name} has ${v.length} values for a batch of 2, expected ${2 * o.units}`;
    if (!v.every(Number.isFinite)) return `its output ${o.name} is not finite on a zero input`;
    if (o.range !== 'value' && !v.every((x) => x >= -1e-6 && x <= 1 + 1e-6)) return `its output ${o.name} is not a probability (outside 0..1)`;
    if (o.range === 'distribution') {
      for (let r = 0; r < 2; r++) {
        const s = v.subarray(r * o.units, (r + 1) * o.units).reduce((a, b) => a + b, 0);
        if (Math.abs(s - 1) > 1e-4) return `its output ${o.name} does not sum to 1 (${s.toFixed(4)})`;
      }
    }
  }
  return undefined;
}
