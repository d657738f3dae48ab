import { describe, expect, it } from 'vitest';
import type { Random } from '#core/random';
import { black76Price } from '#options/black';
import { T0, niftyOption } from '../test-support.ts';
import { valueLegs } from '../valuation.ts';
import { FakeMarket } from '../test-support.ts';
import { monteCarloScenarios, type ReturnModel } from './monte-carlo.ts';
import { portfolioVar } from './portfolio-var.ts';

const R = 0.0525;
const SIGMA_DAY = 0.012;

/** Lognormal one-day moves with no IV change: the quantile of a long call's loss is then known exactly. */
const lognormal: ReturnModel = {
  draw: (rng: Random, underlyings) => {
    const z = rng.normal();
    return { returns: Object.fromEntries(underlyings.map((u) => [u, Math.exp(SIGMA_DAY * z) - 1])), vixChange: 0 };
  },
};

describe('Monte Carlo VaR', () => {
  const call = niftyOption(23_000, 'CE');
  const market = new FakeMarket();
  market.spots.set('NIFTY', 23_000);
  market.ivs.set(call.id, 0.14);
  const valued = valueLegs([{ instrument: call, quantity: 130, mark: 180 }], market, R, T0);
  if (!valued.ok) throw new Error(valued.error.message);
  const leg = valued.value[0]!;
  const o = leg.option!;
  // A long call only loses as spot falls, so its loss quantile is the call at the spot quantile.
  const exact = (z: number): number => {
    const T1 = o.T - 1 / 365;
    const now = black76Price('CE', o.forward, 23_000, o.T, R, 0.14);
    const then = black76Price('CE', 23_000 * Math.exp(SIGMA_DAY * z) * Math.exp(R * T1), 23_000, T1, R, 0.14);
    return 130 * (now - then);
  };

  it('brackets the exact 95 % and 99 % VaR of a long call in its confidence interval, about 95 % of the time', () => {
    const targets = [exact(-1.6448536270), exact(-2.3263478740)];
    let inside = 0;
    let tries = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const scenarios = monteCarloScenarios(lognormal, ['NIFTY'], { kind: 'one-day' }, 14, { scenarios: 2000, seed });
      const r = portfolioVar(valued.value, scenarios, { kind: 'one-day' }, 'monte-carlo', [0.95, 0.99]);
      if (!r.ok) throw new Error(r.error);
      r.value.tails.forEach((t, i) => {
        tries++;
        if (targets[i]! >= t.varLow && targets[i]! <= t.varHigh) inside++;
        expect(t.es).toBeGreaterThan(t.var);
        // The estimate itself is never far off: within 6 % of the exact figure at 2,000 draws.
        expect(Math.abs(t.var / targets[i]! - 1)).toBeLessThan(0.06);
      });
    }
    // A 95 % interval over 80 independent estimates: fewer than 68 hits would be a 1-in-10,000 event.
    expect(inside).toBeGreaterThanOrEqual(68);
    expect(tries).toBe(80);
  });

  it('draws the same scenarios for the same seed and others for another', () => {
    const a = monteCarloScenarios(lognormal, ['NIFTY'], { kind: 'one-day' }, 14, { scenarios: 50, seed: 7 });
    const b = monteCarloScenarios(lognormal, ['NIFTY'], { kind: 'one-day' }, 14, { scenarios: 50, seed: 7 });
    const c = monteCarloScenarios(lognormal, ['NIFTY'], { kind: 'one-day' }, 14, { scenarios: 50, seed: 8 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('refuses a book whose underlying the scenarios do not move', () => {
    const scenarios = monteCarloScenarios(lognormal, ['BANKNIFTY'], { kind: 'one-day' }, 14, { scenarios: 10, seed: 1 });
    expect(portfolioVar(valued.value, scenarios, { kind: 'one-day' }, 'monte-carlo', [0.99])).toEqual({ ok: false, error: 'the scenarios do not move NIFTY' });
  });
});
