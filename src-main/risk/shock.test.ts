import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG } from '#config/risk-schema';
import { FakeMarket, niftyFuture, niftyOption, T0 } from './test-support.ts';
import { worstShock, shockGrid } from './shock.ts';
import { legGreeks, legValue, valueLegs, type BookLeg } from './valuation.ts';
import { instrumentId } from '#model/ids';
import type { FutureInstrument } from '#model/instrument';

/**
 * Reference: py_vollib tests/test_data.json (src-main/options/fixtures/py_vollib-test_data.json, MIT),
 * rows K=1000, R=0.05, t=0.5, v=0.3 at S = 950, 1000, 1050. They are Black–Scholes on spot, which is
 * Black-76 on F = S·e^{rT} (market.md §3.1), exactly what the risk valuation uses.
 *   S=950:  call 69.28198174, put 94.59189377
 *   S=1000: call 96.34876628, put 71.65867831; CD 0.588589114, CG 0.001834072, CV 275.110741/1.00, CT −107.1452397/yr
 *   S=1050: call 127.985501,  put 53.29541299
 */
const HALF_YEAR_MS = 262_800 * 60_000; // 0.5 × 525,600 minutes: yearsToExpiry gives exactly 0.5
const expiry = T0 + HALF_YEAR_MS;
const call = niftyOption(1000, 'CE', expiry);
const put = niftyOption(1000, 'PE', expiry);
const LOT = call.lotSize;

function market(): FakeMarket {
  const m = new FakeMarket();
  m.spots.set('NIFTY', 1000);
  m.marks.set(call.id, 96.34876628);
  m.marks.set(put.id, 71.65867831);
  return m;
}

const valued = (legs: BookLeg[], m = market()) => {
  const v = valueLegs(legs, m, 0.05, T0);
  if (!v.ok) throw new Error(v.error.message);
  return v.value;
};

