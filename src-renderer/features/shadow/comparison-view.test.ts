import { describe, expect, it } from 'vitest';
import type { ComparisonDto, VariantDto } from '#contract/risk-analytics-dto';
import { promoteWarning, settingsSummary, tradingTag, verdictTone } from './comparison-view.ts';

const side = { netPnl: 0, charges: 0, trades: 0, hitRate: 0, maxDrawdown: 0, slippagePerUnit: null, daily: [] };
const cmp = (kind: ComparisonDto['verdict']['kind'], reason = 'r'): ComparisonDto => ({ days: [], real: side, variant: side, test: null, verdict: { kind, reason } });
const variant = (settings: Record<string, unknown>): VariantDto => ({ variantId: 'b~x', botId: 'b', label: 'x', settings, status: 'running', tsCreated: 0, tsEnded: null });

describe('the shadow A/B view', () => {
  it("tags a running variant its own risk layer holds back, and nothing else", () => {
    const v = variant({});
    expect(tradingTag({ ...v, trading: { state: 'halted', cause: 'daily-loss' } })).toEqual({ state: 'halted', text: 'halted (daily-loss)' });
    expect(tradingTag({ ...v, trading: { state: 'reducing', cause: null } })).toEqual({ state: 'reducing', text: 'reducing' });
    expect(tradingTag({ ...v, trading: { state: 'active', cause: null } })).toBeUndefined();
    expect(tradingTag(v)).toBeUndefined();
    expect(tradingTag({ ...v, status: 'stopped', trading: { state: 'halted', cause: 'kill-switch' } })).toBeUndefined();
  });

  it('says in one line what a variant changes', () => {
    expect(settingsSummary(variant({ params: { riskPct: 2, underlyings: ['NIFTY', 'SENSEX'] }, sizing: { policy: 'kelly', stopPct: 50 } }))).toBe('riskPct 2 · underlyings NIFTY+SENSEX · sizing kelly');
    expect(settingsSummary(variant({ sizing: null }))).toBe('no sizing policy');
    expect(settingsSummary(variant({}))).toBe('the bot’s own settings');
  });

  it('warns before a promotion unless the variant did significantly better', () => {
    expect(promoteWarning(cmp('variant-better'))).toBeUndefined();
    expect(verdictTone(cmp('variant-better'))).toBe('good');
    expect(promoteWarning(cmp('insufficient', 'not enough to judge yet: 3 of 20 sessions'))).toBe('There is no verdict yet (not enough to judge yet: 3 of 20 sessions). Promoting now acts on noise.');
    expect(promoteWarning(cmp('real-better', 'the bot made more'))).toMatch(/^The bot did better/);
    expect(verdictTone(cmp('real-better'))).toBe('bad');
    expect(promoteWarning(cmp('no-difference', 'p = 0.4'))).toBe('No significant difference (p = 0.4).');
    expect(promoteWarning(undefined)).toMatch(/could not be read/);
  });
});
