import { describe, expect, it } from 'vitest';
import { DEFAULT_REGIME_RULES, ruleRegime } from './regime.ts';

describe('rule-based regime classifier (ADX, ATR, Bollinger bandwidth, VIX)', () => {
  const classify = ruleRegime().classify;

  it('is volatile when VIX, ATR % or bandwidth % is at or past its line, naming each', () => {
    expect(classify({ adx: 30, atrPct: 0.1, bandwidthPct: 0.6, vix: 26.4 })).toMatchObject({ regime: 'volatile', reason: 'VIX 26.40 ≥ 22', confidence: 0.7 });
    expect(classify({ adx: 10, atrPct: 0.3, bandwidthPct: 1.5, vix: 12 })).toMatchObject({ regime: 'volatile', reason: 'ATR 0.300 % ≥ 0.25 %, bandwidth 1.50 % ≥ 1.5 %' });
  });

  it('is trending at ADX 25 and above, ranging below, with confidence growing away from the line', () => {
    expect(classify({ adx: 25, atrPct: 0.1, bandwidthPct: 0.6, vix: 14 })).toMatchObject({ regime: 'trending', confidence: 0.5 });
    expect(classify({ adx: 40, atrPct: 0.1 })).toMatchObject({ regime: 'trending', confidence: 1 });
    expect(classify({ adx: 16, vix: 14 })).toMatchObject({ regime: 'ranging', confidence: 0.8, reason: 'ADX 16.0 < 25, nothing volatile' });
  });

  it('has no answer until ADX is warm, and takes its lines as parameters', () => {
    expect(classify({ vix: 30 })).toBeUndefined();
    expect(ruleRegime({ ...DEFAULT_REGIME_RULES, adxTrending: 15 }).classify({ adx: 16 })?.regime).toBe('trending');
  });
});