describe('valuation against the py_vollib grid', () => {
  it('solves the IV back from the mark and reprices the S=950 and S=1050 rows under a ±5 % spot move', () => {
    const [c, p] = valued([
      { instrument: call, quantity: 1, mark: 96.34876628 },
      { instrument: put, quantity: 1, mark: 71.65867831 },
    ]);
    expect(c!.option!.iv).toBeCloseTo(0.3, 7);
    expect(legValue(c!, -5)).toBeCloseTo(69.28198174, 6);
    expect(legValue(p!, -5)).toBeCloseTo(94.59189377, 6);
    expect(legValue(c!, 5)).toBeCloseTo(127.985501, 5);
    expect(legValue(p!, 5)).toBeCloseTo(53.29541299, 6);
  });

  it('gives risk Greeks in the documented units', () => {
    const [c] = valued([{ instrument: call, quantity: LOT, mark: 96.34876628 }]);
    const g = legGreeks(c!);
    expect(g.deltaLots).toBeCloseTo(0.588589114, 8); // one lot long: N(d1) futures-equivalent lots
    expect(g.gammaLots).toBeCloseTo(0.001834072 * 1000 * 0.01, 8); // Γ·S·1 %, per lot
    expect(g.vega).toBeCloseTo((LOT * 275.110741) / 100, 4); // rupees per IV point
    expect(g.theta).toBeCloseTo((LOT * -107.1452397) / 365, 4); // rupees per calendar day at constant spot
  });

  it('values an expired option at intrinsic and a future one for one with spot', () => {
    const m = market();
    const expired = niftyOption(950, 'CE', T0 - 1);
    const fut: FutureInstrument = { ...niftyFuture(), id: instrumentId('NFO', 'NIFTYFUTX') };
    const [e, f] = valued([
      { instrument: expired, quantity: 2, mark: 50 },
      { instrument: fut, quantity: -3, mark: 1010 },
    ], m);
    expect(legValue(e!)).toBeCloseTo(2 * 50, 9);
    expect(legValue(f!, 2)).toBeCloseTo(-3 * 1010 * 1.02, 9);
    expect(legGreeks(f!).deltaLots).toBeCloseTo(-3 / fut.lotSize, 12);
  });

  it('refuses to value an option without a spot or with a nonsensical price', () => {
    const m = market();
    m.spots.delete('NIFTY');
    const r = valueLegs([{ instrument: call, quantity: 1, mark: 96 }], m, 0.05, T0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('no spot price for NIFTY');
    const above = valueLegs([{ instrument: call, quantity: 1, mark: 5000 }], market(), 0.05, T0);
    expect(above.ok).toBe(false);
  });
});

describe('shock loss, full revaluation', () => {
  it('a short straddle loses 65 × 13.2734694 under +5 % spot (hand-checked from the grid rows)', () => {
    const legs = valued([
      { instrument: call, quantity: -LOT, mark: 96.34876628 },
      { instrument: put, quantity: -LOT, mark: 71.65867831 },
    ]);
    const r = worstShock(legs, { spotPct: 5, ivPoints: 0, spotSteps: 1, maxLoss: 1 });
    // base 96.34876628 + 71.65867831 = 168.00744459; at +5 %: 127.985501 + 53.29541299 = 181.28091399.
    const perUnit = 181.28091399 - 168.00744459;
    expect(perUnit).toBeCloseTo(13.2734694, 7);
    expect(r.worstLoss).toBeCloseTo(LOT * perUnit, 3);
    expect(r.spotPct).toBe(5);
    // −5 %: 69.28198174 + 94.59189377 = 163.87387551 < base, a gain: not the worst.
    expect(legs.reduce((s, l) => s + legValue(l, -5), 0) - legs.reduce((s, l) => s + legValue(l), 0)).toBeCloseTo(LOT * (168.00744459 - 163.87387551), 3);
  });

  it('differs from the delta-gamma approximation, which it must not use', () => {
    const legs = valued([{ instrument: call, quantity: -LOT, mark: 96.34876628 }]);
    const r = worstShock(legs, { spotPct: 5, ivPoints: 0, spotSteps: 1, maxLoss: 1 });
    const dS = 50;
    const deltaGamma = LOT * (0.588589114 * dS + 0.5 * 0.001834072 * dS * dS);
    expect(r.worstLoss).toBeCloseTo(LOT * (127.985501 - 96.34876628), 3);
    expect(Math.abs(r.worstLoss - deltaGamma)).toBeGreaterThan(1);
  });

  it('an IV rise hurts a short straddle more than the spot move alone', () => {
    const legs = valued([
      { instrument: call, quantity: -LOT, mark: 96.34876628 },
      { instrument: put, quantity: -LOT, mark: 71.65867831 },
    ]);
    const spotOnly = worstShock(legs, { spotPct: 5, ivPoints: 0, spotSteps: 1, maxLoss: 1 });
    const withIv = worstShock(legs, { spotPct: 5, ivPoints: 5, spotSteps: 1, maxLoss: 1 });
    expect(withIv.ivPoints).toBe(5);
    expect(withIv.worstLoss).toBeGreaterThan(spotOnly.worstLoss + LOT * 5);
  });

  it('shocks each underlying alone too, so an index spread cannot hide its risk', () => {
    const m = market();
    m.spots.set('BANKNIFTY', 2000);
    const nifty = niftyFuture();
    const bank: FutureInstrument = { ...nifty, id: instrumentId('NFO', 'BANKNIFTY31MAR26FUT'), symbol: 'BANKNIFTY31MAR26FUT', underlying: 'BANKNIFTY', lotSize: 30 };
    const legs = valued([
      { instrument: nifty, quantity: 60, mark: 1000 },
      { instrument: bank, quantity: -30, mark: 2000 },
    ], m);
    const r = worstShock(legs, { spotPct: 3, ivPoints: 0, spotSteps: 1, maxLoss: 1 });
    expect(r.scope).not.toBe('all');
    expect(r.worstLoss).toBeCloseTo(60 * 1000 * 0.03, 6);
  });

  it('builds the grid from the config: steps each side of zero, IV down, flat and up', () => {
    const grid = shockGrid(DEFAULT_RISK_CONFIG.shock);
    expect(grid).toHaveLength((2 * DEFAULT_RISK_CONFIG.shock.spotSteps + 1) * 3);
    expect(grid.map((g) => g.spotPct)).toContain(-DEFAULT_RISK_CONFIG.shock.spotPct);
    expect(grid.map((g) => g.ivPoints)).toContain(DEFAULT_RISK_CONFIG.shock.ivPoints);
  });
});
