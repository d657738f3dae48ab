import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelFiles } from '../service/model-files.ts';
import { PARITY_TOLERANCE } from '../training/train-model.ts';
import { MODEL_KINDS } from './catalog.ts';

const SHIPPED = path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'models');

/** The defaults in resources/models (`npm run train:default`; `-- --check` proves they are what the seed makes). */
describe('shipped default models', () => {
  for (const kind of MODEL_KINDS) {
    it(`${kind}: loads against its contract, was made from the simulator only, and matched the trainer to 1e-5`, () => {
      const r = loadModelFiles(kind, path.join(SHIPPED, `${kind}.onnx`));
      if (!r.ok) throw new Error(r.error.reason);
      const m = r.value.manifest;
      expect(m.data?.source).toMatch(/^simulator seed \d+, \d+ sessions from \d{4}-\d{2}-\d{2}$/);
      expect(m.parity!.maxAbsDiff).toBeLessThanOrEqual(PARITY_TOLERANCE);
      expect(m.data!.train.to).toBeLessThan(m.data!.test.from);
      r.value.dispose();
    });
  }
});
