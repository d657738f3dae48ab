import { describe, expect, it } from 'vitest';
import { Adx } from '#indicators/adx';
import { Atr } from '#indicators/atr';
import { Bollinger } from '#indicators/bollinger';
import { Rsi } from '#indicators/rsi';
import { syntheticBars } from '../testing/synthetic-bars.ts';
import { featuresAt } from './feature-set.ts';
import { regimeFeatures } from './regime-features.ts';
import { rsiSequence } from './rsi-sequence.ts';
import { toColumns } from './series.ts';

/**
 * The features are defined on a fixed window of closed bars; the bots' studies stream the same
 * indicators over all the history they have. The windows are long enough for the two to agree: the
 * regime classifier gets its inputs from the bots (`RegimeSource.classify`), so they must.
 */
describe('window features against the streaming indicators the bots read', () => {
  const bars = syntheticBars({ sessions: 12, seed: 9 });
  const cols = toColumns(bars);

  it('regime inputs: ADX, ATR % and bandwidth % match full-history streaming to 1e-6 relative', () => {
    const adx = new Adx(14);
    const atr = new Atr(14);
    const bb = new Bollinger(20, 2);
    const out = new Float32Array(4);
    let checked = 0;
    bars.forEach((b, t) => {
      adx.update(b);
      atr.update(b);
      bb.update(b.close);
      if (t < 400 || t % 37 !== 0) return;
      expect(featuresAt(regimeFeatures, cols, t, out, 0, 15)).toBe(true);
      const want = [adx.value, (atr.value / b.close) * 100, bb.output(3) * 100, 15];
      want.forEach((w, k) => expect(Math.abs(out[k]! - w) / Math.abs(w)).toBeLessThan(1e-6));
      checked++;
    });
    expect(checked).toBeGreaterThan(10);
  });

  it('RSI sequence: within 0.001 RSI points of full-history streaming RSI(14)', () => {
    const rsi = new Rsi(14);
    const seen: number[] = [];
    const out = new Float32Array(25);
    bars.forEach((b, t) => {
      seen.push(rsi.update(b.close));
      if (t < 400 || t % 41 !== 0) return;
      expect(featuresAt(rsiSequence, cols, t, out, 0, undefined)).toBe(true);
      for (let k = 0; k < 25; k++) expect(Math.abs(out[k]! - seen[t - 24 + k]!)).toBeLessThan(0.001);
    });
  });
});
