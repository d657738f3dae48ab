import { describe, expect, it } from 'vitest';
import { Roc, rocBatch } from './roc.ts';
import { alignRight, maxDiff, tulip } from './testing/fixtures.ts';
import { byClose, indicatorContract } from './testing/indicator-contract.ts';
import { expectTalib, referenceBars, talibSkip } from './testing/talib-reference.ts';

indicatorContract('ROC(10)', {
  create: () => new Roc(10),
  input: byClose,
  batch: (c) => [rocBatch(c.close, 10)],
  fold: (ind, c) => (ind as Roc).fold(c.close, new Float64Array(c.close.length)),
  flat: [0],
});

describe('ROC against outside references', () => {
  it('is Tulip roc ×100 (Tulip reports a fraction, TA-Lib and we a percent)', () => {
    for (const [file, header] of [['untest', 'roc 5'], ['extra', 'roc 3']] as const) {
      const c = tulip(file, header, 1);
      const close = c.inputs[0] as number[];
      const period = Number(header.split(' ')[1]);
      const expected = alignRight((c.outputs[0] as number[]).map((v) => v * 100), close.length);
      expect(maxDiff(rocBatch(close, period), expected)).toBeLessThan(0.05);
    }
  });

  it.skipIf(talibSkip)('equals TA-Lib C ROC to 1e-9 on 100,000 random bars', { timeout: 120_000 }, () => {
    const cols = referenceBars();
    for (const p of [1, 5, 10, 30]) expectTalib(rocBatch(cols.close, p), 'ROC', cols, [p]);
  });
});
