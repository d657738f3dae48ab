import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG } from '#config/risk-schema';
import { payoff } from './payoff.ts';
import { shockTable } from './shock.ts';
import { bankniftyOption, FakeMarket, niftyOption, T0 } from './test-support.ts';
import { legValue, valueLegs, type BookLeg } from './valuation.ts';

const call = niftyOption(23_000, 'CE');
const put = niftyOption(23_000, 'PE');

function straddle(shortQty = -65) {
  const m = new FakeMarket();
  m.spots.set('NIFTY', 23_000);
  m.marks.set(call.id, 210);
  m.marks.set(put.id, 190);
  const legs: BookLeg[] = [
    { instrument: call, quantity: shortQty, mark: 210 },
    { instrument: put, quantity: shortQty, mark: 190 },
  ];
  const v = valueLegs(legs, m, 0.065, T0);
  if (!v.ok) throw new Error(v.error.message);
  return v.value;
}

describe('payoff of a structure', () => {
  it('draws a short straddle sold at 400: the tent peaks at the strike, breakevens at strike ∓ the premium', () => {
    const [c, p] = straddle();
    const r = payoff([
      { leg: c!, avgPrice: 220 },
      { leg: p!, avgPrice: 180 },
    ]);
    if (!r.ok) throw new Error(r.error);
    const { points, breakevens } = r.value;
    const atStrike = points.reduce((best, x) => (Math.abs(x.spot - 23_000) < Math.abs(best.spot - 23_000) ? x : best));
    // At the strike both legs expire worthless: the whole premium (220 + 180) × 65 is kept.
    expect(atStrike.atExpiry).toBeCloseTo(400 * 65, 6);
    expect(breakevens).toHaveLength(2);
    expect(breakevens[0]).toBeCloseTo(22_600, 6);
    expect(breakevens[1]).toBeCloseTo(23_400, 6);
    // T+0 at today's spot is the marked-to-market P&L: sold at 400, marked at 400 (210 + 190).
    const mid = points[(points.length - 1) / 2]!;
    expect(mid.spot).toBeCloseTo(23_000, 9);
    expect(mid.now).toBeCloseTo(-65 * (210 - 220) + -65 * (190 - 180), 6);
    // Far from the strike the loss grows one for one with spot.
    const last = points.at(-1)!;
    expect(last.atExpiry).toBeCloseTo(400 * 65 - 65 * (last.spot - 23_000), 6);
  });

  it('refuses legs on two underlyings and an empty structure', () => {
    const m = new FakeMarket();
    m.spots.set('NIFTY', 23_000);
    m.spots.set('BANKNIFTY', 50_000);
    const bn = bankniftyOption(50_000, 'CE');
    const v = valueLegs(
      [
        { instrument: call, quantity: 65, mark: 210 },
        { instrument: bn, quantity: 30, mark: 500 },
      ],
      m,
      0.065,
      T0,
    );
    if (!v.ok) throw new Error(v.error.message);
    const r = payoff(v.value.map((leg) => ({ leg, avgPrice: leg.mark })));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('NIFTY and BANKNIFTY');
    expect(payoff([]).ok).toBe(false);
  });
});

describe('shock table', () => {
  it('revalues the legs on the configured grid: a short straddle loses on every large move and on rising IV', () => {
    const legs = straddle();
    const cfg = DEFAULT_RISK_CONFIG.shock;
    const t = shockTable(legs, cfg);
    expect(t.spotPcts).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(t.ivPoints).toEqual([-5, 0, 5]);
    expect(t.pnl[3]![1]).toBeCloseTo(0, 9);
    const up = legs.reduce((s, l) => s + legValue(l, 3, 5), 0) - legs.reduce((s, l) => s + legValue(l), 0);
    expect(t.pnl[6]![2]).toBeCloseTo(up, 9);
    expect(t.pnl[0]![1]).toBeLessThan(0);
    expect(t.pnl[6]![1]).toBeLessThan(0);
    expect(t.pnl[3]![2]).toBeLessThan(0);
    expect(t.pnl[3]![0]).toBeGreaterThan(0);
  });
});
