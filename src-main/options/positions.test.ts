import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { bsm } from './black.ts';
import { yearsToExpiry } from './expiry.ts';
import { breakevens, maxProfitLoss, payoffCurve, portfolioGreeks, shockTable, type Leg, type MarketState } from './positions.ts';
import { expectedMove, ivPercentile, ivRank, probabilityAbove, probabilityInRange } from './iv-stats.ts';

const expiry = istToEpoch(2026, 8, 25, 15, 30);
const m: MarketState = { spot: 25_000, now: istToEpoch(2026, 8, 18, 15, 30), r: 0.05, q: 0 };
const leg = (id: string, right: 'CE' | 'PE', strike: number, quantity: number, entryPrice: number, strategy = 'condor'): Leg => ({
  id,
  strategy,
  kind: 'option',
  right,
  strike,
  expiry,
  quantity,
  entryPrice,
  iv: 0.14,
});

// Short iron condor, 1 lot of 65: sell 24 800 PE @ 60 and 25 200 CE @ 55, buy 24 600 PE @ 25 and 25 400 CE @ 20.
const condor = [leg('sp', 'PE', 24_800, -65, 60), leg('bp', 'PE', 24_600, 65, 25), leg('sc', 'CE', 25_200, -65, 55), leg('bc', 'CE', 25_400, 65, 20)];
const credit = 60 - 25 + 55 - 20; // 70 per unit

describe('structure payoff at expiry', () => {
  it('max profit = credit × qty, max loss = (wing − credit) × qty, breakevens = short strikes ∓ credit', () => {
    const x = maxProfitLoss(condor, m);
    expect(x.maxProfit).toBeCloseTo(credit * 65, 9);
    expect(x.maxLoss).toBeCloseTo(-(200 - credit) * 65, 9);
    const be = breakevens(condor, m, 24_000, 26_000);
    expect(be).toHaveLength(2);
    expect(be[0]).toBeCloseTo(24_800 - credit, 4);
    expect(be[1]).toBeCloseTo(25_200 + credit, 4);
  });

  it('a short straddle has unbounded loss; a long call unbounded profit', () => {
    const straddle = [leg('c', 'CE', 25_000, -65, 200, 's'), leg('p', 'PE', 25_000, -65, 190, 's')];
    expect(maxProfitLoss(straddle, m)).toEqual({ maxProfit: expect.closeTo(390 * 65, 6) as unknown as number, maxLoss: -Infinity });
    expect(maxProfitLoss([leg('c', 'CE', 25_000, 65, 200, 'l')], m).maxProfit).toBe(Infinity);
  });

  it('T+0 curve lies inside the expiry curve around the short strikes (time value still to decay)', () => {
    const atExpiry = payoffCurve(condor, m, 24_000, 26_000, 41, 'expiry');
    const now = payoffCurve(condor, m, 24_000, 26_000, 41, 't0');
    const mid = atExpiry.findIndex((p) => p.spot === 25_000);
    expect(now[mid]!.pnl).toBeLessThan(atExpiry[mid]!.pnl);
    expect(atExpiry[mid]!.pnl).toBeCloseTo(credit * 65, 9);
  });
});

describe('portfolio Greeks', () => {
  it('sums per-leg Greeks into per-strategy and total; leg values equal BSM × quantity', () => {
    const legs = [...condor, { ...leg('hedge', 'CE', 25_000, 65, 180, 'hedge') }];
    const g = portfolioGreeks(legs, m);
    const T = (expiry - m.now) / (365 * 86_400_000);
    const sc = bsm('CE', 25_000, 25_200, T, 0.05, 0, 0.14);
    expect(g.perLeg.get('sc')!.delta).toBeCloseTo(-65 * sc.delta, 12);
    expect(g.perLeg.get('sc')!.vega).toBeCloseTo(-65 * sc.vega * 0.01, 12);
    expect(g.perLeg.get('sc')!.theta).toBeCloseTo((-65 * sc.theta) / 365, 12);
    const condorDelta = condor.reduce((s, l) => s + g.perLeg.get(l.id)!.delta, 0);
    expect(g.perStrategy.get('condor')!.delta).toBeCloseTo(condorDelta, 12);
    expect(g.total.delta).toBeCloseTo(condorDelta + g.perLeg.get('hedge')!.delta, 12);
    expect(g.perStrategy.get('condor')!.theta).toBeGreaterThan(0); // short premium earns decay
    expect(g.perStrategy.get('condor')!.vega).toBeLessThan(0);
  });
});

