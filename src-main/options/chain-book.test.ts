import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/random';
import { istToEpoch } from '#core/time-ist';
import { black76 } from './black.ts';
import { ChainBook } from './chain-book.ts';
import { ChainCache } from './chain-cache.ts';
import { enrichChain, isLiquid, type OptionChain, type OptionQuote } from './chain.ts';
import { yearsToExpiry } from './expiry.ts';
import { simulateChain } from './sim-chain.ts';
import { DEFAULT_SURFACE } from './surface.ts';

const R = 0.0525;
const now = istToEpoch(2026, 8, 18, 10, 0);
const expiryTs = istToEpoch(2026, 8, 25, 15, 30);
const spec = { underlying: 'NIFTY', exchange: 'NFO', expiry: '2026-08-25', expiryTs, lotSize: 65, tickSize: 0.05, r: R };

function sim(spot: number, at = now): OptionChain {
  const T = yearsToExpiry(at, expiryTs);
  return simulateChain({ ...spec, now: at, spot, q: 0.012, T, strikeStep: 50, strikesEachSide: 50, surface: DEFAULT_SURFACE, random: createRandom(3) });
}

const greekFields = (q: OptionQuote | undefined) => q && { iv: q.iv, delta: q.delta, gamma: q.gamma, theta: q.theta, vega: q.vega, ivFailure: q.ivFailure };

/** Every leg of `a` and `b` has the same IV and Greeks, bit for bit. */
function expectSamePricing(a: OptionChain, b: OptionChain): void {
  expect(a.rows.map((r) => r.strike)).toEqual(b.rows.map((r) => r.strike));
  a.rows.forEach((row, i) => {
    expect(greekFields(row.ce)).toEqual(greekFields(b.rows[i]!.ce));
    expect(greekFields(row.pe)).toEqual(greekFields(b.rows[i]!.pe));
  });
  expect(a.forward).toBe(b.forward);
  expect(a.atmStrike).toBe(b.atmStrike);
}

const failures = (c: OptionChain): number => c.rows.reduce((n, r) => n + (r.ce && r.ce.iv === undefined ? 1 : 0) + (r.pe && r.pe.iv === undefined ? 1 : 0), 0);

/**
 * `snap` after `next` replaced `prev`'s quotes: a leg whose price changed is priced as enrichChain prices
 * it; a leg whose price did not keeps its IV (or is re-solved if it had none) with Greeks at the new F.
 */
function expectIncremental(snap: OptionChain, next: OptionChain, prev: OptionChain, T: number): void {
  const full = enrichChain(next, { r: R, T });
  expect(snap.forward).toBe(full.forward);
  let kept = 0;
  let solved = 0;
  snap.rows.forEach((row, i) => {
    for (const right of ['CE', 'PE'] as const) {
      const got = right === 'CE' ? row.ce! : row.pe!;
      const old = prev.rows.find((r) => r.strike === row.strike);
      const oldLeg = right === 'CE' ? old?.ce : old?.pe;
      const nextLeg = right === 'CE' ? next.rows[i]!.ce! : next.rows[i]!.pe!;
      const fullLeg = right === 'CE' ? full.rows[i]!.ce : full.rows[i]!.pe;
      if (oldLeg && oldLeg.iv !== undefined && oldLeg.bid === nextLeg.bid && oldLeg.ask === nextLeg.ask && oldLeg.ltp === nextLeg.ltp) {
        expect(got.iv).toBe(oldLeg.iv);
        expect(got.delta).toBe(black76(right, snap.forward!, row.strike, T, R, oldLeg.iv).delta);
        kept++;
      } else {
        expect(greekFields(got)).toEqual(greekFields(fullLeg));
        solved++;
      }
    }
  });
  expect(solved).toBeGreaterThan(100);
  expect(kept + solved).toBe(snap.rows.length * 2);
}

