import { describe, expect, it } from 'vitest';
import { black76, black76Price, bsm } from './black.ts';
import { impliedVolBlack76, impliedVolBsm } from './implied-vol.ts';
import lbr from './fixtures/lets-be-rational-cpp-vectors.json' with { type: 'json' };

// Time basis in every case below: T in calendar years, as the sources state.
describe('implied volatility: reference round trips', () => {
  it('py_vollib Black put F=101 K=102 and BS call S=K=100 recover σ = 0.2 (source tolerance 1e-5, here 1e-10)', () => {
    const put = impliedVolBlack76('PE', 6.20451158097, 101, 102, 0.5, 0.01);
    expect(put.ok && Math.abs(put.value.vol - 0.2)).toBeLessThan(1e-10);
    const call = impliedVolBsm('CE', 5.87602423383, 100, 100, 0.5, 0.01, 0);
    expect(call.ok && Math.abs(call.value.vol - 0.2)).toBeLessThan(1e-10);
  });

  it('vollib BSM with q = 0.02 at σ = 0.3 to 1e-12', () => {
    const iv = impliedVolBsm('CE', 8.138101080183894, 100, 100, 0.5, 0.01, 0.02);
    expect(iv.ok && Math.abs(iv.value.vol - 0.30000000000000027)).toBeLessThan(1e-12);
  });

  it('LetsBeRational Black vectors: implied σ equals the C++ output', () => {
    for (const v of lbr.black) {
      const right = v.input.q === 1 ? 'CE' : 'PE';
      const iv = impliedVolBlack76(right, v.output.black, v.input.F, v.input.K, v.input.T, 0);
      if (!iv.ok) {
        // Deep ITM (F=1000, K=100, σ√T = 0.14): time value ~1e-58 of the price, so no σ is recoverable from it.
        expect(iv.error.kind).toBe('indeterminate');
        expect(v.output.black - Math.max(v.input.q * (v.input.F - v.input.K), 0)).toBeLessThan(1e-12 * v.output.black);
        continue;
      }
      expect(Math.abs(iv.value.vol - v.output.impliedBlackVolatility)).toBeLessThanOrEqual(1e-11 * v.output.impliedBlackVolatility);
    }
  });

  it('deep ITM put priced at discounted intrinsic (py_vollib S=100, K=1000) is a typed failure, not NaN or 0', () => {
    const price = bsm('PE', 100, 1000, 0.5, 0.05, 0, 0.3).price;
    const iv = impliedVolBsm('PE', price, 100, 1000, 0.5, 0.05, 0);
    expect(iv.ok).toBe(false);
    if (!iv.ok) expect(['indeterminate', 'below-intrinsic']).toContain(iv.error.kind);
  });
});

describe('implied volatility: bounds', () => {
  it('rejects prices outside the no-arbitrage bounds with typed failures', () => {
    const below = impliedVolBlack76('CE', 9.9, 110, 100, 0.1, 0);
    expect(!below.ok && below.error.kind).toBe('below-intrinsic');
    const above = impliedVolBlack76('CE', 110, 110, 100, 0.1, 0);
    expect(!above.ok && above.error.kind).toBe('above-maximum');
    const putAbove = impliedVolBlack76('PE', 100 * Math.exp(-0.05 * 0.1), 110, 100, 0.1, 0.05);
    expect(!putAbove.ok && putAbove.error.kind).toBe('above-maximum');
    const bad = impliedVolBlack76('CE', 1, 100, 100, 0, 0);
    expect(!bad.ok && bad.error.kind).toBe('invalid-input');
    const nan = impliedVolBlack76('CE', Number.NaN, 100, 100, 0.1, 0);
    expect(!nan.ok && nan.error.kind).toBe('invalid-input');
  });
});

