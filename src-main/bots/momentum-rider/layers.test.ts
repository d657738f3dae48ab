import { describe, expect, it } from 'vitest';
import { instrumentId } from '#model/ids';
import type { Bar } from '#model/bar';
import { hasDivergence, momentumLayer, rangeLayer, volumeLayer } from './layers.ts';
import { predictiveRange, supportingBoundary } from './predictive-range.ts';
import { primarySignal } from './primary.ts';

const ID = instrumentId('NFO', 'NIFTY26AUGFUT');
const bar = (i: number, close: number, volume = 0, range = 10): Bar => ({
  instrumentId: ID,
  timeframe: '5m',
  tsStart: i * 300_000,
  open: close,
  high: close + range / 2,
  low: close - range / 2,
  close,
  volume,
  closed: true,
});
/** 21 flat bars of 10,000 units at 25,000, then one bar moving `pct` % on `volume`. */
const series = (pct: number, volume: number): Bar[] => [...Array.from({ length: 21 }, (_, i) => bar(i, 25_000, 10_000)), bar(21, 25_000 * (1 + pct / 100), volume)];
const rule = { minMovePct: 0.45, volumeMultiple: 2, volumeAvgBars: 20, volumeMissing: 'not-applicable' as const };

describe('primary signal: a move above 0.45 % with volume above 2× average', () => {
  it('applies the volume half when the bars carry volume (a futures series)', () => {
    const yes = primarySignal(series(0.5, 25_000), ID, rule)!;
    expect(yes).toMatchObject({ direction: 'long', volumeRatio: 2.5, gate: { passed: true, reason: 'volume 25000 is 2.50× the 20-bar average > 2×' }, notes: [] });
    expect(primarySignal(series(-0.5, 15_000), ID, rule)).toMatchObject({ direction: 'short', gate: { passed: false, reason: 'volume 15000 is 1.50× the 20-bar average ≤ 2×' } });
  });

  it('is no signal at or below the move threshold, whatever the volume', () => {
    expect(primarySignal(series(0.45, 50_000), ID, rule)).toBeUndefined();
    expect(primarySignal(series(-0.3, 50_000), ID, rule)).toBeUndefined();
  });

  it('without volume reports the rule not applicable, or blocks when told to', () => {
    expect(primarySignal(series(0.5, 0).map((b) => ({ ...b, volume: 0 })), ID, rule)).toMatchObject({ gate: undefined, notes: [expect.stringMatching(/not applicable/)] });
    expect(primarySignal(series(0.5, 0).map((b) => ({ ...b, volume: 0 })), ID, { ...rule, volumeMissing: 'block' })!.gate).toMatchObject({ passed: false });
  });
});

describe('confirmation layers', () => {
  it('volume sustained: the share of the last 3 bars above the average before them; left out without volume', () => {
    const bars = [...Array.from({ length: 20 }, (_, i) => bar(i, 25_000, 10_000)), bar(20, 25_000, 20_000), bar(21, 25_000, 5_000), bar(22, 25_000, 30_000)];
    expect(volumeLayer(bars, ID, { sustain: 3, avgBars: 20 }).layer).toEqual({ name: 'volume sustained', score: 2 / 3, detail: '2 of the last 3 bars above the 20-bar average 10000' });
    expect(volumeLayer(bars.map((b) => ({ ...b, volume: 0 })), ID, { sustain: 3, avgBars: 20 })).toMatchObject({ layer: undefined, note: expect.stringMatching(/^confirmation layer "volume sustained over 3 bars": not applicable/) });
  });

  it('momentum alignment: a third each for RSI in 30–70, MACD histogram with the trade, no divergence', () => {
    const o = { rsiMin: 30, rsiMax: 70 };
    expect(momentumLayer({ rsi: 55, macdHistogram: 2 }, false, 'long', o).score).toBeCloseTo(1, 10);
    expect(momentumLayer({ rsi: 75, macdHistogram: 2 }, false, 'long', o).score).toBeCloseTo(2 / 3, 10);
    expect(momentumLayer({ rsi: 55, macdHistogram: 2 }, false, 'short', o).score).toBeCloseTo(2 / 3, 10);
    expect(momentumLayer({ rsi: 55, macdHistogram: -2 }, true, 'long', o)).toMatchObject({ score: 1 / 3, detail: 'RSI 55.0 inside 30–70, MACD histogram -2.00 against the trade, bearish RSI divergence' });
  });

  it('divergence: a higher high on weaker momentum is bearish for a long', () => {
    // A fast rise to 100 then a slow grind to a marginally higher high: RSI peaks lower the second time.
    const closes = [...Array.from({ length: 15 }, (_, i) => 90 - i * 0.1), ...[95, 100, 98, 97, 96, 97, 98, 99, 99.5, 99.8], ...[99.6, 99.7, 99.8, 99.9, 100, 100.05, 100.1, 100.1, 100.15, 100.2]];
    const bars = closes.map((c, i) => bar(i, c, 0, 0.2));
    expect(hasDivergence(bars, 'long', 14, 10)).toBe(true);
    expect(hasDivergence(bars, 'short', 14, 10)).toBe(false);
    expect(hasDivergence(bars.slice(0, 12), 'long', 14, 10)).toBeUndefined();
  });

  it('predictive range: the centre steps by ATR × factor, the supporting boundary sits below a long', () => {
    const flat = Array.from({ length: 20 }, (_, i) => bar(i, 1_000, 0, 10));
    const r = predictiveRange(flat, 14, 2)!;
    expect(r.average).toBe(1_000);
    expect(r.atr).toBeCloseTo(10, 10);
    expect(r.levels).toEqual([980, 990, 1_000, 1_010, 1_020]);
    expect(supportingBoundary(r, 1_013, 'long')).toEqual({ level: 1_010, distanceAtr: expect.closeTo(0.3, 10) });
    expect(supportingBoundary(r, 975, 'long')).toBeUndefined();
    // A close 30 above the centre is beyond one step: the centre moves up by one step of the new ATR
    // (true range 35 from the previous close: (13 × 10 + 35) / 14).
    const up = predictiveRange([...flat, bar(20, 1_030, 0, 10)], 14, 2)!;
    expect(up.average).toBeCloseTo(1_000 + (2 * (13 * 10 + 35)) / 14, 10);
    expect(rangeLayer([...flat, bar(20, 1_004, 0, 10)], 'long', { atrPeriod: 14, factor: 2, entryAtr: 0.5 }).score).toBe(1);
    expect(rangeLayer([...flat, bar(20, 1_008, 0, 10)], 'long', { atrPeriod: 14, factor: 2, entryAtr: 0.5 }).score).toBeCloseTo(0.4, 1);
  });
});
