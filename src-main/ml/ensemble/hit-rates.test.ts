import { describe, expect, it } from 'vitest';
import type { Bar } from '#model/bar';
import { instrumentId } from '#model/ids';
import { barMarket } from '../testing/bar-market.ts';
import { HitRates } from './hit-rates.ts';

const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');
const DEFAULTS = { ml: 0.4, technical: 0.3, priceAction: 0.2, confirmation: 0.1 };
const T0 = Date.UTC(2026, 0, 5, 3, 45);
/** 5-minute bars whose closes step up, then down: a long call on an up stretch is right 15 minutes later. */
const bars: Bar[] = Array.from({ length: 60 }, (_, i) => {
  const close = 100 + (i < 30 ? i : 60 - i);
  return { instrumentId: NIFTY, timeframe: '5m', tsStart: T0 + i * 300_000, open: close, high: close, low: close, close, volume: 0, closed: true };
});
const signal = (ts: number, ml: 'long' | 'short', technical: 'long' | 'short' | 'neutral' = 'neutral') => ({
  instrumentId: NIFTY,
  tsEvent: ts,
  sources: [
    { source: 'ml' as const, status: 'ok', direction: ml },
    { source: 'technical' as const, status: 'ok', direction: technical },
    { source: 'priceAction' as const, status: 'not-available', direction: 'long' as const },
  ],
});

describe('source hit rates and the ensemble weights they give', () => {
  it('has no opinion until a call resolves; then a source that is right gains weight and one that is wrong loses it', () => {
    const m = barMarket({ [NIFTY]: bars });
    const h = new HitRates({ market: m.access, defaults: DEFAULTS });
    expect(h.weights()).toBeUndefined();
    for (let i = 5; i < 25; i++) {
      const now = m.closeOf(NIFTY, i);
      m.setNow(now);
      h.observe(signal(now, 'long', 'short'));
      // Two bots on the same bar count once.
      h.observe(signal(now, 'long', 'short'));
      h.resolve(now);
    }
    const w = h.weights()!;
    // 17 calls resolved (bars 5..21 against 8..24): ML right every time, technical never. ML: (17 + 5) / (17 + 10) → ×1.31,
    // technical 5 / 27 → ×0.69, then normalised: 0.526, 0.206, 0.2, 0.1 over 1.032.
    expect(w.basis).toBe('weights by hit rate (last 50 calls per source, close 15 min later): ml 0.51 (right 17 of 17), technical 0.20 (right 0 of 17), priceAction 0.19 (no calls yet), confirmation 0.10 (no calls yet)');
    expect(Object.values(w.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w.weights.ml).toBeGreaterThan(DEFAULTS.ml);
    expect(w.weights.technical).toBeLessThan(DEFAULTS.technical);
  });

  it('drops a call whose outcome bar never came (the session ended) and survives a restart', () => {
    const m = barMarket({ [NIFTY]: bars.slice(0, 20) });
    const h = new HitRates({ market: m.access, defaults: DEFAULTS });
    m.setNow(m.closeOf(NIFTY, 18));
    h.observe(signal(m.closeOf(NIFTY, 18), 'long'));
    h.observe(signal(m.closeOf(NIFTY, 10), 'short'));
    expect(h.resolve(m.closeOf(NIFTY, 18) + 3_600_000)).toBe(true);
    expect(h.weights()).toBeUndefined();
    const again = new HitRates({ market: m.access, defaults: DEFAULTS });
    expect(again.restore(JSON.parse(JSON.stringify(h.snapshot())))).toBeUndefined();
    expect(again.snapshot()).toEqual(h.snapshot());
    expect(again.restore({ pending: 'x' })).toMatch(/^hit-rate state unreadable \(.+\): starting afresh$/);
  });
});
