import { performance } from 'node:perf_hooks';
import { createRandom } from '#core/random';
import { istToEpoch } from '#core/time-ist';
import { roundToTick } from '#model/instrument';
import { black76 } from './black.ts';
import { ChainBook } from './chain-book.ts';
import { enrichChain, quotePrice, type OptionChain, type OptionQuote } from './chain.ts';
import { impliedVolBlack76 } from './implied-vol.ts';
import { simulateChain } from './sim-chain.ts';
import { DEFAULT_SURFACE } from './surface.ts';

/**
 * Per tick: IV and Greeks for every leg of a 100-strike NIFTY chain (101 strikes × CE/PE), through the
 * chain model (`enrichChain`) beside a plain-object baseline doing the same solver and Greek calls
 * over a bare array. Targets: the model costs at most 1.5× the baseline, and one chain fits in 2 ms.
 *
 * Then the hot path (issue 10 item 6): the incremental `ChainBook` read after one tick, as ratios to a
 * full `enrichChain` of the same chain: nothing moved (a second bot reading the shared chain), 10 of the
 * 202 quotes moved (a live WebSocket tick), the forward moved (every leg's input: all solved again, each
 * from its last IV), and every quote moved (the simulator re-quotes the whole chain). And `roundToTick`
 * beside the log10/toFixed form it replaced.
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

/** Reads every leg's IV, as a reader of the whole chain (the chain screen) does: legs are solved when read. */
function readAll(chain: OptionChain): number {
  let n = 0;
  for (const r of chain.rows) n += (r.ce?.iv ?? 0) + (r.pe?.iv ?? 0);
  return n;
}

/** Reads the ATM pair only, as the straddle does. */
function readAtm(chain: OptionChain): number {
  const row = chain.rows.find((r) => r.strike === chain.atmStrike);
  return (row?.ce?.iv ?? 0) + (row?.pe?.iv ?? 0);
}

/**
 * Per read: the book after `mutate` changed it, priced at the same instant (T fixed, as within one tick),
 * then read by `reader` (default every leg). With `read` false only the writes are timed: what a feed tick
 * costs when no bot reads on that tick.
 */
function incremental(chains: readonly OptionChain[], mutate: (book: ChainBook, i: number) => void, read = true, reader: (c: OptionChain) => number = readAll): { us: number; solves: number } {
  const c0 = chains[0]!;
  const book = new ChainBook({ underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-08-25', expiryTs, lotSize: 65, tickSize: 0.05, r: R });
  book.applyChain(c0);
  readAll(book.snapshot(now)!);
  const before = book.stats.ivSolves;
  let reads = 0;
  const us = measure('incremental', 1500, (i) => {
    mutate(book, i);
    if (!read) return i;
    reads++;
    return reader(book.snapshot(now)!);
  });
  return { us, solves: reads === 0 ? 0 : (book.stats.ivSolves - before) / reads };
}

function legacyRoundToTick(price: number, tickSize: number): number {
  const ticks = Math.round(price / tickSize);
  const decimals = Math.max(0, Math.ceil(-Math.log10(tickSize)) + 1);
  return Number((ticks * tickSize).toFixed(decimals));
}

function roundingFigures(): { fast: number; legacy: number } {
  const random = createRandom(5);
  const prices = Float64Array.from({ length: 4096 }, () => 10 + random.next() * 30_000);
  const run = (fn: (p: number, t: number) => number) =>
    measure('round', 400, (i) => {
      let s = 0;
      for (let k = 0; k < prices.length; k++) s += fn(prices[k]!, k % 2 === 0 ? 0.05 : 0.01);
      return s > 0 ? i : -i;
    }) / prices.length;
  return { fast: run(roundToTick), legacy: run(legacyRoundToTick) };
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

  const c0 = chains[0]!;
  const F0 = c0.forward!;
  const nudge = (q: OptionQuote, i: number): OptionQuote => {
    const d = i % 2 === 0 ? 0.05 : -0.05;
    return { ...q, bid: q.bid + d, ask: q.ask + d, ltp: q.ltp + d };
  };
  const tenQuotes = (b: ChainBook, i: number): void => {
    for (let k = 0; k < 5; k++) {
      const row = c0.rows[45 + k]!;
      b.applyQuote(row.strike, 'CE', nudge(row.ce!, i), now);
      b.applyQuote(row.strike, 'PE', nudge(row.pe!, i), now);
    }
  };
  const forward = (b: ChainBook, i: number): void => b.setUnderlying(c0.spot, F0 + (i % 2 === 0 ? 0.5 : -0.5), now);
  const cases = [
    { subject: 'tick write only: forward + 10 quotes, no read', r: incremental(chains, (b, i) => (forward(b, i), tenQuotes(b, i)), false) },
    { subject: 'nothing moved (shared read)', r: incremental(chains, () => {}) },
    { subject: '10 of 202 quotes moved, then read', r: incremental(chains, tenQuotes) },
    { subject: 'forward moved: every leg from its last IV', r: incremental(chains, forward) },
    { subject: 'forward moved, the ATM pair read (a straddle)', r: incremental(chains, forward, true, readAtm) },
    { subject: 'every quote moved (simulator)', r: incremental(chains, (b, i) => void b.applyChain(chains[(i % 63) + 1]!)) },
  ];
  console.table(
    cases.map(({ subject, r }) => ({ subject, 'µs/read': r.us.toFixed(1), 'IV solves/read': r.solves.toFixed(1), 'vs full enrichChain': (r.us / model).toFixed(3) })),
  );
  const write = cases[0]!.r.us / model;
  const shared = cases[1]!.r.us / model;
  const tick = cases[2]!.r.us / model;
  const warm = cases[3]!.r.us / model;
  const incOk = write <= 0.01 && shared <= 0.01 && tick <= 0.2 && warm <= 0.8;
  console.log(
    `incremental targets: a tick's writes and a shared read ≤ 0.01×, a 10-quote tick then read ≤ 0.2×, every leg solved from its last IV ≤ 0.8× a full enrichChain → ${incOk ? 'met' : 'MISSED'}`,
  );

  const rounding = roundingFigures();
  const speedup = rounding.legacy / rounding.fast;
  console.table([
    { subject: 'roundToTick', 'ns/call': (rounding.fast * 1000).toFixed(1), 'vs log10/toFixed': (rounding.fast / rounding.legacy).toFixed(3) },
    { subject: 'log10/toFixed (before)', 'ns/call': (rounding.legacy * 1000).toFixed(1), 'vs log10/toFixed': '1.000' },
  ]);
  console.log(`roundToTick target: ≥ 5× faster than log10/toFixed → ${speedup >= 5 ? 'met' : 'MISSED'} (${speedup.toFixed(1)}×)`);
  return ok && incOk && speedup >= 5;
}
