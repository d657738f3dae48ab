import { describe, expect, it } from 'vitest';
import { fitNet } from '../training/fit.ts';
import { loadTf, predictTf, tfModelOf } from '../testing/tf-reference.ts';
import { Network } from './network.ts';
import { randomData, TEST_SPECS } from './test-specs.ts';

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let w = 0;
  for (let i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i]! - b[i]!));
  return w;
};

describe('the hand-written network against tfjs and against finite differences', () => {
  for (const [name, spec] of Object.entries(TEST_SPECS)) {
    it(`${name}: forward equals tfjs's layers (LSTM gates i, f, c, o; Conv1D channels-last) with the same weights`, async () => {
      const net = Network.init(spec, 11);
      fitNet(net, randomData(spec, 64, 2), { epochs: 1, batchSize: 16, learningRate: 0.02, seed: 1 });
      net.roundToFloat32();
      const tf = await loadTf();
      const model = tfModelOf(tf, spec, net.weights());
      const probe = randomData(spec, 9, 5);
      const want = predictTf(tf, model, spec, probe.x, probe.n);
      net.predict(probe.x, probe.n).forEach((got, k) => expect(maxDiff(got, want[k]!)).toBeLessThanOrEqual(1e-5));
      model.dispose();
    });

    it(`${name}: backward gives the gradient of the loss (central differences, 1e-6 relative)`, () => {
      const net = Network.init(spec, 4);
      const data = randomData(spec, 1, 8);
      const grad = new Float64Array(net.params.length);
      net.forward(data.x, 0);
      net.backward(data.y, 0, grad);
      const loss = (): number => {
        net.forward(data.x, 0);
        return net.backward(data.y, 0, new Float64Array(net.params.length));
      };
      const step = 1e-6;
      let checked = 0;
      for (let i = 0; i < net.params.length; i += Math.max(1, Math.floor(net.params.length / 60))) {
        const keep = net.params[i]!;
        net.params[i] = keep + step;
        const up = loss();
        net.params[i] = keep - step;
        const down = loss();
        net.params[i] = keep;
        const numeric = (up - down) / (2 * step);
        expect(Math.abs(numeric - grad[i]!)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(numeric)) + 1e-8);
        checked++;
      }
      expect(checked).toBeGreaterThan(40);
    });
  }

  it('training lowers the loss, and the same seed gives the same parameters bit for bit', () => {
    const spec = TEST_SPECS.cnn!;
    const run = (seed: number) => {
      const net = Network.init(spec, seed);
      const r = fitNet(net, randomData(spec, 128, 3), { epochs: 6, batchSize: 16, learningRate: 0.01, seed });
      return { params: Buffer.from(net.params.buffer).toString('base64'), r };
    };
    const a = run(1);
    expect(a.r.kind).toBe('done');
    if (a.r.kind === 'done') expect(a.r.epochLoss.at(-1)!).toBeLessThan(a.r.epochLoss[0]!);
    expect(run(1).params).toBe(a.params);
    expect(run(2).params).not.toBe(a.params);
  });
});
