import { describe, expect, it } from 'vitest';
import { black76, black76Pair, black76Price, bsm, d1d2, displayGreeks } from './black.ts';
import { normCdf } from './normal.ts';
import { normalisedOtmCall } from './implied-vol.ts';
import reference from './fixtures/reference-values.json' with { type: 'json' };
import grid from './fixtures/py_vollib-test_data.json' with { type: 'json' };
import lbr from './fixtures/lets-be-rational-cpp-vectors.json' with { type: 'json' };

// Vectors: py_vollib (MIT), vollib-ts (MIT), LetsBeRational C++ via lets-be-rational-ts (MIT); see fixtures/LICENSE-*.
type Case = { id: string; inputs: Record<string, number>; expected: Record<string, number> };
const cases = reference.cases as unknown as Case[];
const byId = (id: string): Case => {
  const c = cases.find((x) => x.id === id);
  if (!c) throw new Error(`missing case ${id}`);
  return c;
};
const TOL = 1e-6;

describe('normal CDF against LetsBeRational', () => {
  it('matches every normCdf vector to 1e-13 relative', () => {
    for (const p of lbr.normalDistribution) expect(Math.abs(normCdf(p.z) - p.normCdf)).toBeLessThanOrEqual(1e-13 * p.normCdf);
  });
});

describe('Black–Scholes(-Merton) reference values', () => {
  it('Hull 42/40: d1, d2, call and put', () => {
    const { inputs: i } = byId('hull-bs-42-40');
    const { d1, d2 } = d1d2(i.S! * Math.exp(i.r! * i.t!), i.K!, i.t!, i.sigma!);
    expect(d1).toBeCloseTo(0.7693, 4);
    expect(d2).toBeCloseTo(0.6278, 4);
    expect(Math.abs(bsm('CE', i.S!, i.K!, i.t!, i.r!, 0, i.sigma!).price - 4.759422)).toBeLessThan(TOL);
    expect(Math.abs(bsm('PE', i.S!, i.K!, i.t!, i.r!, 0, i.sigma!).price - 0.808599)).toBeLessThan(1e-6 + 5e-7);
  });

  it('Hull 49/50 Greeks with the unrounded doctest values', () => {
    const c = bsm('CE', 49, 50, 0.3846, 0.05, 0, 0.2);
    const p = bsm('PE', 49, 50, 0.3846, 0.05, 0, 0.2);
    expect(Math.abs(c.delta - 0.521601633972)).toBeLessThan(TOL);
    expect(Math.abs(c.gamma - 0.0655453772525)).toBeLessThan(TOL);
    expect(Math.abs(c.theta - -4.30538996455)).toBeLessThan(TOL);
    expect(Math.abs(p.theta - byId('hull-bs-greeks-49-50').expected.put_theta_per_year!)).toBeLessThan(TOL);
    expect(Math.abs(displayGreeks(c).vega - 0.121052427542)).toBeLessThan(TOL);
    expect(Math.abs(displayGreeks(c).rho - 0.089065740988)).toBeLessThan(TOL);
  });

  it('Haug 60/65 and vollib 100/90 prices', () => {
    expect(Math.abs(bsm('CE', 60, 65, 0.25, 0.08, 0, 0.3).price - byId('haug-bs-60-65').expected.call!)).toBeLessThan(TOL);
    const e = byId('vollib-bs-100-90').expected;
    expect(Math.abs(bsm('CE', 100, 90, 0.5, 0.01, 0, 0.2).price - e.call!)).toBeLessThan(TOL);
    expect(Math.abs(bsm('PE', 100, 90, 0.5, 0.01, 0, 0.2).price - e.put!)).toBeLessThan(TOL);
  });

  it('BSM with dividend yield: Greeks in display units (per point, per calendar day, per %)', () => {
    const e = byId('haug-bsm-q-100-95').expected;
    const c = displayGreeks(bsm('CE', 100, 95, 0.5, 0.1, 0.05, 0.2));
    const p = displayGreeks(bsm('PE', 100, 95, 0.5, 0.1, 0.05, 0.2));
    expect(p.price).toBeCloseTo(2.4648, 4);
    expect(Math.abs(c.delta - e.call_delta!)).toBeLessThan(TOL);
    expect(Math.abs(p.delta - e.put_delta!)).toBeLessThan(TOL);
    expect(Math.abs(c.gamma - e.gamma!)).toBeLessThan(TOL);
    expect(Math.abs(c.vega - e.vega_per_vol_point!)).toBeLessThan(TOL);
    expect(Math.abs(c.theta - e.call_theta_per_day!)).toBeLessThan(TOL);
    expect(Math.abs(p.theta - e.put_theta_per_day!)).toBeLessThan(TOL);
    expect(Math.abs(c.rho - e.call_rho_per_pct!)).toBeLessThan(TOL);
    expect(Math.abs(p.rho - e.put_rho_per_pct!)).toBeLessThan(TOL);
  });

  it('py_vollib grid: all 101 rows, prices and raw Greeks, to 1e-6 absolute', () => {
    const cols = grid.columns;
    const col = (row: number[], name: string): number => row[cols.indexOf(name)]!;
    let checked = 0;
    for (const row of grid.data as number[][]) {
      const [S, K, r, t, v] = ['S', 'K', 'R', 't', 'v'].map((n) => col(row, n)) as [number, number, number, number, number];
      const c = bsm('CE', S, K, t, r, 0, v);
      const p = bsm('PE', S, K, t, r, 0, v);
      // The file prints ~10 significant digits: compare at 1e-6 absolute, scaled for values above 1e3.
      const close = (got: number, want: number): void => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
      close(c.price, col(row, 'call_vals'));
      close(p.price, col(row, 'bs_put'));
      close(c.delta, col(row, 'CD'));
      close(c.gamma, col(row, 'CG'));
      close(c.theta, col(row, 'CT'));
      close(c.vega, col(row, 'CV'));
      close(c.rho, col(row, 'CR'));
      close(p.delta, col(row, 'PD'));
      close(p.theta, col(row, 'PT'));
      close(p.rho, col(row, 'PR'));
      checked++;
    }
    expect(checked).toBe(101);
  });
});

