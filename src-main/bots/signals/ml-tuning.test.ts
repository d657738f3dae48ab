import { describe, expect, it } from 'vitest';
import { instrumentId } from '#model/ids';
import { combine } from './ensemble.ts';
import type { MlTuning } from './ml-source.ts';
import { decide, type RuleEvaluation } from './pipeline.ts';
import { available, type SourceView } from './source.ts';
import { DEFAULT_VALIDATOR_RULES, scaleEntryThresholds } from './validator.ts';

const WEIGHTS = { ml: 0.1, technical: 0.6, priceAction: 0.2, confirmation: 0.1 };
const mlWith = (tuning: MlTuning, direction: 'long' | 'short' = 'long', score = 0.7): SourceView => ({ ...available('ml', direction, score, 'models'), ...tuning });

describe('the ML layer’s learners in the ensemble and the validator', () => {
  it('uses the hit-rate weights the ML view carries, says so, and stores the views without them', () => {
    const views = [mlWith({ adaptiveWeights: { weights: WEIGHTS, basis: 'weights by hit rate: …' } }), available('technical', 'short', 0.5, ''), available('priceAction', 'long', 1, '')];
    const r = combine(views);
    expect(r.sources.map((s) => s.weight)).toEqual([0.1, 0.6, 0.2]);
    r.sources.forEach((s, i) => expect(s.effectiveWeight).toBeCloseTo([0.1, 0.6, 0.2][i]! / 0.9, 12));
    expect(r.combined.direction).toBe('short');
    expect(r.notes[0]).toBe('weights by hit rate: …');
    expect(r.sources.some((s) => 'adaptiveWeights' in s || 'adaptiveThresholds' in s)).toBe(false);
    // Weights the caller gives win; without a learner the defaults stand, as before.
    expect(combine(views, { ml: 0.4, technical: 0.3, priceAction: 0.2, confirmation: 0.1 }).combined.direction).toBe('long');
    expect(combine([available('ml', 'long', 0.7, ''), available('technical', 'short', 0.5, '')]).sources.map((s) => s.weight)).toEqual([0.4, 0.3]);
  });

  it('moves an entry’s consensus and combined-score lines by the bandit’s multiplier, and says so', () => {
    const base: RuleEvaluation = {
      kind: 'entry',
      rule: 'momentum-rider/entry',
      underlying: instrumentId('NSE_INDEX', 'NIFTY'),
      direction: 'long',
      strength: 0.8,
      inputs: {},
      // Combined (0.4 × 0.9 + 0.3 × 0.8) / 0.9 = 0.667: over the 0.65 line, under 0.65 × 1.1.
      sources: [available('ml', 'long', 0.9, ''), available('technical', 'long', 0.8, ''), available('priceAction', 'short', 0.2, '')],
      regime: { regime: 'trending', confidence: 0.7, source: 'rules', inputs: {}, reason: '' },
      gates: [],
      validate: 'directional',
      notes: [],
    };
    expect(decide(base).taken).toBe(true);
    const tighter = { ...base, sources: [mlWith({ adaptiveThresholds: { multiplier: 1.1, basis: 'entry thresholds ×1.10 (bandit)' } }, 'long', 0.9), ...base.sources.slice(1)] };
    const d = decide(tighter);
    expect(d.taken).toBe(false);
    expect(d.reason).toMatch(/^combined score 0\.\d\d < 0\.715/);
    expect(d.notes).toContain('entry thresholds ×1.10 (bandit)');
    expect(decide({ ...tighter, kind: 'exit' }).taken).toBe(true);
    // A multiplier outside ±10 % is not from the bandit: ignored.
    expect(decide({ ...base, sources: [mlWith({ adaptiveThresholds: { multiplier: 1.5, basis: 'x' } }, 'long', 0.9), ...base.sources.slice(1)] }).taken).toBe(true);
  });

  it('scales consensus and the combined line only, capped at 1', () => {
    const r = scaleEntryThresholds(DEFAULT_VALIDATOR_RULES, 1.1);
    expect(r.minCombined).toBeCloseTo(0.715, 12);
    expect(r.byRegime.volatile).toEqual({ consensus: 0.77, mlConfidence: 0.6, confirmation: 0.75 });
    expect(scaleEntryThresholds({ ...DEFAULT_VALIDATOR_RULES, minCombined: 0.95 }, 1.1).minCombined).toBe(1);
  });
});
