import { performance } from 'node:perf_hooks';
import { createRandom } from '#core/random';
import { istToEpoch } from '#core/time-ist';
import { black76 } from './black.ts';
import { enrichChain, quotePrice, type OptionChain } from './chain.ts';
import { impliedVolBlack76 } from './implied-vol.ts';
import { simulateChain } from './sim-chain.ts';
import { DEFAULT_SURFACE } from './surface.ts';

/**
 * Per tick: IV and Greeks for every leg of a 100-strike NIFTY chain (101 strikes × CE/PE), through the
 * chain model (`enrichChain`) beside a plain-object baseline doing the same solver and Greek calls
 * over a bare array. Targets: the model costs at most 1.5× the baseline, and one chain fits in 2 ms.
 */
const R = 0.0525;
const now = istToEpoch(2026, 8, 18, 10, 0);
const expiryTs = istToEpoch(2026, 8, 25, 15, 30);
const T = (expiryTs - now) / 60_000 / 525_600;

function snapshots(n: number): OptionChain[] {
  const random = createRandom(42);
  const out: OptionChain[] = [];
  let spot = 24_960;
  for (let i = 0; i < n; i++) {
    spot *= 1 + 0.0004 * random.normal();
    out.push(
      simulateChain({ underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-08-25', expiryTs, now, spot, r: R, q: 0.012, T, strikeStep: 50, strikesEachSide: 50, lotSize: 65, surface: DEFAULT_SURFACE, random }),
    );
  }
  return out;
}

interface PlainLeg {
  strike: number;
  right: 'CE' | 'PE';
  price: number;
  iv: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
}

function plainInputs(chains: readonly OptionChain[]): { F: number; legs: PlainLeg[] }[] {
  return chains.map((c) => ({
    F: c.forward!,
    legs: c.rows.flatMap((r) => [
      { strike: r.strike, right: 'CE' as const, price: quotePrice(r.ce!), iv: 0, delta: 0, gamma: 0, theta: 0, vega: 0 },
      { strike: r.strike, right: 'PE' as const, price: quotePrice(r.pe!), iv: 0, delta: 0, gamma: 0, theta: 0, vega: 0 },
    ]),
  }));
}

function plainTick(input: { F: number; legs: PlainLeg[] }): number {
  let solved = 0;
  for (const leg of input.legs) {
    const iv = impliedVolBlack76(leg.right, leg.price, input.F, leg.strike, T, R);
    if (!iv.ok) continue;
    const g = black76(leg.right, input.F, leg.strike, T, R, iv.value.vol);
    leg.iv = iv.value.vol;
    leg.delta = g.delta;
    leg.gamma = g.gamma;
    leg.theta = g.theta / 365;
    leg.vega = g.vega * 0.01;
    solved++;
  }
  return solved;
}

function measure(label: string, rounds: number, fn: (i: number) => number): number {
  let sink = 0;
  for (let i = 0; i < Math.min(rounds, 200); i++) sink += fn(i);
  const batches: number[] = [];
  const perBatch = Math.max(1, Math.floor(rounds / 15));
  for (let b = 0; b < 15; b++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) sink += fn(b * perBatch + i);
    batches.push(((performance.now() - t0) * 1000) / perBatch);
  }
  batches.sort((a, b) => a - b);
  const median = batches[7]!;
  if (sink === -1) console.log(label);
  return median;
}

export default async function bench(): Promise<boolean> {
  const chains = snapshots(64);
  const plain = plainInputs(chains);
  const legs = chains[0]!.rows.length * 2;
  const model = measure('enrichChain', 1500, (i) => enrichChain({ ...chains[i % 64]!, forward: chains[i % 64]!.forward }, { r: R, T }).rows.length);
  const baseline = measure('plain', 1500, (i) => plainTick(plain[i % 64]!));
  const ratio = model / baseline;
  const rows = [
    { subject: 'enrichChain (chain model)', 'µs/chain': model.toFixed(1), 'µs/leg': (model / legs).toFixed(2), 'vs baseline': ratio.toFixed(2) },
    { subject: 'plain-object baseline', 'µs/chain': baseline.toFixed(1), 'µs/leg': (baseline / legs).toFixed(2), 'vs baseline': '1.00' },
  ];
  console.table(rows);
  const ok = ratio <= 1.5 && model <= 2000;
  console.log(`${legs} legs per chain; targets: ≤ 1.5× baseline and ≤ 2000 µs per chain → ${ok ? 'met' : 'MISSED'}`);
  return ok;
}
