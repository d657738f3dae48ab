import { createRandom } from '#core/random';
import { inputSize, type NetSpec } from './net-spec.ts';

/** One small network of each kind, heads of every activation: what the net and export tests run. */
export const TEST_SPECS: Readonly<Record<string, NetSpec>> = {
  mlp: { kind: 'mlp', features: 5, hidden: [7, 4], heads: [{ name: 'p', units: 1, activation: 'sigmoid' }, { name: 'v', units: 2, activation: 'linear' }] },
  lstm: { kind: 'lstm', steps: 25, features: 2, units: 6, heads: [{ name: 'next', units: 1, activation: 'linear' }, { name: 'p_up', units: 1, activation: 'sigmoid' }] },
  cnn: { kind: 'cnn1d', steps: 20, channels: 4, convs: [{ filters: 5, kernel: 3 }, { filters: 4, kernel: 5 }], pool: 'average', hidden: [6], heads: [{ name: 'probs', units: 3, activation: 'softmax' }] },
  cnnFlat: { kind: 'cnn1d', steps: 12, channels: 3, convs: [{ filters: 4, kernel: 3 }], pool: 'flatten', hidden: [], heads: [{ name: 'probs', units: 2, activation: 'softmax' }, { name: 'p', units: 1, activation: 'sigmoid' }] },
};

/** Seeded inputs and targets that fit each head's activation. */
export function randomData(spec: NetSpec, n: number, seed: number): { n: number; x: Float32Array; y: Float32Array[] } {
  const r = createRandom(seed);
  const x = Float32Array.from({ length: n * inputSize(spec) }, () => r.normal());
  const y = spec.heads.map((h) => {
    const out = new Float32Array(n * h.units);
    for (let i = 0; i < n; i++) {
      if (h.activation === 'softmax') out[i * h.units + r.int(0, h.units - 1)] = 1;
      else for (let u = 0; u < h.units; u++) out[i * h.units + u] = h.activation === 'sigmoid' ? r.int(0, 1) : r.normal();
    }
    return out;
  });
  return { n, x, y };
}
