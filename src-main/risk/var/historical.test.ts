import { describe, expect, it } from 'vitest';
import { T0, EXPIRY } from '../test-support.ts';
import { valueLegs } from '../valuation.ts';
import { historicalScenarios } from './historical.ts';
import { portfolioVar } from './portfolio-var.ts';
import { fixedBook, fixedHistory } from './testing.ts';

const R = 0.0525;

// An independent Black-76: the normal CDF by Simpson's rule on the density (no shared code with options/).
function phi(x: number): number {
  const n = 4000;
  const h = x / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * Math.exp(-((i * h) ** 2) / 2);
  }
  return 0.5 + (s * h) / 3 / Math.sqrt(2 * Math.PI);
}
function b76(call: boolean, F: number, K: number, T: number, sigma: number): number {
  if (T <= 0) return Math.max(call ? F - K : K - F, 0);
  const sd = sigma * Math.sqrt(T);
  const d1 = Math.log(F / K) / sd + sd / 2;
  const d2 = d1 - sd;
  const df = Math.exp(-R * T);
  return call ? df * (F * phi(d1) - K * phi(d2)) : df * (K * phi(-d2) - F * phi(-d1));
}

/** The book's one-day P&L on each stored day, leg by leg, written out by hand. */
function independentPnls(): number[] {
  const h = fixedHistory();
  const nifty = h.underlyings.NIFTY!;
  const bank = h.underlyings.BANKNIFTY!;
  const tNifty = (EXPIRY - T0) / 60_000 / 525_600;
  const tBank = (Date.UTC(2026, 2, 31, 10, 0) - T0) / 60_000 / 525_600;
  const out: number[] = [];
  for (let i = 1; i < nifty.length; i++) {
    const rn = nifty[i]!.close / nifty[i - 1]!.close - 1;
    const rb = bank[i]!.close / bank[i - 1]!.close - 1;
    const dv = (h.vix[i]!.close - h.vix[i - 1]!.close) / 100;
    const sN = 23_000 * (1 + rn);
    const sB = 50_000 * (1 + rb);
    const t1 = tNifty - 1 / 365;
    const tb1 = tBank - 1 / 365;
    const ce = -65 * (b76(true, sN * Math.exp(R * t1), 23_000, t1, 0.14 + dv) - b76(true, 23_000 * Math.exp(R * tNifty), 23_000, tNifty, 0.14));
    const pe = -65 * (b76(false, sN * Math.exp(R * t1), 23_000, t1, 0.15 + dv) - b76(false, 23_000 * Math.exp(R * tNifty), 23_000, tNifty, 0.15));
    const bn = 30 * (b76(false, sB * Math.exp(R * tb1), 50_000, tb1, 0.17 + dv) - b76(false, 50_000 * Math.exp(R * tBank), 50_000, tBank, 0.17));
    const fut = 65 * 23_100 * rn;
    out.push(ce + pe + bn + fut);
  }
  return out;
}

describe('historical VaR by full revaluation', () => {
  const { legs, market } = fixedBook();
  const valued = valueLegs(legs, market, R, T0);
  if (!valued.ok) throw new Error(valued.error.message);
  const scenarios = historicalScenarios(fixedHistory(), ['NIFTY', 'BANKNIFTY'], { kind: 'one-day' }, { lookback: 250, minScenarios: 50 });
  if (!scenarios.ok) throw new Error(scenarios.error);

  it('matches an independent calculation of the same 60 days to the rupee at 95 % and 99 %', () => {
    const r = portfolioVar(valued.value, scenarios.value, { kind: 'one-day' }, 'historical', [0.95, 0.99]);
    if (!r.ok) throw new Error(r.error);
    const losses = independentPnls()
      .map((p) => -p)
      .sort((a, b) => a - b);
    expect(losses).toHaveLength(60);
    // 95 %: the 57th smallest of 60 losses (⌈0.95 × 60⌉), ES the mean of the 57th–60th; 99 %: the 60th.
    const var95 = losses[56]!;
    const es95 = (losses[56]! + losses[57]! + losses[58]! + losses[59]!) / 4;
    expect(Math.abs(r.value.tails[0]!.var - var95)).toBeLessThan(0.5);
    expect(Math.abs(r.value.tails[0]!.es - es95)).toBeLessThan(0.5);
    expect(Math.abs(r.value.tails[1]!.var - losses[59]!)).toBeLessThan(0.5);
    expect(Math.abs(r.value.tails[1]!.es - losses[59]!)).toBeLessThan(0.5);
    expect(r.value.worst.loss).toBeCloseTo(losses[59]!, 0);
    expect(var95).toBeGreaterThan(1000);
  });

  it('shrinks the move by √(minutes ÷ 375) and the decay to the minutes for an intraday horizon', () => {
    const intraday = historicalScenarios(fixedHistory(), ['NIFTY', 'BANKNIFTY'], { kind: 'intraday', minutes: 75 }, { lookback: 250, minScenarios: 50 });
    if (!intraday.ok) throw new Error(intraday.error);
    expect(intraday.value[5]!.returns.NIFTY).toBeCloseTo(scenarios.value[5]!.returns.NIFTY! * Math.sqrt(75 / 375), 12);
    const day = portfolioVar(valued.value, scenarios.value, { kind: 'one-day' }, 'historical', [0.99]);
    const short = portfolioVar(valued.value, intraday.value, { kind: 'intraday', minutes: 75 }, 'historical', [0.99]);
    if (!day.ok || !short.ok) throw new Error('no VaR');
    expect(short.value.tails[0]!.var).toBeLessThan(day.value.tails[0]!.var);
  });

  it('refuses with too little history and names a missing series', () => {
    const few = historicalScenarios(fixedHistory(), ['NIFTY'], { kind: 'one-day' }, { lookback: 250, minScenarios: 100 });
    expect(few).toEqual({ ok: false, error: 'only 60 daily moves stored for NIFTY, India VIX together; VaR needs at least 100' });
    const none = historicalScenarios(fixedHistory(), ['FINNIFTY'], { kind: 'one-day' }, { lookback: 250, minScenarios: 10 });
    expect(none).toEqual({ ok: false, error: 'no stored daily history for FINNIFTY' });
  });

  it('uses only the most recent `lookback` moves', () => {
    const last20 = historicalScenarios(fixedHistory(), ['NIFTY'], { kind: 'one-day' }, { lookback: 20, minScenarios: 10 });
    if (!last20.ok) throw new Error(last20.error);
    expect(last20.value).toHaveLength(20);
    expect(last20.value.at(-1)!.label).toBe(scenarios.value.at(-1)!.label);
  });
});