describe('ChainBook: incremental chain', () => {
  it('prices a fresh chain exactly as enrichChain does', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    expect(book.applyChain(chain)).toBe(202);
    const snap = book.snapshot(now)!;
    expectSamePricing(snap, enrichChain(chain, { r: R, T: yearsToExpiry(now, expiryTs) }));
    expect(book.stats.ivSolves).toBe(202);
  });

  it('a second read with nothing changed is the same frozen object and solves nothing', () => {
    const book = new ChainBook(spec);
    book.applyChain(sim(24_960));
    const a = book.snapshot(now)!;
    const b = book.snapshot(now)!;
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.rows) && Object.isFrozen(a.rows[0]!.ce)).toBe(true);
    expect(book.stats).toMatchObject({ ivSolves: 202, greekUpdates: 0, snapshots: 1, reused: 1 });
    expect(book.applyChain(sim(24_960))).toBe(0);
    expect(book.snapshot(now)).toBe(a);
  });

  it('solves IV only for the leg whose price moved and keeps every other row object', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    const before = book.snapshot(now)!;
    const row = chain.rows[50]!;
    const moved: OptionQuote = { ...row.ce!, bid: row.ce!.bid + 1, ask: row.ce!.ask + 1, ltp: row.ce!.ltp + 1 };
    book.applyQuote(row.strike, 'CE', moved, now);
    const after = book.snapshot(now)!;
    expect(book.stats.ivSolves).toBe(203);
    expect(book.stats.greekUpdates).toBe(0);
    const changedChain: OptionChain = { ...chain, rows: chain.rows.map((r, i) => (i === 50 ? { ...r, ce: moved } : r)) };
    expectSamePricing(after, enrichChain(changedChain, { r: R, T: yearsToExpiry(now, expiryTs) }));
    after.rows.forEach((r, i) => (i === 50 ? expect(r).not.toBe(before.rows[i]) : expect(r).toBe(before.rows[i])));
  });

  it('when only the forward moves, IVs are kept and Greeks follow F (sticky strike)', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    const before = book.snapshot(now)!;
    book.setUnderlying(25_010, chain.forward! * (25_010 / 24_960), now + 1000);
    const after = book.snapshot(now)!;
    // Only legs whose IV could not be solved are tried again at the new forward.
    const failed = failures(before);
    expect(book.stats.ivSolves).toBe(202 + failed);
    expect(book.stats.greekUpdates).toBe(202 - failed);
    const F = after.forward!;
    const T = yearsToExpiry(now, expiryTs);
    let checked = 0;
    after.rows.forEach((row, i) => {
      const iv = before.rows[i]!.pe!.iv;
      if (iv === undefined) return;
      expect(row.pe!.iv).toBe(iv);
      expect(row.pe!.delta).toBe(black76('PE', F, row.strike, T, R, iv).delta);
      checked++;
    });
    expect(checked).toBeGreaterThan(90);
  });

  it('takes non-price quote fields (OI, volume) without an IV solve', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    const before = book.snapshot(now)!;
    const row = chain.rows[40]!;
    book.applyQuote(row.strike, 'PE', { ...row.pe!, oi: 123_450, volume: 9 }, now);
    const after = book.snapshot(now)!;
    expect(book.stats.ivSolves).toBe(202);
    expect(after.rows[40]!.pe).toMatchObject({ oi: 123_450, volume: 9, iv: before.rows[40]!.pe!.iv, delta: before.rows[40]!.pe!.delta });
  });

  it('a whole new chain a minute later: changed legs priced as enrichChain, unchanged ones keep their IV', () => {
    const book = new ChainBook(spec);
    book.applyChain(sim(24_960));
    const prev = book.snapshot(now)!;
    const later = now + 60_000;
    const next = sim(24_985, later);
    book.applyChain(next);
    expectIncremental(book.snapshot(later)!, next, prev, yearsToExpiry(later, expiryTs));
  });

  it('follows a moving strike window: strikes that left are dropped, new ones priced', () => {
    const book = new ChainBook(spec);
    book.applyChain(sim(24_960));
    const prev = book.snapshot(now)!;
    const shifted = sim(25_460);
    book.applyChain(shifted);
    const snap = book.snapshot(now)!;
    expect(snap.rows.map((r) => r.strike)).toEqual(shifted.rows.map((r) => r.strike));
    expectIncremental(snap, shifted, prev, yearsToExpiry(now, expiryTs));
  });

  it('keeps pinned strikes (held legs) when the window moves past them', () => {
    const book = new ChainBook(spec);
    const first = sim(24_960);
    book.applyChain(first);
    const held = first.rows[0]!.strike;
    book.pin([held]);
    book.applyChain(sim(25_460));
    const snap = book.snapshot(now)!;
    expect(snap.rows[0]!.strike).toBe(held);
    expect(snap.rows.length).toBe(102);
  });

  it('retries a failed IV solve when the forward moves', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    const deep = chain.rows[0]!;
    // A put far below the money quoted under its intrinsic value at the current forward cannot carry an IV.
    const bad: OptionQuote = { ...deep.ce!, bid: 1, ask: 1.1, ltp: 1.05 };
    book.applyChain({ ...chain, rows: [{ strike: deep.strike, ce: bad }, ...chain.rows.slice(1)] });
    const first = book.snapshot(now)!;
    expect(first.rows[0]!.ce!.ivFailure).toBe('below-intrinsic');
    const solves = book.stats.ivSolves;
    book.setUnderlying(chain.spot, chain.forward! + 10, now);
    book.snapshot(now);
    expect(book.stats.ivSolves).toBe(solves + failures(first));
  });

  it('has no snapshot before quotes arrive', () => {
    expect(new ChainBook(spec).snapshot(now)).toBeUndefined();
  });
});

