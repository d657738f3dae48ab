import { describe, expect, it } from 'vitest';
import type { LimitUsageDto } from '#contract/trading-dto';
import { barWidth, groupByScope, scopeTitle, usageLevel, usageText } from './limit-bars.ts';

const u = (scope: string, used: number, limit: number, unit = 'rupees', pct: number | null = limit > 0 ? (Math.abs(used) / limit) * 100 : null): LimitUsageDto => ({ check: 'daily-loss', scope, label: 'x', unit, used, limit, pct });

describe('limit usage bars', () => {
  it('marks near at 75 % and over at 100 %, and a used limit of 0 as over', () => {
    expect(usageLevel(u('portfolio', 10, 100))).toBe('ok');
    expect(usageLevel(u('portfolio', 75, 100))).toBe('near');
    expect(usageLevel(u('portfolio', 120, 100))).toBe('over');
    expect(usageLevel(u('portfolio', 1, 0))).toBe('over');
    expect(barWidth(u('portfolio', 120, 100))).toBe(100);
    expect(barWidth(u('portfolio', -30, 100))).toBe(30);
  });

  it('writes the use in the limit unit with Indian grouping, keeping a short Greek negative', () => {
    expect(usageText(u('portfolio', 125_000, 500_000))).toBe('₹1,25,000 of ₹5,00,000');
    expect(usageText(u('portfolio', -1.234, 10, 'lots'))).toBe('−1.23 lots of 10 lots');
    expect(usageText(u('portfolio', -735.4, 10_000, 'rupees-per-iv-point'))).toBe('−₹735/IV pt of ₹10,000/IV pt');
    expect(usageText(u('portfolio', 3, 9, 'orders-per-second'))).toBe('3/s of 9/s');
  });

  it('orders scopes portfolio, underlyings, bots, trader', () => {
    const g = groupByScope([u('bot:b', 1, 2), u('trader', 1, 2), u('portfolio', 1, 2), u('underlying:NIFTY', 1, 2), u('bot:a', 1, 2), u('portfolio', 2, 3)]);
    expect(g.map((x) => x.scope)).toEqual(['portfolio', 'underlying:NIFTY', 'bot:a', 'bot:b', 'trader']);
    expect(g[0]!.limits).toHaveLength(2);
    expect(scopeTitle('bot:a')).toBe('Bot a');
  });
});
