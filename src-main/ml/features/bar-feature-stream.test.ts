import { describe, expect, it } from 'vitest';
import { syntheticBars } from '../testing/synthetic-bars.ts';
import { BarFeatureStream, BREAK_CONTEXT_BARS } from './bar-feature-stream.ts';
import { breakContext, type BreakArg } from './break-context.ts';
import { featuresAt } from './feature-set.ts';
import { ohlcWindow } from './ohlc-window.ts';
import { rsiSequence } from './rsi-sequence.ts';
import { toColumns } from './series.ts';

/**
 * Inference keeps the bar models' features up to date one closed bar at a time; training computes them
 * over the definition's window. These hold the two together: the OHLC window exactly, RSI and the break
 * context to the burn-in their windows keep.
 */
describe('features streamed bar by bar against the window definitions', () => {
  const bars = syntheticBars({ sessions: 12, seed: 5, volume: true });
  const cols = toColumns(bars);
  const brk: BreakArg = { side: -1, kind: 'choch', level: 0 };

  it('agree at every bar once the window is full, and say no before', () => {
    const s = new BarFeatureStream();
    const a = new Float32Array(200);
    const b = new Float32Array(200);
    const worst = { rsi: 0, ohlc: 0, brk: new Array<number>(12).fill(0) };
    let checked = 0;
    bars.forEach((bar, t) => {
      s.push(bar);
      expect(s.rsiSequence(a, 0)).toBe(t >= rsiSequence.window - 1);
      if (t < rsiSequence.window - 1) return;
      expect(featuresAt(rsiSequence, cols, t, b, 0, undefined)).toBe(true);
      for (let k = 0; k < 25; k++) worst.rsi = Math.max(worst.rsi, Math.abs(a[k]! - b[k]!));
      expect(s.ohlcWindow(a, 0)).toBe(true);
      expect(featuresAt(ohlcWindow, cols, t, b, 0, undefined)).toBe(true);
      for (let k = 0; k < 192; k++) worst.ohlc = Math.max(worst.ohlc, Math.abs(a[k]! - b[k]!));
      for (let ago = 0; ago < BREAK_CONTEXT_BARS; ago++) {
        const at = { ...brk, level: bars[t - ago]!.close * 1.001 };
        expect(s.breakContext(ago, at, a, 0)).toBe(true);
        expect(featuresAt(breakContext, cols, t - ago, b, 0, at)).toBe(true);
        for (let k = 0; k < 12; k++) worst.brk[k] = Math.max(worst.brk[k]!, Math.abs(a[k]! - b[k]!) / Math.max(1, Math.abs(b[k]!)));
      }
      checked++;
    });
    expect(checked).toBeGreaterThan(600);
    expect(worst.ohlc).toBe(0);
    expect(worst.rsi).toBeLessThan(1e-3);
    // Relative (or absolute under 1): ATR and MACD remember their start for longer than the 120-bar window forgets it.
    for (const w of worst.brk) expect(w).toBeLessThan(1e-3);
    expect(s.breakContext(BREAK_CONTEXT_BARS, brk, a, 0)).toBe(false);
  });
});
