import { describe, expect, it } from 'vitest';
import { riskSnapshot, type LimitUsage } from './limit-usage.ts';
import { BOT_A, BOT_B, harness, limitsWith, niftyOption, proposal, T0 } from './test-support.ts';

const call = niftyOption(23_000, 'CE');
const put = niftyOption(23_000, 'PE');

const row = (rows: readonly LimitUsage[], label: string, scope = 'portfolio') => rows.find((r) => r.label.startsWith(label) && r.scope === scope);

describe('limit usage snapshot', () => {
  it('reports each limit with its use and percentage', () => {
    const limits = limitsWith({
      dailyLoss: { limit: 10_000, action: 'reducing', flatten: false },
      bots: { 'bot-a': { capital: 500_000, maxPositions: 2, maxLots: 4, entryWindow: null } },
      stacking: { maxDeltaLots: 5, maxVega: 4_000 },
    });
    const h = harness(limits);
    h.market.marks.set(call.id, 150);
    h.market.marks.set(put.id, 140);
    h.ledger.observe(0, T0 - 1000);
    h.portfolio.positions.push(
      { instrument: call, botId: BOT_A, netQuantity: -65, avgPrice: 150 },
      { instrument: put, botId: BOT_A, netQuantity: -65, avgPrice: 140 },
      { instrument: put, botId: BOT_B, netQuantity: -65, avgPrice: 140 },
    );
    h.portfolio.realisedPnl = -2_500;
    for (let i = 0; i < 3; i++) h.gate.recordSent(proposal({ instrument: call, ts: T0 - 100 }));
    const s = riskSnapshot({ ledger: h.ledger, portfolio: h.portfolio, market: h.market, rate: h.rate }, T0);
    expect(s.state.state).toBe('active');
    expect(s.dayPnl).toBe(-2_500);
    expect(row(s.limits, "Day's loss")).toEqual({ check: 'daily-loss', scope: 'portfolio', label: "Day's loss", unit: 'rupees', used: 2_500, limit: 10_000, pct: 25 });
    expect(row(s.limits, 'Orders in the last second')).toMatchObject({ used: 3, limit: 10, pct: 30 });
    expect(row(s.limits, 'Open lots', 'bot:bot-a')).toMatchObject({ used: 2, limit: 4, pct: 50 });
    expect(row(s.limits, 'Open positions', 'bot:bot-a')).toMatchObject({ used: 2, limit: 2, pct: 100 });
    expect(row(s.limits, 'Net delta', 'underlying:NIFTY')?.unit).toBe('lots');
    expect(row(s.limits, 'Net vega')?.used).toBeLessThan(0);
    expect(row(s.limits, 'Stacked short vega (bot-a, bot-b)', 'underlying:NIFTY')?.used).toBeGreaterThan(0);
    expect(row(s.limits, 'Worst loss')?.used).toBeGreaterThan(0);
    expect(row(s.limits, 'Capital in use', 'bot:bot-a')?.used).toBeGreaterThan(0);
    expect(s.unvalued).toBeUndefined();
  });

  it('says why the valuation rows are missing when a leg has no price', () => {
    const h = harness();
    h.portfolio.positions.push({ instrument: call, netQuantity: -65, avgPrice: 150 });
    const s = riskSnapshot({ ledger: h.ledger, portfolio: h.portfolio, market: h.market, rate: h.rate }, T0);
    expect(s.unvalued).toContain(call.symbol);
    expect(row(s.limits, 'Net vega')).toBeUndefined();
    expect(row(s.limits, 'Open lots', 'trader')).toMatchObject({ used: 1 });
  });
});