describe('Black-76 reference values', () => {
  it('Haug 19/19 and Hull 620/600, 20/20', () => {
    expect(black76('CE', 19, 19, 0.75, 0.1, 0.28).price).toBeCloseTo(1.701051, 6);
    expect(black76('PE', 19, 19, 0.75, 0.1, 0.28).price).toBeCloseTo(1.701051, 6);
    expect(Math.abs(black76('CE', 620, 600, 0.5, 0.05, 0.2).price - 44.1868533121)).toBeLessThan(TOL);
    expect(Math.abs(black76('PE', 20, 20, 4 / 12, 0.09, 0.25).price - 1.11664145656)).toBeLessThan(TOL);
    expect(Math.abs(d1d2(20, 20, 4 / 12, 0.25).d1 - 0.07216)).toBeLessThan(1e-5); // Hull truncates; the source's tolerance
  });

  it('vollib 100/100 discounted and undiscounted', () => {
    const e = byId('vollib-black76-100').expected;
    expect(Math.abs(black76('CE', 100, 100, 0.5, 0.02, 0.2).price - e.call_discounted!)).toBeLessThan(1e-12);
    expect(Math.abs(black76('CE', 100, 100, 0.5, 0, 0.2).price - e.call_undiscounted!)).toBeLessThan(1e-12);
  });

  it('theta per day in both conventions: calendar ÷365, trading ÷252', () => {
    const g = black76('CE', 49, 50, 0.3846, 0.05, 0.2);
    expect(displayGreeks(g, 'calendar').theta).toBeCloseTo(g.theta / 365, 15);
    expect(displayGreeks(g, 'trading').theta).toBeCloseTo(g.theta / 252, 15);
  });

  it('an expired option (T ≤ 0) is worth its undiscounted intrinsic value, never more', () => {
    for (const T of [0, -1e-6, -0.5, -3]) {
      expect(black76Price('CE', 110, 100, T, 0.1, 0.2)).toBe(10);
      expect(black76Price('PE', 90, 100, T, 0.1, 0.2)).toBe(10);
      expect(black76('CE', 110, 100, T, 0.1, 0.2).price).toBe(10);
      expect(Math.abs(black76('CE', 110, 100, T, 0.1, 0.2).rho)).toBe(0);
      expect(bsm('CE', 110, 100, T, 0.1, 0.02, 0.2).price).toBe(10);
      expect(bsm('PE', 90, 100, T, 0.1, 0.02, 0.2).price).toBe(10);
      expect(black76('PE', 110, 100, T, 0.1, 0.2).price).toBe(0);
    }
  });

  it("the pair of a strike is each right's black76 bit for bit, across the money, the tails, expiry and zero vol", () => {
    let compared = 0;
    for (const K of [50, 90, 99.999, 100, 100.001, 110, 200, 1e4])
      for (const T of [-0.5, 0, 1e-9, 1 / 365, 0.25, 3])
        for (const sigma of [0, 1e-6, 0.05, 0.2, 1.5, Number.NaN])
          for (const r of [0, 0.065]) {
            const pair = black76Pair(100, K, T, r, sigma);
            expect(pair.CE).toStrictEqual(black76('CE', 100, K, T, r, sigma));
            expect(pair.PE).toStrictEqual(black76('PE', 100, K, T, r, sigma));
            compared++;
          }
    expect(compared).toBe(8 * 6 * 6 * 2);
  });

  it('vollib 49/50 Greeks (delta w.r.t. F, rho = −T·price)', () => {
    const e = byId('vollib-black76-greeks-49-50').expected;
    const c = displayGreeks(black76('CE', 49, 50, 0.3846, 0.05, 0.2));
    const p = displayGreeks(black76('PE', 49, 50, 0.3846, 0.05, 0.2));
    expect(Math.abs(c.delta - e.call_delta!)).toBeLessThan(TOL);
    expect(Math.abs(c.gamma - e.gamma!)).toBeLessThan(TOL);
    expect(Math.abs(c.vega - e.vega_per_vol_point!)).toBeLessThan(TOL);
    expect(Math.abs(c.theta - e.call_theta_per_day!)).toBeLessThan(TOL);
    expect(Math.abs(p.theta - e.put_theta_per_day!)).toBeLessThan(TOL);
    expect(Math.abs(c.rho - e.call_rho_per_pct!)).toBeLessThan(TOL);
    expect(Math.abs(p.rho - e.put_rho_per_pct!)).toBeLessThan(TOL);
  });

  it('LetsBeRational Black(F, K, σ, T) prices and vegas (r = 0)', () => {
    for (const v of lbr.black) {
      const g = black76(v.input.q === 1 ? 'CE' : 'PE', v.input.F, v.input.K, v.input.T, 0, v.input.sigma);
      expect(Math.abs(g.price - v.output.black)).toBeLessThanOrEqual(1e-12 * Math.max(1, v.output.black));
      expect(Math.abs(g.vega - v.output.vega)).toBeLessThanOrEqual(1e-10 * Math.max(1, v.output.vega));
    }
  });

  it('normalised Black matches LetsBeRational, relative, where it is representable', () => {
    let checked = 0;
    for (const v of lbr.normalisedBlack) {
      const { x, s, q } = v.input;
      const xOtm = q === 1 ? x : -x;
      if (xOtm > 0) continue; // in-the-money rows: covered through parity in the IV tests
      const want = v.output.normalisedBlack;
      const got = normalisedOtmCall(xOtm, s);
      // Mild cancellation deep in the tail (s² ≪ |x|) costs a few digits; 1e-11 relative is far finer than IV needs.
      expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-11 * want + 1e-300);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
