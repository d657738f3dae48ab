import { describe, expect, it } from 'vitest';
import { combine } from './ensemble.ts';
import { available, notApplicable, notAvailable } from './source.ts';
import { DEFAULT_VALIDATOR_RULES, validateDirectional } from './validator.ts';
import type { RegimeReading } from './regime.ts';

const regime = (r: RegimeReading['regime']): RegimeReading => ({ regime: r, confidence: 0.8, source: 'rules', inputs: {}, reason: '' });

describe('weighted ensemble (strategies.md: ML 0.4, technical 0.3, price action 0.2, confirmation 0.1)', () => {
  it('with every source available: direction by weighted confidence, consensus by weight agreeing', () => {
    const r = combine([
      available('ml', 'long', 0.8, ''),
      available('technical', 'long', 0.6, ''),
      available('priceAction', 'short', 0.9, ''),
      available('confirmation', 'neutral', 0.5, ''),
    ]);
    expect(r.combined.direction).toBe('long');
    expect(r.combined.score).toBeCloseTo(0.4 * 0.8 + 0.3 * 0.6, 12);
    expect(r.combined.consensus).toBeCloseTo(0.7, 12);
    expect(r.combined.availableWeight).toBeCloseTo(1, 12);
    expect(r.notes).toEqual([]);
  });

  it('renormalises over the available sources and says which were left out', () => {
    const r = combine([notAvailable('ml', 'no ML model installed'), available('technical', 'short', 0.5, ''), available('priceAction', 'short', 1, ''), notApplicable('confirmation', 'none')]);
    expect(r.sources.map((s) => s.effectiveWeight)).toEqual([0, 0.6, 0.4, 0]);
    expect(r.combined).toMatchObject({ direction: 'short', consensus: 1 });
    expect(r.combined.score).toBeCloseTo(0.6 * 0.5 + 0.4, 12);
    expect(r.combined.availableWeight).toBeCloseTo(0.5, 12);
    expect(r.notes).toEqual(['weights renormalised over technical, priceAction (ml not-available: no ML model installed; confirmation not-applicable: none)']);
  });

  it('a tie, or no source at all, is neutral with no score', () => {
    expect(combine([available('ml', 'long', 0.25, ''), available('confirmation', 'short', 1, '')]).combined).toMatchObject({ direction: 'neutral', score: 0 });
    expect(combine([notAvailable('ml', 'x')])).toMatchObject({ combined: { direction: 'neutral', score: 0, consensus: 0, availableWeight: 0 }, notes: ['no source available: the ensemble has no view'] });
  });
});

describe('validator thresholds by regime', () => {
  const strong = combine([available('technical', 'long', 0.9, ''), available('priceAction', 'long', 0.8, ''), available('confirmation', 'long', 0.7, '')]);

  it('passes a strong agreeing signal in a trending market; the missing ML threshold is said', () => {
    const v = validateDirectional('long', strong.combined, strong.sources, regime('trending'));
    expect(v.passed).toBe(true);
    expect(v.thresholds).toMatchObject({ regime: 'trending', consensus: 0.55, mlConfidence: 0.45, confirmation: 0.6, minCombined: 0.65 });
    expect(v.notes).toEqual(['ML confidence threshold 0.45 not applied: no ML source']);
  });

  it('holds consensus to the regime line: 0.7 when volatile, 0.55 when trending', () => {
    const mixed = combine([available('technical', 'long', 0.9, ''), available('priceAction', 'long', 0.9, ''), available('confirmation', 'short', 0.2, '')]);
    expect(mixed.combined.consensus).toBeCloseTo(5 / 6, 12);
    const twoOfThree = combine([available('ml', 'long', 1, ''), available('technical', 'short', 0.3, ''), available('priceAction', 'long', 1, '')]);
    expect(twoOfThree.combined.consensus).toBeCloseTo(0.6 / 0.9, 12);
    expect(validateDirectional('long', twoOfThree.combined, twoOfThree.sources, regime('volatile')).failures).toEqual(['consensus 0.67 < 0.7 (volatile)']);
    expect(validateDirectional('long', twoOfThree.combined, twoOfThree.sources, regime('trending')).failures).toEqual([]);
  });

  it('holds a high-volatility signal to confirmation 0.75', () => {
    const v = validateDirectional('long', strong.combined, strong.sources, regime('volatile'));
    expect(v.failures).toEqual(['confirmation 0.70 < 0.75 (volatile)']);
  });

  it('fails the opposite direction, a low combined score and a disagreeing ML view, each by name', () => {
    const split = combine([available('technical', 'long', 0.6, ''), available('priceAction', 'short', 0.5, ''), available('ml', 'long', 0.3, '')]);
    const v = validateDirectional('short', split.combined, split.sources, undefined, DEFAULT_VALIDATOR_RULES);
    expect(v.failures).toEqual(['ensemble points long, not short', 'combined score 0.33 < 0.65', 'ML long 0.30 short of short 0.5 (ranging)']);
    expect(v.notes[0]).toBe('regime unknown (its studies are warming up): ranging thresholds used');
  });
});
