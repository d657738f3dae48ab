import { beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, floatTensor, floatValue, node } from '../onnx/graph.ts';
import { exportNet } from '../onnx/export-net.ts';
import type { NetSpec } from '../net/net-spec.ts';
import { Network } from '../net/network.ts';
import type { ModelManifest } from '../models/manifest.ts';
import { tinyModels, type TinyModel } from '../testing/tiny-models.ts';
import { loadModel, sha256Hex } from './load-model.ts';

let models: ReturnType<typeof tinyModels>;
beforeAll(() => {
  models = tinyModels();
});

/** A manifest that describes `onnx` (right hash), with changes. */
const describing = (m: TinyModel, onnx: Uint8Array, change: Partial<ModelManifest> = {}): ModelManifest => ({ ...m.manifest, ...change, onnx: { file: 'x.onnx', sha256: sha256Hex(onnx), bytes: onnx.length } });

const refused = (r: ReturnType<typeof loadModel>): string => {
  if (r.ok) throw new Error('loaded what should have been refused');
  return r.error.reason;
};

describe('loading a model against its declared contract', () => {
  it('loads a model trained here and runs a batch', () => {
    const r = loadModel({ kind: 'regime', onnx: models.regime.onnx, manifest: models.regime.manifest, expectedSha256: models.regime.manifest.onnx.sha256 });
    if (!r.ok) throw new Error(r.error.reason);
    const out = r.value.run(new Float32Array(3 * 4), 3);
    expect(out.regime_probs).toHaveLength(9);
    r.value.dispose();
  });

  it('refuses a corrupt file, naming onnxruntime’s reason', () => {
    const bytes = models.regime.onnx.slice(0, models.regime.onnx.length - 40);
    expect(refused(loadModel({ kind: 'regime', onnx: bytes, manifest: models.regime.manifest }))).toMatch(/^its manifest describes another file \(sha256 [0-9a-f]{12}…, the file is [0-9a-f]{12}…\)$/);
    expect(refused(loadModel({ kind: 'regime', onnx: bytes, manifest: describing(models.regime, bytes) }))).toMatch(/^onnxruntime cannot load it: /);
    const garbage = new TextEncoder().encode('this is not an onnx model at all');
    expect(refused(loadModel({ kind: 'regime', onnx: garbage, manifest: describing(models.regime, garbage) }))).toMatch(/^onnxruntime cannot load it: /);
  });

  it('refuses a file changed since it was registered', () => {
    expect(refused(loadModel({ kind: 'regime', onnx: models.regime.onnx, manifest: models.regime.manifest, expectedSha256: 'a'.repeat(64) }))).toMatch(/^the file changed since it was registered/);
  });

  it('refuses a manifest that is not one, or is for another kind or feature definition', () => {
    expect(refused(loadModel({ kind: 'regime', onnx: models.regime.onnx, manifest: { format: 2 } }))).toMatch(/^its manifest is invalid: format: /);
    expect(refused(loadModel({ kind: 'rsi-lstm', onnx: models.regime.onnx, manifest: models.regime.manifest }))).toBe('it is a regime model, not rsi-lstm');
    const m = models.regime;
    expect(refused(loadModel({ kind: 'regime', onnx: m.onnx, manifest: describing(m, m.onnx, { features: { ...m.manifest.features, set: 'regime-inputs@0' } }) }))).toBe('it was trained on feature set regime-inputs@0; this terminal computes regime-inputs@1');
    expect(refused(loadModel({ kind: 'regime', onnx: m.onnx, manifest: describing(m, m.onnx, { features: { ...m.manifest.features, timeframe: '1m' } }) }))).toBe('it was trained on 1m bars; regime runs on 5m');
    expect(refused(loadModel({ kind: 'regime', onnx: m.onnx, manifest: describing(m, m.onnx, { norm: { mean: [0], std: [1], absent: [] } }) }))).toBe('its normalisation has 1 means and 1 σ for 4 columns');
    expect(refused(loadModel({ kind: 'regime', onnx: m.onnx, manifest: describing(m, m.onnx, { classes: ['ranging', 'trending', 'volatile'] }) }))).toBe('its classes are ranging, trending, volatile, expected trending, ranging, volatile');
  });

  it('refuses a graph whose input or outputs do not match the contract (another kind’s graph, fixed batch, wrong output)', () => {
    const lstmGraph = models['rsi-lstm'].onnx;
    expect(refused(loadModel({ kind: 'regime', onnx: lstmGraph, manifest: describing(models.regime, lstmGraph) }))).toBe("the graph's input input is [batch, 25, 1], the contract is [batch, 4]");
    const fixed = encodeModel({
      name: 'fixed',
      nodes: [node('Gemm', ['input', 'W', 'B'], ['z']), node('Softmax', ['z'], ['regime_probs'], { axis: -1 })],
      initializers: [floatTensor('W', [4, 3], new Float32Array(12)), floatTensor('B', [3], new Float32Array(3))],
      inputs: [floatValue('input', [1, 4])],
      outputs: [floatValue('regime_probs', [1, 3])],
    });
    expect(refused(loadModel({ kind: 'regime', onnx: fixed, manifest: describing(models.regime, fixed) }))).toBe("the graph's input input is [1, 4], the contract is [batch, 4]");
    const renamed = exportNet({ kind: 'mlp', features: 4, hidden: [], heads: [{ name: 'probs', units: 3, activation: 'softmax' }] }, Network.init({ kind: 'mlp', features: 4, hidden: [], heads: [{ name: 'probs', units: 3, activation: 'softmax' }] }, 1).weights());
    expect(refused(loadModel({ kind: 'regime', onnx: renamed, manifest: describing(models.regime, renamed) }))).toBe('the graph has no output regime_probs (it has probs)');
  });

  it('refuses a model that does not give finite probabilities', () => {
    const spec: NetSpec = { kind: 'mlp', features: 4, hidden: [], heads: [{ name: 'regime_probs', units: 3, activation: 'linear' }] };
    const w = Network.init(spec, 1).weights();
    const linear = exportNet(spec, { ...w, heads: [{ ...w.heads[0]!, bias: new Float32Array([2, 3, 4]) }] });
    expect(refused(loadModel({ kind: 'regime', onnx: linear, manifest: describing(models.regime, linear) }))).toBe('its output regime_probs is not a probability (outside 0..1)');
    const nan = exportNet(spec, { ...w, heads: [{ ...w.heads[0]!, bias: new Float32Array([NaN, 0, 0]) }] });
    expect(refused(loadModel({ kind: 'regime', onnx: nan, manifest: describing(models.regime, nan) }))).toBe('its output regime_probs is not finite on a zero input');
  });
});
