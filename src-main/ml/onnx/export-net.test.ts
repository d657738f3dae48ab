import { describe, expect, it } from 'vitest';
import { inputDims } from '../net/net-spec.ts';
import { Network } from '../net/network.ts';
import { randomData, TEST_SPECS } from '../net/test-specs.ts';
import { loadOrtModel } from '../runtime/ort-session.ts';
import { fitNet } from '../training/fit.ts';
import { exportNet } from './export-net.ts';

/**
 * The exporter against the trainer (stack.md: ONNX LSTM gates i, o, f, c against the tfjs order i, f, c,
 * o; Conv1D channels-last against ONNX channels-first): the same trained weights give the same outputs
 * in onnxruntime-node to 1e-5 on inputs the model never saw.
 */
describe('trainer → ONNX export parity (onnxruntime-node)', () => {
  for (const [name, spec] of Object.entries(TEST_SPECS)) {
    it(`${name}: the trained network and onnxruntime agree to 1e-5`, () => {
      const net = Network.init(spec, 7);
      expect(fitNet(net, randomData(spec, 96, 1), { epochs: 2, batchSize: 32, learningRate: 0.01, seed: 3 }).kind).toBe('done');
      net.roundToFloat32();
      const loaded = loadOrtModel(exportNet(spec, net.weights()));
      if (!loaded.ok) throw new Error(loaded.error.message);
      const probe = randomData(spec, 17, 99);
      const want = net.predict(probe.x, probe.n);
      const got = loaded.value.run(probe.x, [probe.n, ...inputDims(spec)]);
      spec.heads.forEach((h, k) => {
        const g = got[h.name]!;
        expect(g.length).toBe(want[k]!.length);
        let worst = 0;
        for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i]! - want[k]![i]!));
        expect(worst).toBeLessThanOrEqual(1e-5);
      });
      loaded.value.dispose();
    });
  }

  it('the same weights give the same bytes; other weights other bytes', () => {
    const bytes = (seed: number) => Buffer.from(exportNet(TEST_SPECS.lstm!, Network.init(TEST_SPECS.lstm!, seed).weights())).toString('base64');
    expect(bytes(5)).toBe(bytes(5));
    expect(bytes(6)).not.toBe(bytes(5));
  });
});
