import { performance } from 'node:perf_hooks';
import { createRandom } from '#core/random';
import { istToEpoch } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import type { OptionInstrument, Tradable } from '#model/instrument';
import type { MarketView } from '#risk/ports';
import { monteCarloScenarios } from '#risk/var/monte-carlo';
import { portfolioVar } from '#risk/var/portfolio-var';
import { legValueNow, type MarketScenario } from '#risk/var/scenario';
import { valueLegs, type BookLeg } from '#risk/valuation';
import { simulatorReturnModel } from './simulator-returns.ts';

/**
 * `npm run bench -- risk`: one VaR refresh of a 20-leg book (NIFTY and BANKNIFTY options over two
 * expiries, and two futures) over 1,000 scenarios, by full Black-76 revaluation, beside the cost of
 * pricing the same 20 legs once, in the same run. The refresh is 1,000 pricings of the book and should
 * cost about that: target at most 2× (1,000 × one pricing), i.e. no overhead beyond the revaluation.
 * Also shown: drawing the 1,000 one-day Monte Carlo scenarios from the simulator's market model, which
 * the engine does once per day and whenever India VIX moves half a point.
 */
const R = 0.0525;
const NOW = istToEpoch(2026, 8, 18, 10, 0);

function option(u: 'NIFTY' | 'BANKNIFTY', expiry: number, strike: number, right: 'CE' | 'PE'): OptionInstrument {
  const symbol = `${u}${expiry}${strike}${right}`;
  return { kind: 'option', id: instrumentId('NFO', symbol), symbol, exchange: 'NFO', tickSize: 0.05, underlying: u, expiry, strike, right, lotSize: u === 'NIFTY' ? 65 : 30 };
}

function book(): { legs: BookLeg[]; market: MarketView } {
  const near = istToEpoch(2026, 8, 25, 15, 30);
  const far = istToEpoch(2026, 9, 29, 15, 30);
  const legs: BookLeg[] = [];
  const ivs = new Map<string, number>();
  const add = (t: Tradable, qty: number, mark: number, iv?: number): void => {
    legs.push({ instrument: t, quantity: qty, mark });
    if (iv !== undefined) ivs.set(t.id, iv);
  };
  for (const [i, k] of [24_500, 24_750, 25_000, 25_250, 25_500].entries()) {
    add(option('NIFTY', near, k, 'CE'), -65, 120 + 10 * i, 0.13 + 0.005 * i);
    add(option('NIFTY', far, k, 'PE'), 65, 200 - 10 * i, 0.14 + 0.004 * i);
  }
  for (const [i, k] of [55_000, 56_000, 57_000, 58_000].entries()) {
    add(option('BANKNIFTY', near, k, 'PE'), -30, 300 - 20 * i, 0.16 + 0.004 * i);
    add(option('BANKNIFTY', far, k, 'CE'), 30, 500 + 20 * i, 0.17 + 0.003 * i);
  }
  add({ kind: 'future', id: instrumentId('NFO', 'NIFTY29SEP26FUT'), symbol: 'NIFTY29SEP26FUT', exchange: 'NFO', tickSize: 0.1, underlying: 'NIFTY', expiry: far, lotSize: 65 }, 65, 25_100);
  add({ kind: 'future', id: instrumentId('NFO', 'BANKNIFTY29SEP26FUT'), symbol: 'BANKNIFTY29SEP26FUT', exchange: 'NFO', tickSize: 0.1, underlying: 'BANKNIFTY', expiry: far, lotSize: 30 }, -30, 56_600);
  const spots: Record<string, number> = { NIFTY: 25_000, BANKNIFTY: 56_500 };
  return { legs, market: { mark: () => undefined, spot: (u) => spots[u], impliedVol: (id) => ivs.get(id) } };
}

/** Median of `rounds` timings of `fn` run `reps` times, ms per run. */
function time(fn: () => void, reps: number, rounds = 7): number {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    out.push((performance.now() - t) / reps);
  }
  return out.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

export default async function varRefreshBench(): Promise<boolean> {
  const { legs, market } = book();
  const rng = createRandom(7);
  const scenarios: MarketScenario[] = Array.from({ length: 1000 }, (_, i) => ({ label: `s${i}`, returns: { NIFTY: 0.011 * rng.normal(), BANKNIFTY: 0.014 * rng.normal() }, ivPoints: 1.5 * rng.normal() }));
  const valued = valueLegs(legs, market, R, NOW);
  if (!valued.ok) throw new Error(valued.error.message);
  let sink = 0;
  const once = time(() => {
    const v = valueLegs(legs, market, R, NOW);
    if (v.ok) for (const l of v.value) sink += legValueNow(l);
  }, 2000);
  const refresh = time(() => {
    const r = portfolioVar(valued.value, scenarios, { kind: 'one-day' }, 'historical', [0.95, 0.99]);
    if (r.ok) sink += r.value.tails[1]!.var;
  }, 5);
  const model = simulatorReturnModel();
  const draws = time(() => {
    sink += monteCarloScenarios(model, ['NIFTY', 'BANKNIFTY'], { kind: 'one-day' }, 14, { scenarios: 1000, seed: 1 }).length;
  }, 1, 3);
  const ratio = refresh / (1000 * once);
  console.log(`20 legs priced once (IV given, Black-76): ${(once * 1000).toFixed(1)} µs`);
  console.log(`VaR refresh, 20 legs × 1,000 scenarios, 95 % + 99 %: ${refresh.toFixed(2)} ms = ${(refresh / once).toFixed(0)} × one pricing (${ratio.toFixed(2)} × 1,000 pricings; target ≤ 2)`);
  console.log(`1,000 one-day Monte Carlo draws from the simulator model: ${draws.toFixed(0)} ms (once per day and per half point of VIX)`);
  if (!Number.isFinite(sink)) throw new Error('unreachable');
  return ratio <= 2;
}
