import { MODEL_KINDS, type ModelKind } from '../models/catalog.ts';
import type { ModelManifest } from '../models/manifest.ts';
import { TRAINERS } from '../training/kinds/index.ts';
import { trainModel } from '../training/train-model.ts';
import { QUICK_FIT, syntheticInput } from './training-input.ts';

export interface TinyModel {
  readonly onnx: Uint8Array;
  readonly manifest: ModelManifest;
}

/** One quickly trained model of every kind (seconds in all), for tests of loading, inference and the service. */
export function tinyModels(seed = 1): Record<ModelKind, TinyModel> {
  const input = syntheticInput(20, seed);
  const out = {} as Record<ModelKind, TinyModel>;
  for (const kind of MODEL_KINDS) {
    const r = trainModel(TRAINERS[kind], input, { seed, fit: QUICK_FIT[kind] });
    if (!r.ok) throw new Error(`${kind}: ${JSON.stringify(r.error)}`);
    out[kind] = { onnx: r.value.onnx, manifest: r.value.manifest };
  }
  return out;
}