describe('implied volatility: round trip over strikes × expiries × vols', () => {
  it('recovers σ to 1e-8 or returns a typed failure, never NaN', () => {
    const F = 24_000;
    const strikes: number[] = [];
    for (let k = 0.5; k <= 1.5 + 1e-9; k += 0.025) strikes.push(Math.round(F * k));
    const expiries = [1 / 525_600, 15 / 525_600, 375 / 525_600, 1 / 365, 3 / 365, 7 / 365, 30 / 365, 90 / 365, 1, 3];
    const vols = [0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2, 4];
    let solved = 0;
    let failed = 0;
    let worst = 0;
    for (const K of strikes) {
      for (const T of expiries) {
        for (const sigma of vols) {
          for (const right of ['CE', 'PE'] as const) {
            const price = black76Price(right, F, K, T, 0.065, sigma);
            const iv = impliedVolBlack76(right, price, F, K, T, 0.065);
            if (iv.ok) {
              const e = Math.abs(iv.value.vol - sigma);
              worst = Math.max(worst, e);
              expect(e).toBeLessThan(1e-8);
              solved++;
            } else {
              // Failures only where σ cannot be read from a double-precision price: a 1e-8 relative change in σ
              // moves the price by less than ~2e-14 relative (vega from the independent closed form).
              expect(iv.error.kind).toBe('indeterminate');
              const g = black76(right, F, K, T, 0.065, sigma);
              if (g.price > 1e-290) expect(g.vega * sigma * 1e-8).toBeLessThan(2e-14 * g.price); // else the price itself underflows
              failed++;
            }
          }
        }
      }
    }
    expect(solved + failed).toBe(strikes.length * expiries.length * vols.length * 2);
    // 7380 cases; 4246 solve (57.5 %): the rest are deep ITM/OTM at 1-minute to 1-day expiries and low vols.
    expect(solved / (solved + failed)).toBeGreaterThan(0.55);
    expect(worst).toBeLessThan(1e-8);
  });

  it('every near-the-money NIFTY-like case solves (|ln F/K| ≤ 10 %, 1 day to 1 year, 5–100 % vol)', () => {
    for (const K of [21_600, 22_800, 23_900, 24_000, 24_100, 25_200, 26_400]) {
      for (const T of [1 / 365, 7 / 365, 30 / 365, 1]) {
        for (const sigma of [0.05, 0.12, 0.3, 1]) {
          const g = black76('PE', 24_000, K, T, 0.065, sigma);
          const iv = impliedVolBlack76('PE', g.price, 24_000, K, T, 0.065);
          if (!iv.ok) {
            // Deep OTM at 5 % vol and one day: price underflows below the resolution of a double.
            expect(Math.abs(Math.log(24_000 / K)) / (sigma * Math.sqrt(T))).toBeGreaterThan(5);
            continue;
          }
          expect(Math.abs(iv.value.vol - sigma)).toBeLessThan(1e-8);
          expect(iv.value.iterations).toBeLessThan(20);
        }
      }
    }
  });
});

describe('LetsBeRational TestValues (1,000 random Black cases, undiscounted)', () => {
  it('prices match to 1e-10 relative and IV matches LetsBeRational to 1e-8, or fails typed where the price is degenerate', async () => {
    const { default: tv } = await import('./fixtures/lets-be-rational-test-values.json', { with: { type: 'json' } });
    let solved = 0;
    let degenerate = 0;
    for (const [F, K, T, sigma, q, black, lbrVol] of tv.data as [number, number, number, number, number, number, number | null][]) {
      const right = q === 1 ? 'CE' : 'PE';
      if (lbrVol === null) {
        // T = 0: LetsBeRational returns NaN; here it is a typed invalid-input.
        const iv = impliedVolBlack76(right, black, F, K, T, 0);
        expect(!iv.ok && iv.error.kind).toBe('invalid-input');
        degenerate++;
        continue;
      }
      // Closed form as F·N(d1) − K·N(d2): deep OTM the difference costs digits (worst case here 1.3e-11 relative).
      expect(Math.abs(black76Price(right, F, K, T, 0, sigma) - black)).toBeLessThanOrEqual(1e-10 * black + 1e-300);
      const iv = impliedVolBlack76(right, black, F, K, T, 0);
      if (iv.ok) {
        expect(Math.abs(iv.value.vol - lbrVol)).toBeLessThan(1e-8);
        solved++;
      } else {
        expect(iv.error.kind).toBe('indeterminate');
        const g = black76(right, F, K, T, 0, sigma);
        if (black > 1e-290) expect(g.vega * sigma * 1e-8).toBeLessThan(2e-14 * black);
      }
    }
    expect(degenerate).toBe(5);
    expect(solved).toBeGreaterThan(900);
  });
});

describe('implied volatility: a start from the last solve (the chain book re-solving a leg)', () => {
  it('finds the same root as a cold solve, in fewer steps from a nearby guess, and survives any guess', () => {
    let cold = 0;
    let warm = 0;
    let cases = 0;
    for (const K of [20_000, 23_000, 24_500, 25_000, 25_500, 27_000, 30_000]) {
      for (const T of [1 / 365, 7 / 365, 40 / 365]) {
        for (const sigma of [0.08, 0.15, 0.4]) {
          for (const right of ['CE', 'PE'] as const) {
            const price = black76Price(right, 25_000, K, T, 0.065, sigma);
            const ref = impliedVolBlack76(right, price, 25_000, K, T, 0.065);
            if (!ref.ok) continue;
            for (const guess of [sigma * 1.01, sigma * 0.97, 0.001, 5, Number.NaN]) {
              const iv = impliedVolBlack76(right, price, 25_000, K, T, 0.065, guess);
              expect(iv.ok && Math.abs(iv.value.vol - ref.value.vol)).toBeLessThanOrEqual(1e-10 * ref.value.vol);
            }
            const near = impliedVolBlack76(right, price, 25_000, K, T, 0.065, sigma * 1.01);
            cold += ref.value.iterations;
            warm += near.ok ? near.value.iterations : Infinity;
            cases++;
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(80);
    expect(warm).toBeLessThan(cold);
  });
});
