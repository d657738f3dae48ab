import type { Result } from '#core/result';
import type { ModelKind } from '../models/catalog.ts';
import { mergeGraphs } from '../onnx/merge-graphs.ts';
import { loadOrtModel, type OrtModel } from '../runtime/ort-session.ts';
import type { ModelSlots } from './model-slot.ts';

/** One kind's rows for a run: `batch` samples, flat and normalised, at the start of `x`. */
export interface KindFeed {
  readonly x: Float32Array;
  readonly batch: number;
}

export type KindOutputs = Readonly<Record<string, Float32Array>>;

export interface JointRunnerOptions {
  /** How a joint graph's bytes become a session (tests wrap it to count calls or make one fail). */
  readonly load?: (onnx: Uint8Array) => Result<OrtModel, { readonly message: string }>;
}

/** One model inside a joint graph: its input's and outputs' names there, and a zero row for a run it has no rows in. */
interface Part {
  readonly kind: ModelKind;
  readonly onnx: Uint8Array;
  readonly sampleSize: number;
  readonly input: string;
  readonly outputs: readonly { readonly name: string; readonly joint: string }[];
  readonly zeros: Float32Array;
  readonly dims: number[];
  /** The fed rows' view of the caller's buffer, by row count: the same array from run to run while the buffer stays. */
  readonly views: Map<number, Float32Array>;
}

interface Joint {
  readonly key: string;
  readonly parts: readonly Part[];
  /** The merged graph of every part, loaded on first use; null: not tried yet; undefined: it would not merge or load. */
  graph: OrtModel | undefined | null;
  /** A joint call threw: the models run one by one until the next change of models. */
  failed: boolean;
}

/**
 * Runs several models' rows in one onnxruntime call: the models in force are merged into one graph
 * (onnx/merge-graphs.ts), so a closed bar costs one native call's fixed overhead, not one per model. The
 * graph of every model runs on every call, a model without rows (the validator on a bar with no fresh
 * break, most bars) fed one zero row (onnxruntime aborts the process on an empty batch) and its answer
 * dropped: one session, always warm. A graph per set of fed models ran the validator's set on one bar in
 * seven, its session cold each time, and those bars' p99 was 3.7× the others' (`npm run bench -- ml`).
 * When the models cannot be merged (a model brought in that is not a plain graph) or a joint call throws,
 * each model runs on its own session as before, where a model that fails empties its slot with the reason.
 */
export function createJointRunner(slots: ModelSlots, kinds: readonly ModelKind[], options: JointRunnerOptions = {}) {
  const load = options.load ?? loadOrtModel;
  let joint: Joint | undefined;

  function release(j: Joint | undefined): void {
    j?.graph?.dispose();
    if (j) j.graph = undefined;
  }

  function current(): Joint {
    const key = kinds.map((k) => slots[k].generation).join('.');
    if (joint?.key === key) return joint;
    release(joint);
    const parts = kinds
      .filter((k) => slots[k].current)
      .map((kind): Part => {
        const m = slots[kind].current!;
        const io = m.manifest.io;
        return { kind, onnx: m.onnx, sampleSize: m.sampleSize, input: `${kind}/${io.input.name}`, outputs: io.outputs.map((d) => ({ name: d.name, joint: `${kind}/${d.name}` })), zeros: new Float32Array(m.sampleSize), dims: [1, ...io.input.dims], views: new Map() };
      });
    joint = { key, parts, graph: null, failed: false };
    return joint;
  }

  /** The merged graph of every part, loaded once per change of models. */
  function graphOf(j: Joint): OrtModel | undefined {
    if (j.graph !== null) return j.graph;
    const merged = j.parts.length > 1 ? mergeGraphs(j.parts.map((p) => ({ prefix: `${p.kind}/`, onnx: p.onnx }))) : undefined;
    const loaded = merged?.ok ? load(merged.value) : undefined;
    j.graph = loaded?.ok ? loaded.value : undefined;
    return j.graph;
  }

  function viewOf(p: Part, x: Float32Array, rows: number): Float32Array {
    const v = p.views.get(rows);
    if (v && v.buffer === x.buffer && v.byteOffset === x.byteOffset) return v;
    const made = x.subarray(0, rows * p.sampleSize);
    p.views.set(rows, made);
    return made;
  }

  function separately(feeds: Partial<Record<ModelKind, KindFeed>>): Partial<Record<ModelKind, KindOutputs>> {
    const out: Partial<Record<ModelKind, KindOutputs>> = {};
    for (const k of kinds) {
      const f = feeds[k];
      if (!f || f.batch === 0) continue;
      const r = slots[k].run(f.x.subarray(0, f.batch * (slots[k].current?.sampleSize ?? 0)), f.batch);
      if (r) out[k] = r;
    }
    return out;
  }

  return {
    /** Each fed kind's outputs ([batch, units] per declared output); a kind missing from the answer gave nothing (its slot says why). */
    run(feeds: Partial<Record<ModelKind, KindFeed>>): Partial<Record<ModelKind, KindOutputs>> {
      const j = current();
      const fed = j.parts.filter((p) => (feeds[p.kind]?.batch ?? 0) > 0);
      if (j.failed || fed.length < 2) return separately(feeds);
      const model = graphOf(j);
      if (!model) return separately(feeds);
      const tensors: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
      for (const p of j.parts) {
        const f = feeds[p.kind];
        const rows = f && f.batch > 0 ? f.batch : 0;
        p.dims[0] = rows || 1;
        tensors[p.input] = { data: rows > 0 ? viewOf(p, f!.x, rows) : p.zeros, dims: p.dims };
      }
      let raw: Readonly<Record<string, Float32Array>>;
      try {
        raw = model.runFeeds(tensors);
      } catch {
        // Which model failed is found by running them one by one; the joint graph waits for the next change of models.
        release(j);
        j.failed = true;
        return separately(feeds);
      }
      const out: Partial<Record<ModelKind, KindOutputs>> = {};
      for (const p of fed) {
        const o: Record<string, Float32Array> = {};
        for (const d of p.outputs) o[d.name] = raw[d.joint]!;
        out[p.kind] = o;
      }
      return out;
    },
    /** Whether the models in force run as one graph now (false: each on its own session). */
    joint(): boolean {
      const j = current();
      return !j.failed && j.parts.length > 1 && graphOf(j) !== undefined;
    },
    dispose(): void {
      release(joint);
      joint = undefined;
    },
  };
}

export type JointRunner = ReturnType<typeof createJointRunner>;
