import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/random';
import type { Bar } from '#model/bar';
import { syntheticBars } from '../testing/synthetic-bars.ts';
import { breakContext } from './break-context.ts';
import { featuresAt, sampleSize, type FeatureSet } from './feature-set.ts';
import { ohlcWindow } from './ohlc-window.ts';
import { regimeFeatures } from './regime-features.ts';
import { rsiSequence } from './rsi-sequence.ts';
import { toColumns } from './series.ts';

const SETS: readonly [FeatureSet<never>, unknown][] = [
  [rsiSequence as FeatureSet<never>, undefined],
  [ohlcWindow as FeatureSet<never>, undefined],
  [breakContext as FeatureSet<never>, { side: 1, kind: 'bos', level: 24_000 }],
  [regimeFeatures as FeatureSet<never>, 14.5],
];

/** Rewrites every bar after `t`: other prices, volumes, even wild ones. */
function scrambleAfter(bars: readonly Bar[], t: number, seed: number): Bar[] {
  const r = createRandom(seed);
  return bars.map((b, i) => {
    if (i <= t) return b;
    const m = 0.5 + r.next() * 2;
    const close = b.close * m;
    return { ...b, open: b.open * (0.5 + r.next()), high: Math.max(b.high * m, close) * 1.01, low: Math.min(b.low * m * 0.5, close), close, volume: r.int(0, 1e6) };
  });
}

describe('features read closed bars up to t only (no look-ahead)', () => {
  const bars = syntheticBars({ sessions: 8, seed: 3, volume: true });
  for (const [set, arg] of SETS) {
    it(`${set.id}: features of bar t are unchanged when bars after t change, or do not exist`, () => {
      const n = sampleSize(set);
      let checked = 0;
      for (const t of [set.window - 1, set.window + 17, 300, bars.length - 2]) {
        const a = new Float32Array(n);
        expect(featuresAt(set, toColumns(bars), t, a, 0, arg as never)).toBe(true);
        for (const seed of [1, 2]) {
          const b = new Float32Array(n);
          expect(featuresAt(set, toColumns(scrambleAfter(bars, t, seed)), t, b, 0, arg as never)).toBe(true);
          expect(Array.from(b)).toEqual(Array.from(a));
        }
        const c = new Float32Array(n);
        expect(featuresAt(set, toColumns(bars.slice(0, t + 1)), t, c, 0, arg as never)).toBe(true);
        expect(Array.from(c)).toEqual(Array.from(a));
        checked++;
      }
      expect(checked).toBe(4);
    });

    it(`${set.id}: a bar before the window is complete gives no features`, () => {
      expect(featuresAt(set, toColumns(bars), set.window - 2, new Float32Array(sampleSize(set)), 0, arg as never)).toBe(false);
    });
  }

  it('would catch a definition that reads the next bar', () => {
    const peeking: FeatureSet = { id: 'peek', window: 2, dims: [1], columns: ['x'], fromWindow: (w, out, o) => ((out[o] = w.close[w.length] ?? NaN), true) };
    // The slice ends at t, so reading past it finds nothing: the sample is refused, never filled from the future.
    expect(featuresAt(peeking, toColumns(bars), 10, new Float32Array(1), 0, undefined)).toBe(false);
  });
});
