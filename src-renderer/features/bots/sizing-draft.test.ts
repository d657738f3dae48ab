import { describe, expect, it } from 'vitest';
import type { SizingPolicyDto } from '#contract/risk-analytics-dto';
import { buildSizing, sizingDraftOf } from './sizing-draft.ts';

const kelly: SizingPolicyDto = {
  policy: 'kelly',
  label: 'Kelly fraction',
  description: '',
  fields: [
    { key: 'fraction', kind: 'number', label: 'Kelly fraction', default: 0.5, min: 0, max: 1, step: 0.05 },
    { key: 'minTrades', kind: 'number', label: 'Closed trades needed', default: 30, min: 10, integer: true },
    { key: 'stopPct', kind: 'number', label: 'Stop', default: 30, min: 0, max: 100 },
    { key: 'confidence', kind: 'boolean', label: 'Scale by signal confidence', default: false },
  ],
};
const lots: SizingPolicyDto = { policy: 'fixed-lots', label: 'Fixed lots', description: '', fields: [{ key: 'lots', kind: 'number', label: 'Lots', default: 1, min: 1, max: 1000, integer: true }] };
const policies = [kelly, lots];

describe('the sizing section of the bot editor', () => {
  it('starts from the bot’s own policy, or the schema’s defaults for another one', () => {
    const current = { policy: 'kelly', fraction: 0.25, minTrades: 40, stopPct: 50, confidence: { strongMultiplier: 2 } };
    expect(sizingDraftOf(kelly, current)).toEqual({ fraction: '0.25', minTrades: '40', stopPct: '50', confidence: true });
    expect(sizingDraftOf(lots, current)).toEqual({ lots: '1' });
  });

  it('sends a new or changed policy, null to remove one, nothing when it is the one in force', () => {
    const current = { policy: 'kelly', fraction: 0.25, minTrades: 40, stopPct: 50, confidence: { strongMultiplier: 2 } };
    const same = sizingDraftOf(kelly, current);
    expect(buildSizing(policies, 'kelly', same, current)).toEqual({ errors: {} });
    // The bot's own multipliers are kept while the box stays ticked.
    expect(buildSizing(policies, 'kelly', { ...same, fraction: '0.5' }, current)).toEqual({ sizing: { ...current, fraction: 0.5 }, errors: {} });
    expect(buildSizing(policies, 'kelly', { ...same, confidence: false }, current).sizing).toMatchObject({ confidence: null });
    expect(buildSizing(policies, 'fixed-lots', { lots: '3' }, current)).toEqual({ sizing: { policy: 'fixed-lots', lots: 3 }, errors: {} });
    expect(buildSizing(policies, '', {}, current)).toEqual({ sizing: null, errors: {} });
    expect(buildSizing(policies, '', {}, undefined)).toEqual({ errors: {} });
    expect(buildSizing(policies, 'kelly', { fraction: '0.5', minTrades: '30', stopPct: '30', confidence: true }, undefined).sizing).toEqual({ policy: 'kelly', fraction: 0.5, minTrades: 30, stopPct: 30, confidence: {} });
  });

  it('names a field out of its range under that field', () => {
    expect(buildSizing(policies, 'fixed-lots', { lots: '0' }, undefined)).toEqual({ errors: { 'sizing.lots': 'Must be from 1 to 1,000.' } });
    expect(buildSizing(policies, 'kelly', { fraction: '2', minTrades: '4.5', stopPct: '30', confidence: false }, undefined).errors).toEqual({
      'sizing.fraction': 'Must be from 0 to 1.',
      'sizing.minTrades': 'Must be a whole number.',
    });
  });
});
