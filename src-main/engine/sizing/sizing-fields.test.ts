import { describe, expect, it } from 'vitest';
import { sizingPolicySchema } from '#risk/sizing/policy';
import { sizingPolicyViews } from './sizing-fields.ts';

describe('the sizing policies as the bot editor shows them', () => {
  it('lists every policy of the schema with its fields, ranges and defaults read off the schema', () => {
    const views = sizingPolicyViews();
    expect(views.map((v) => v.policy)).toEqual(sizingPolicySchema.options.map((o) => o.shape.policy.value));
    const kelly = views.find((v) => v.policy === 'kelly')!;
    expect(kelly.fields.map((f) => f.key)).toEqual(['fraction', 'maxRiskPct', 'minTrades', 'lotsUntilMinTrades', 'stopPct', 'confidence']);
    expect(kelly.fields.find((f) => f.key === 'fraction')).toMatchObject({ kind: 'number', default: 0.5, min: 0, max: 1 });
    // An integer with no upper bound shows none rather than 2^53.
    expect(kelly.fields.find((f) => f.key === 'minTrades')).toEqual(expect.objectContaining({ kind: 'number', default: 30, min: 10, integer: true }));
    expect(kelly.fields.find((f) => f.key === 'minTrades')).not.toHaveProperty('max');
    expect(views.find((v) => v.policy === 'volatility-scaled')!.fields.find((f) => f.key === 'measure')).toMatchObject({ kind: 'choice', options: ['atr', 'iv'] });
    expect(views.find((v) => v.policy === 'fixed-lots')!.fields).toEqual([
      expect.objectContaining({ key: 'lots', kind: 'number', min: 1, max: 1000, integer: true, default: 1 }),
      expect.objectContaining({ key: 'confidence', kind: 'boolean', default: false }),
    ]);
  });

  it('gives defaults every policy accepts as they are', () => {
    for (const v of sizingPolicyViews()) {
      const policy = { policy: v.policy, ...Object.fromEntries(v.fields.map((f) => [f.key, f.kind === 'boolean' ? (f.default ? {} : null) : f.default])) };
      expect(sizingPolicySchema.safeParse(policy).success, v.policy).toBe(true);
    }
  });
});
