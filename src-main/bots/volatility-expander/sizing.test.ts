import { describe, expect, it } from 'vitest';
import { premiumLots } from './sizing.ts';

const capital = { allocation: 5_000_000, deployed: 0, maxLots: 10, maxPositions: 4 };
const budget = { perTradePct: 1, perDayPct: 5, deployedToday: 0 };
const noEvent = { event: undefined, sizeFactor: 1 };

describe('volatility expander sizing: premium, 1 % a trade, 5 % a day', () => {
  it('whole lots of the 1 % budget: ₹50,000 at ₹20,471 a lot is 2 lots', () => {
    expect(premiumLots(20_471, budget, capital, noEvent)).toEqual({ lots: 2, notes: [], gate: { name: 'size', passed: true, reason: '2 lot(s): 1 % of ₹50,00,000 = ₹50,000 at ₹20,471 a lot' } });
  });

  it('cuts to what is left of the day, the lot cap and free funds; refuses when no whole lot fits', () => {
    expect(premiumLots(20_471, { ...budget, deployedToday: 220_000 }, capital, noEvent)).toMatchObject({ lots: 1, notes: ["lots cut from 2 to 1: ₹30,000 left of today's 5 % (₹2,50,000)"] });
    expect(premiumLots(20_471, budget, { ...capital, maxLots: 1 }, noEvent)).toMatchObject({ lots: 1 });
    expect(premiumLots(20_471, budget, { ...capital, availableFunds: 30_000 }, noEvent)).toMatchObject({ lots: 1, notes: ['lots cut from 2 to 1: ₹30,000 free (allocation and broker funds)'] });
    expect(premiumLots(60_000, budget, capital, noEvent).gate).toEqual({ name: 'size', passed: false, reason: 'no whole lot affordable: one lot costs more than 1 % of ₹50,00,000 = ₹50,000 (₹60,000 a lot)' });
    expect(premiumLots(20_471, budget, capital, { event: 'Budget', sizeFactor: 0.4 })).toMatchObject({ lots: 0, gate: { passed: false, reason: 'no whole lot affordable: event day (Budget): 2 lot(s) × 0.4 = 0 (₹20,471 a lot)' } });
  });
});
