import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/random';
import { MODEL_CATALOG, MODEL_KINDS } from '../models/catalog.ts';
import { loadOrtModel } from '../runtime/ort-session.ts';
import { mergeGraphs } from './merge-graphs.ts';

const MODELS = path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'models');
const bytes = Object.fromEntries(MODEL_KINDS.map((k) => [k, new Uint8Array(fs.readFileSync(path.join(MODELS, `${k}.onnx`)))]));

describe('several models as one graph', () => {
  it('gives each model’s own outputs, with a different batch per model, in one call', () => {
    const merged = mergeGraphs(MODEL_KINDS.map((k) => ({ prefix: `${k}/`, onnx: bytes[k]! })));
    if (!merged.ok) throw new Error(merged.error.reason);
    const joint = loadOrtModel(merged.value);
    if (!joint.ok) throw new Error(joint.error.message);
    const r = createRandom(4);
    const feeds: Record<string, { data: Float32Array; dims: number[] }> = {};
    MODEL_KINDS.forEach((k, i) => {
      const dims = [i + 1, ...MODEL_CATALOG[k].features.dims];
      feeds[`${k}/input`] = { data: Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => r.next() * 2 - 1), dims };
    });
    const out = joint.value.runFeeds(feeds);
    for (const k of MODEL_KINDS) {
      const alone = loadOrtModel(bytes[k]!);
      if (!alone.ok) throw new Error(alone.error.message);
      const want = alone.value.run(feeds[`${k}/input`]!.data, feeds[`${k}/input`]!.dims);
      for (const o of MODEL_CATALOG[k].outputs) {
        const got = out[`${k}/${o.name}`]!;
        expect(got.length).toBe(want[o.name]!.length);
        got.forEach((v, j) => expect(Math.abs(v - want[o.name]![j]!)).toBeLessThanOrEqual(1e-6));
      }
      alone.value.dispose();
    }
    joint.value.dispose();
  });

  it('refuses models that differ in operator sets (they run on their own sessions then)', () => {
    const { onnx } = onnxProto;
    const m = onnx.ModelProto.decode(bytes.regime!);
    m.opsetImport = [onnx.OperatorSetIdProto.create({ domain: '', version: 13 })];
    const older = onnx.ModelProto.encode(m).finish();
    expect(mergeGraphs([{ prefix: 'a/', onnx: bytes['break-validator']! }, { prefix: 'b/', onnx: older }])).toEqual({ ok: false, error: { reason: 'the models differ in IR version or operator sets' } });
    expect(mergeGraphs([{ prefix: 'a/', onnx: new Uint8Array([1, 2, 3]) }]).ok).toBe(false);
  });
});
