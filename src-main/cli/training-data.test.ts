import { describe, expect, it } from 'vitest';
import { MODEL_KINDS } from '#ml/models/catalog';
import { QUICK_FIT } from '#ml/testing/training-input';
import { trainAll } from '#ml/training/train-all';
import { simulatedTrainingInput } from './training-data.ts';

/**
 * `npm run train:default` is simulateTrainingInput → trainAll with one seed. Here both steps, small: the
 * same seed gives the same bars and the same model bytes; another seed, others. (`npm run train:default
 * -- --check` runs the full size against the shipped files, about a minute.)
 */
describe('shipped defaults are reproducible: same seed → same bars → same bytes', () => {
  const once = (seed: number) => {
    const input = simulatedTrainingInput({ seed, sessions: 30, fromDateKey: '2025-01-01' });
    const r = trainAll(input, { kinds: MODEL_KINDS, seed, fit: QUICK_FIT });
    if (r.cancelled) throw new Error('cancelled');
    return { input, ok: r.outcomes.map((o) => o.ok), bytes: r.outcomes.map((o) => (o.ok ? Buffer.from(o.model.onnx).toString('base64') : o.error.message)) };
  };

  it('trains every kind from the simulator, twice identically', { timeout: 60_000 }, () => {
    const a = once(20261124);
    expect(a.input.series.map((s) => [s.instrumentId, s.bars.length, s.vix?.length])).toEqual([
      ['NSE_INDEX:NIFTY', 2250, 2250],
      ['NSE_INDEX:BANKNIFTY', 2250, 2250],
    ]);
    expect(a.ok).toEqual([true, true, true, true]);
    const b = once(20261124);
    expect(b.input).toEqual(a.input);
    expect(b.bytes).toEqual(a.bytes);
    expect(once(7).bytes[0]).not.toBe(a.bytes[0]);
  });
});
