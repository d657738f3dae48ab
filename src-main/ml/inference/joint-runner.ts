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

/** One model inside the joint graph: its input's and outputs' names there, and a zero row for a run it has no rows in. */
interface Part {
  readonly kind: ModelKind;
  readonly sampleSize: number;
  readonly input: string;
  readonly outputs: readonly { readonly name: string; readonly joint: string }[];
  readonly zeros: Float32Array;
  readonly dims: number[];
}

interface Joint {
  readonly key: string;
  readonly model: OrtModel | undefined;
  readonly parts: readonly Part[];
}

/**
 * Runs several models' rows in one onnxruntime call: the models in force are merged into one graph
 * (onnx/merge-graphs.ts) when their slots change, so a closed bar costs one native call's fixed
 * overhead, not one per model. A model in force with no rows this time is fed one zero row (onnxruntime
 * aborts the process on an empty batch) and its answer dropped. When the models cannot be merged (a
 * model brought in that is not a plain graph) or the joint call throws, each model runs on its own
 * session as before, where a model that fails empties its slot with the reason.
 */
export function createJointRunner(slots: ModelSlots, kinds: readonly ModelKind[], options: JointRunnerOptions = {}) {
  const load = options.load ?? loadOrtModel;
  let joint: Joint | undefined;

  function current(): Joint {
    const key = kinds.map((k) => slots[k].generation).join('.');
    if (joint?.key === key) return joint;
    joint?.model?.dispose();
    const inForce = kinds.filter((k) => slots[k].current);
    const merged = inForce.length > 1 ? mergeGraphs(inForce.map((k) => ({ prefix: `${k}/`, onnx: slots[k].current!.onnx }))) : undefined;
    const loaded = merged?.ok ? load(merged.value) : undefined;
    const parts = inForce.map((kind): Part => {
      const m = slots[kind].current!;
      const io = m.manifest.io;
      return { kind, sampleSize: m.sampleSize, input: `${kind}/${io.input.name}`, outputs: io.outputs.map((d) => ({ name: d.name, joint: `${kind}/${d.name}` })), zeros: new Float32Array(m.sampleSize), dims: [1, ...io.input.dims] };
    });
    joint = { key, parts, model: loaded?.ok ? loaded.value : undefined };
    return joint;
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
      let fed = 0;
      for (const p of j.parts) if ((feeds[p.kind]?.batch ?? 0) > 0) fed++;
      if (!j.model || fed < 2) return separately(feeds);
      const tensors: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
      for (const p of j.parts) {
        const f = feeds[p.kind];
        const rows = f && f.batch > 0 ? f.batch : 0;
        p.dims[0] = rows || 1;
        tensors[p.input] = { data: rows > 0 ? f!.x.subarray(0, rows * p.sampleSize) : p.zeros, dims: p.dims };
      }
      let raw: Readonly<Record<string, Float32Array>>;
      try {
        raw = j.model.runFeeds(tensors);
      } catch {
        // Which model failed is found by running them one by one; the joint graph waits for the next change of models.
        j.model.dispose();
        joint = { ...j, model: undefined };
        return separately(feeds);
      }
      const out: Partial<Record<ModelKind, KindOutputs>> = {};
      for (const p of j.parts) {
        if ((feeds[p.kind]?.batch ?? 0) === 0) continue;
        const o: Record<string, Float32Array> = {};
        for (const d of p.outputs) o[d.name] = raw[d.joint]!;
        out[p.kind] = o;
      }
      return out;
    },
    /** Whether the models in force run as one graph now (false: each on its own session). */
    joint: (): boolean => current().model !== undefined,
    dispose(): void {
      joint?.model?.dispose();
      joint = undefined;
    },
  };
}

export type JointRunner = ReturnType<typeof createJointRunner>;
