import { describe, expect, it } from 'vitest';
import { MODEL_KINDS } from '../models/catalog.ts';
import { QUICK_FIT, syntheticInput } from '../testing/training-input.ts';
import { TRAINERS } from './kinds/index.ts';
import { PARITY_TOLERANCE, trainModel } from './train-model.ts';

const input = syntheticInput(24);

describe('training each model: labels, embargo, export, parity, out-of-sample metrics', () => {
  for (const kind of MODEL_KINDS) {
    it(`${kind}: trains, exports an ONNX model that agrees with the trainer to 1e-5, and measures it on later data`, () => {
      const r = trainModel(TRAINERS[kind], input, { seed: 3, fit: QUICK_FIT[kind] });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const m = r.value.manifest;
      expect(m.parity!.maxAbsDiff).toBeLessThanOrEqual(PARITY_TOLERANCE);
      expect(m.parity!.samples).toBe(m.data!.test.samples);
      const embargoMs = m.data!.embargoBars * 5 * 60_000;
      // Every training label ends an embargo before the first test bar.
      expect(m.data!.train.to + TRAINERS[kind].horizon * 5 * 60_000).toBeLessThan(m.data!.test.from - embargoMs + 1);
      expect(m.data!.embargoBars).toBeGreaterThanOrEqual(2 * TRAINERS[kind].horizon);
      expect(Object.keys(m.metrics).length).toBeGreaterThan(0);
      expect(Object.values(m.calibration).flat().reduce((n, b) => n + b.n, 0)).toBe(m.data!.test.samples);
      expect(m.norm.mean).toHaveLength(m.features.columns.length);
      expect(m.onnx.bytes).toBe(r.value.onnx.length);
    });
  }

  it('the same seed and data give the same bytes and manifest; another seed does not', () => {
    const once = (seed: number) => {
      const r = trainModel(TRAINERS['rsi-lstm'], input, { seed, fit: QUICK_FIT['rsi-lstm'] });
      if (!r.ok) throw new Error(r.error.kind);
      return { bytes: Buffer.from(r.value.onnx).toString('base64'), manifest: JSON.stringify(r.value.manifest) };
    };
    const a = once(9);
    expect(once(9)).toEqual(a);
    expect(once(10).bytes).not.toBe(a.bytes);
  });

  it('says so when the history is too short to train and test on', () => {
    const r = trainModel(TRAINERS['break-validator'], syntheticInput(3), { seed: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'not-enough-data', message: expect.stringMatching(/^break-validator: .*give it more history|the data gives no samples/) });
  });

  it('stops between batches when asked', () => {
    let batches = 0;
    const r = trainModel(TRAINERS.regime, input, { seed: 1, shouldStop: () => batches >= 3, onProgress: () => batches++ });
    expect(r).toEqual({ ok: false, error: { kind: 'cancelled' } });
    expect(batches).toBe(3);
  });
});