describe('ChainCache: one chain per underlying and expiry', () => {
  it('gives every reader at the same instant the same object and lists expiries nearest first', () => {
    const cache = new ChainCache();
    cache.ensure(spec).applyChain(sim(24_960));
    cache.ensure({ ...spec, expiry: '2026-09-01', expiryTs: istToEpoch(2026, 9, 1, 15, 30) });
    expect(cache.ensure(spec)).toBe(cache.book('NIFTY', '2026-08-25'));
    expect(cache.read('NIFTY', '2026-08-25', now)).toBe(cache.read('NIFTY', '2026-08-25', now));
    expect(cache.read('NIFTY', '2026-09-01', now)).toBeUndefined();
    expect(cache.expiries('NIFTY')).toEqual(['2026-08-25', '2026-09-01']);
    cache.prune(istToEpoch(2026, 8, 26, 9, 15));
    expect(cache.expiries('NIFTY')).toEqual(['2026-09-01']);
  });
});

describe('simulated chain realism (every seller rule can run in simulation)', () => {
  const chain = sim(24_960);
  it('names each leg with its OpenAlgo symbol', () => {
    const atm = chain.rows.find((r) => r.strike === chain.atmStrike)!;
    expect(atm.ce!.symbol).toBe(`NIFTY25AUG26${chain.atmStrike}CE`);
    expect(atm.pe!.symbol).toBe(`NIFTY25AUG26${chain.atmStrike}PE`);
  });
  it('keeps OI mostly out of the money, with volume, and a liquid centre and illiquid far wings', () => {
    const above = chain.rows.find((r) => r.strike === chain.atmStrike + 500)!;
    expect(above.ce!.oi).toBeGreaterThan(above.pe!.oi * 1.5);
    const below = chain.rows.find((r) => r.strike === chain.atmStrike - 500)!;
    expect(below.pe!.oi).toBeGreaterThan(below.ce!.oi * 1.5);
    for (const r of chain.rows) for (const q of [r.ce!, r.pe!]) expect(q.volume).toBe(2 * q.oi);
    expect(chain.rows.filter((r) => r.ce!.oi > 5_000 && r.pe!.oi > 5_000).length).toBeGreaterThan(40);
    const rule = { minOi: 5_000, maxSpreadPct: 2 };
    const atm = chain.rows.find((r) => r.strike === chain.atmStrike)!;
    expect(isLiquid(atm.ce, rule) && isLiquid(atm.pe, rule)).toBe(true);
    expect(isLiquid(chain.rows[0]!.pe, rule)).toBe(false);
  });
});