describe('time basis of theta', () => {
  // A 30-day NIFTY call on Tue 4 Aug 2026 at 12:00, between Mon 3 and Wed 5 Aug (trading days both).
  const now = istToEpoch(2026, 8, 4, 12, 0);
  const dayBefore = istToEpoch(2026, 8, 3, 12, 0);
  const dayAfter = istToEpoch(2026, 8, 5, 12, 0);
  const call: Leg = { id: 'c', kind: 'option', right: 'CE', strike: 25_000, expiry: istToEpoch(2026, 9, 3, 15, 30), quantity: 65, entryPrice: 0, iv: 0.18 };
  const valueAt = (at: number, basis: 'calendar' | 'trading'): number => payoffCurve([call], { spot: 25_000, now: at, r: 0.05, q: 0, basis }, 25_000, 25_000, 1, 't0')[0]!.pnl;

  it('trading basis: T in trading years and theta per trading day, not a calendar-year theta ÷ 252', () => {
    const m: MarketState = { spot: 25_000, now, r: 0.05, q: 0, basis: 'trading' };
    const T = yearsToExpiry(now, call.expiry, 'trading');
    expect(portfolioGreeks([call], m).total.theta).toBeCloseTo((65 * bsm('CE', 25_000, 25_000, T, 0.05, 0, 0.18).theta) / 252, 9);
  });

  it('theta is the value one day of its basis takes away (central difference over Mon → Wed, 0.1 %)', () => {
    for (const basis of ['calendar', 'trading'] as const) {
      const theta = portfolioGreeks([call], { spot: 25_000, now, r: 0.05, q: 0, basis }).total.theta;
      const perDay = (valueAt(dayAfter, basis) - valueAt(dayBefore, basis)) / 2;
      expect(Math.abs(perDay / theta - 1)).toBeLessThan(1e-3);
    }
  });
});

describe('shock table', () => {
  it('has spot ±1/2/3 % × IV ±2/5 points; the centre is zero and a short condor loses on big moves and IV up', () => {
    const t = shockTable(condor, m);
    expect(t.spotShocks).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(t.ivShocks).toEqual([-5, -2, 0, 2, 5]);
    expect(t.pnl[3]![2]).toBe(0);
    expect(t.pnl[0]![2]).toBeLessThan(0);
    expect(t.pnl[6]![2]).toBeLessThan(0);
    expect(t.pnl[3]![4]).toBeLessThan(0);
    expect(t.pnl[3]![0]).toBeGreaterThan(0);
  });
});

describe('IV statistics', () => {
  const history = [0.1, 0.12, 0.15, 0.2, 0.11, 0.13];
  it('IV rank and percentile', () => {
    expect(ivRank(history, 0.15)).toBeCloseTo(50, 12);
    expect(ivPercentile(history, 0.15)).toBeCloseTo((4 / 6) * 100, 12); // 0.15 itself is not below
    expect(ivPercentile([0.12, 0.12, 0.12], 0.12)).toBe(0);
    expect(ivRank([0.1, 0.1], 0.1)).toBeUndefined();
  });
  it('expected move and probability in range', () => {
    expect(expectedMove(25_000, 0.16, 7 / 365)).toBeCloseTo(25_000 * 0.16 * Math.sqrt(7 / 365), 9);
    expect(probabilityAbove(25_000, 25_000, 0.16, 7 / 365)).toBeLessThan(0.5);
    const em = expectedMove(25_000, 0.16, 7 / 365);
    // ±1 σ in log terms holds ≈ 68.27 %; the linear band is close to it.
    expect(probabilityInRange(25_000, 25_000 - em, 25_000 + em, 0.16, 7 / 365)).toBeCloseTo(0.6827, 2);
    expect(probabilityInRange(25_000, 0.0001, 1e9, 0.16, 7 / 365)).toBeCloseTo(1, 12);
  });
});
