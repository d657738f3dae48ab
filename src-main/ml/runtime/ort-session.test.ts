import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Network } from '../net/network.ts';
import { randomData, TEST_SPECS } from '../net/test-specs.ts';
import { exportNet } from '../onnx/export-net.ts';
import { loadOrtModel } from './ort-session.ts';

/**
 * ort-session.ts calls onnxruntime-node's native binding synchronously (a bot hook cannot await). This
 * pins it to the public API: an onnxruntime upgrade that changes the binding fails here.
 */
describe('synchronous onnxruntime session', () => {
  it('gives the public async API’s outputs and reads the graph’s inputs and outputs', async () => {
    const spec = TEST_SPECS.lstm!;
    const bytes = exportNet(spec, Network.init(spec, 3).weights());
    const sync = loadOrtModel(bytes);
    if (!sync.ok) throw new Error(sync.error.message);
    expect(sync.value.inputs).toEqual([{ name: 'input', type: 'float32', dims: ['batch', 25, 2] }]);
    expect(sync.value.outputs.map((o) => [o.name, o.dims])).toEqual([
      ['next', ['batch', 1]],
      ['p_up', ['batch', 1]],
    ]);
    const probe = randomData(spec, 5, 1);
    const publicSession = await InferenceSession.create(bytes);
    const want = await publicSession.run({ input: new Tensor('float32', probe.x, [5, 25, 2]) });
    const got = sync.value.run(probe.x, [5, 25, 2]);
    expect(Array.from(got.next!)).toEqual(Array.from(want.next!.data as Float32Array));
    expect(Array.from(got.p_up!)).toEqual(Array.from(want.p_up!.data as Float32Array));
    await publicSession.release();
    sync.value.dispose();
  });

  it('runs the array it is fed as it is now: the same array refilled, or fed with other dims, answers for its new contents', () => {
    const spec = TEST_SPECS.lstm!;
    const m = loadOrtModel(exportNet(spec, Network.init(spec, 3).weights()));
    if (!m.ok) throw new Error(m.error.message);
    const a = randomData(spec, 2, 1).x;
    const b = randomData(spec, 2, 2).x;
    const fed = new Float32Array(a.length);
    const two = fed.subarray(0, 100);
    const answer = (data: Float32Array, dims: number[]) => Array.from(m.value.runFeeds({ input: { data, dims } }).p_up!);
    fed.set(a);
    const first = answer(two, [2, 25, 2]);
    fed.set(b);
    const second = answer(two, [2, 25, 2]);
    expect(first).toEqual(Array.from(m.value.run(a, [2, 25, 2]).p_up!));
    expect(second).toEqual(Array.from(m.value.run(b, [2, 25, 2]).p_up!));
    expect(second).not.toEqual(first);
    expect(answer(fed.subarray(0, 50), [1, 25, 2])).toEqual(second.slice(0, 1));
    m.value.dispose();
  });

  it('a wrong input shape is a throw the caller catches (ModelSlot turns it into "not available")', () => {
    const spec = TEST_SPECS.mlp!;
    const m = loadOrtModel(exportNet(spec, Network.init(spec, 3).weights()));
    if (!m.ok) throw new Error(m.error.message);
    expect(() => m.value.run(new Float32Array(6), [2, 3])).toThrow();
    m.value.dispose();
  });
});
