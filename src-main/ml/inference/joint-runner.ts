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

interface Joint {
  readonly key: string;
  readonly model: OrtModel | undefined;
  readonly kinds: readonly ModelKind[];
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
  const zeros = new Map<ModelKind, Float32Array>();
  const dims = new Map<ModelKind, number[]>();

  function current(): Joint {
    const key = kinds.map((k) => slots[k].generation).join('.');
    if (joint?.key === key) return joint;
    joint?.model?.dispose();
    const inForce = kinds.filter((k) => slots[k].current);
    const merged = inForce.length > 1 ? mergeGraphs(inForce.map((k) => ({ prefix: `${k}/`, onnx: slots[k].current!.onnx }))) : undefined;
    const loaded = merged?.ok ? load(merged.value) : undefined;
    joint = { key, kinds: inForce, model: loaded?.ok ? loaded.value : undefined };
    for (const k of inForce) {
      const m = slots[k].current!;
      zeros.set(k, new Float32Array(m.sampleSize));
      dims.set(k, [1, ...m.manifest.io.input.dims]);
    }
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
      const fed = j.kinds.filter((k) => (feeds[k]?.batch ?? 0) > 0);
      if (!j.model || fed.length < 2) return separately(feeds);
      const tensors: Record<string, { data: Float32Array; dims: readonly number[] }> = {};
      for (const k of j.kinds) {
        const m = slots[k].current!;
        const f = feeds[k];
        const d = dims.get(k)!;
        d[0] = f && f.batch > 0 ? f.batch : 1;
        tensors[`${k}/${m.manifest.io.input.name}`] = { data: f && f.batch > 0 ? f.x.subarray(0, f.batch * m.sampleSize) : zeros.get(k)!, dims: d };
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
      for (const k of fed) {
        const o: Record<string, Float32Array> = {};
        for (const d of slots[k].current!.manifest.io.outputs) o[d.name] = raw[`${k}/${d.name}`]!;
        out[k] = o;
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
