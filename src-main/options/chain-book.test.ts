import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/random';
import { istToEpoch } from '#core/time-ist';
import { ChainBook } from './chain-book.ts';
import { ChainCache } from './chain-cache.ts';
import { enrichChain, isLiquid, quotePrice, type ChainRow, type DeferredChain, type OptionChain, type OptionQuote } from './chain.ts';
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

const GREEKS = ['iv', 'delta', 'gamma', 'theta', 'vega'] as const;

/**
 * Equal to 1e-9 relative (1e-12 absolute below 1e-3); both absent is equal. Theta to ₹1e-9 a day once it
 * is under ₹1: a deep in-the-money put's theta is the difference of two near-equal terms, so an IV equal to
 * 1e-9 can move it by more than 1e-9 of itself.
 */
const close = (g: (typeof GREEKS)[number], a: number | undefined, b: number | undefined): boolean =>
  a === undefined || b === undefined ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(b), g === 'theta' ? 1 : 1e-3);

/** Every leg of `got` is priced as in `want` (a full reprice) to 1e-9, with the same quotes and failures. */
function expectSamePricing(got: OptionChain, want: OptionChain): void {
  expect(got.rows.map((r) => r.strike)).toEqual(want.rows.map((r) => r.strike));
  expect(got.forward).toBe(want.forward);
  expect(got.atmStrike).toBe(want.atmStrike);
  got.rows.forEach((row, i) => {
    for (const right of ['ce', 'pe'] as const) {
      const a = row[right];
      const b = want.rows[i]![right];
      expect(a === undefined).toBe(b === undefined);
      if (!a || !b) continue;
      expect(a.ivFailure).toBe(b.ivFailure);
      expect({ bid: a.bid, ask: a.ask, ltp: a.ltp, oi: a.oi, volume: a.volume }).toEqual({ bid: b.bid, ask: b.ask, ltp: b.ltp, oi: b.oi, volume: b.volume });
      for (const g of GREEKS) if (!close(g, a[g], b[g])) expect.fail(`${row.strike} ${right} ${g}: ${a[g]} vs full reprice ${b[g]}`);
    }
  });
}

/** Reads every leg's IV (a leg is solved when first read), as a reader of the whole chain does. */
function readAll(chain: OptionChain | undefined): OptionChain {
  for (const r of chain!.rows) void [r.ce?.iv, r.pe?.iv];
  return chain!;
}

const failures = (c: OptionChain): number => c.rows.reduce((n, r) => n + (r.ce && r.ce.iv === undefined ? 1 : 0) + (r.pe && r.pe.iv === undefined ? 1 : 0), 0);

const T0 = yearsToExpiry(now, expiryTs);
const full = (chain: OptionChain, T = T0): OptionChain => enrichChain(chain, { r: R, T });

describe('ChainBook: incremental chain', () => {
  it('prices a fresh chain exactly as enrichChain does', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    expect(book.applyChain(chain)).toBe(202);
    expectSamePricing(book.snapshot(now)!, full(chain));
    expect(book.stats.ivSolves).toBe(202);
  });

  it('a second read with nothing changed is the same frozen object and solves nothing', () => {
    const book = new ChainBook(spec);
    book.applyChain(sim(24_960));
    const a = readAll(book.snapshot(now));
    const b = book.snapshot(now + 30_000)!;
    expect(b).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.rows) && Object.isFrozen(a.rows[0]!.ce)).toBe(true);
    expect(book.stats).toEqual({ ivSolves: 202, snapshots: 1, reused: 1 });
    expect(book.applyChain(sim(24_960))).toBe(0);
    expect(book.snapshot(now)).toBe(a);
  });

  it('solves IV only for the leg whose price moved and keeps every other row object', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    const before = readAll(book.snapshot(now));
    const row = chain.rows[50]!;
    const moved: OptionQuote = { ...row.ce!, bid: row.ce!.bid + 1, ask: row.ce!.ask + 1, ltp: row.ce!.ltp + 1 };
    book.applyQuote(row.strike, 'CE', moved, now);
    const after = readAll(book.snapshot(now));
    expect(book.stats.ivSolves).toBe(203);
    expectSamePricing(after, full({ ...chain, rows: chain.rows.map((r, i) => (i === 50 ? { ...r, ce: moved } : r)) }));
    after.rows.forEach((r, i) => (i === 50 ? expect(r).not.toBe(before.rows[i]) : expect(r).toBe(before.rows[i])));
  });

  it('a dropped leg leaves the snapshot, its strike goes with its last leg, and its next quote brings it back', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    const row = chain.rows[50]!;
    readAll(book.snapshot(now));
    expect(book.dropLeg(row.strike, 'CE')).toBe(true);
    expect(book.dropLeg(row.strike, 'CE')).toBe(false);
    const oneLeg = book.snapshot(now)!.rows[50]!;
    expect([oneLeg.strike, oneLeg.ce, oneLeg.pe?.symbol]).toEqual([row.strike, undefined, row.pe!.symbol]);
    expect(book.dropLeg(row.strike, 'PE')).toBe(true);
    const gone = book.snapshot(now)!;
    expect(gone.rows).toHaveLength(chain.rows.length - 1);
    expect(gone.rows.some((r) => r.strike === row.strike)).toBe(false);
    expect(book.dropLeg(row.strike, 'PE')).toBe(false);
    book.applyQuote(row.strike, 'PE', row.pe!, now);
    const back = book.snapshot(now)!.rows.find((r) => r.strike === row.strike)!;
    expect([back.ce, back.pe?.ltp]).toEqual([undefined, row.pe!.ltp]);
    book.applyChain(chain);
    expectSamePricing(readAll(book.snapshot(now)), full(chain));
  });

  it('when the forward moves every leg is solved again, as a full reprice at the new forward', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    readAll(book.snapshot(now));
    const forward = chain.forward! * (25_010 / 24_960);
    book.setUnderlying(25_010, forward, now + 1000);
    expectSamePricing(book.snapshot(now)!, full({ ...chain, spot: 25_010, forward }));
    expect(book.stats.ivSolves).toBe(404);
  });

  it('takes non-price quote fields (OI, volume) without an IV solve', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    const before = readAll(book.snapshot(now));
    const row = chain.rows[40]!;
    book.applyQuote(row.strike, 'PE', { ...row.pe!, oi: 123_450, volume: 9 }, now);
    const after = book.snapshot(now)!;
    expect(book.stats.ivSolves).toBe(202);
    expect(after.rows[40]!.pe).toMatchObject({ oi: 123_450, volume: 9, iv: before.rows[40]!.pe!.iv, delta: before.rows[40]!.pe!.delta });
  });

  it('measures T from the start of the time bucket: reads within a minute share it, the next minute solves again', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    const first = readAll(book.snapshot(now + 59_999));
    expectSamePricing(first, full(chain));
    expect(book.snapshot(now + 10_000)).toBe(first);
    const next = readAll(book.snapshot(now + 60_000));
    expect(book.stats.ivSolves).toBe(404);
    expectSamePricing(next, full(chain, yearsToExpiry(now + 60_000, expiryTs)));
    const fine = new ChainBook({ ...spec, timeBucketMs: 1000 });
    fine.applyChain(chain);
    expectSamePricing(fine.snapshot(now + 1500)!, full(chain, yearsToExpiry(now + 1000, expiryTs)));
  });

  it('a whole new chain a minute later is priced as enrichChain prices it', () => {
    const book = new ChainBook(spec);
    book.applyChain(sim(24_960));
    book.snapshot(now);
    const later = now + 60_000;
    const next = sim(24_985, later);
    book.applyChain(next);
    expectSamePricing(book.snapshot(later)!, full(next, yearsToExpiry(later, expiryTs)));
  });

  it('follows a moving strike window: strikes that left are dropped, new ones priced', () => {
    const book = new ChainBook(spec);
    book.applyChain(sim(24_960));
    book.snapshot(now);
    const shifted = sim(25_460);
    book.applyChain(shifted);
    expectSamePricing(book.snapshot(now)!, full(shifted));
  });

  it('a strike that leaves the window and comes back unchanged is not solved again', () => {
    const book = new ChainBook(spec);
    const wide = sim(24_960);
    book.applyChain(wide);
    readAll(book.snapshot(now));
    const narrow = { ...wide, rows: wide.rows.slice(40, 61) };
    book.applyChain(narrow);
    expectSamePricing(book.snapshot(now)!, full(narrow));
    book.applyChain(wide);
    expectSamePricing(book.snapshot(now)!, full(wide));
    expect(book.stats.ivSolves).toBe(202);
    // Listed again with one leg only: the other leg from before is not shown.
    book.applyChain(narrow);
    const oneLeg = { ...wide, rows: wide.rows.map((r, i) => (i === 0 ? { strike: r.strike, ce: r.ce! } : r)) };
    book.applyChain(oneLeg);
    expect(book.snapshot(now)!.rows[0]!.pe).toBeUndefined();
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

  it('says why a leg has no IV, and tries again only when its inputs move', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    const deep = chain.rows[0]!;
    // A call far below the money quoted under its intrinsic value at the current forward cannot carry an IV.
    const bad: OptionQuote = { ...deep.ce!, bid: 1, ask: 1.1, ltp: 1.05 };
    book.applyChain({ ...chain, rows: [{ strike: deep.strike, ce: bad }, ...chain.rows.slice(1)] });
    const first = book.snapshot(now)!;
    expect(first.rows[0]!.ce!.ivFailure).toBe('below-intrinsic');
    expect(failures(first)).toBeGreaterThan(0);
    book.applyQuote(deep.strike, 'CE', { ...bad, oi: 7 }, now);
    readAll(book.snapshot(now));
    expect(book.stats.ivSolves).toBe(201);
  });

  it('solves a leg only when it is read, once, whichever snapshot it is read through', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    const snap = book.snapshot(now)!;
    expect(book.stats.ivSolves).toBe(0);
    const atm = snap.rows.find((r) => r.strike === snap.atmStrike)!;
    expect(book.stats.ivSolves).toBe(0);
    const given = chain.rows.find((r) => r.strike === snap.atmStrike)!.ce!;
    expect({ oi: atm.ce!.oi, bid: atm.ce!.bid }).toEqual({ oi: given.oi, bid: given.bid });
    expect(book.stats.ivSolves).toBe(1);
    const delta = atm.ce!.delta;
    void [atm.ce!.iv, atm.ce!.gamma, atm.ce!.vega, atm.ce!.theta, atm.ce!.ivFailure];
    expect(book.stats.ivSolves).toBe(1);
    // OI moved, price did not: the next snapshot's quote is a new object sharing the solve already made.
    book.applyQuote(atm.strike, 'CE', { ...given, oi: 65 }, now);
    const later = book.snapshot(now)!.rows.find((r) => r.strike === atm.strike)!.ce!;
    expect(later).not.toBe(atm.ce);
    expect([later.oi, later.delta]).toEqual([65, delta]);
    expect(book.stats.ivSolves).toBe(1);
    expectSamePricing(snap, full(chain));
    expect(book.stats.ivSolves).toBe(202);
  });

  it('a lazily priced row reads and serialises as the plain row it stands for', () => {
    const book = new ChainBook(spec);
    const chain = sim(24_960);
    book.applyChain(chain);
    const row = book.snapshot(now)!.rows[50]!;
    const plain = full(chain).rows[50]!;
    expect(Object.keys(row.pe!)).toEqual(Object.keys(plain.pe!));
    expect(Object.isFrozen(row) && Object.isFrozen(row.ce)).toBe(true);
    expect(() => Object.assign(row, { strike: 1 })).toThrow();
    expect(row.pe).toBe(row.pe);
    const json = JSON.parse(JSON.stringify(row)) as ChainRow;
    expect(json).toEqual({ strike: row.strike, ce: { ...row.ce }, pe: { ...row.pe } });
    expect(json.pe!.iv).toBeCloseTo(plain.pe!.iv!, 12);
    const oneLeg = new ChainBook(spec);
    oneLeg.applyChain({ ...chain, rows: [{ strike: row.strike, ce: chain.rows[50]!.ce! }] });
    const only = oneLeg.snapshot(now)!.rows[0]!;
    expect(only.pe).toBeUndefined();
    expect(JSON.parse(JSON.stringify(only))).toEqual({ strike: row.strike, ce: { ...only.ce } });
  });

  it('has no snapshot before quotes arrive', () => {
    expect(new ChainBook(spec).snapshot(now)).toBeUndefined();
  });
});

/**
 * Arbitrary update sequences (seeded): single-leg price moves, non-price changes, spot and forward moves
 * (or none, so the synthetic forward from the ATM pair is used), whole chains with a shifted window, time
 * passing inside and across buckets, and reads in between. After every read the incremental chain must
 * equal a full `enrichChain` of the same quotes to 1e-9, and the solves of that read must be exactly the
 * legs whose price, forward or time bucket moved since they were last solved.
 */
describe('ChainBook: incremental equals a full reprice after arbitrary updates', () => {
  type Leg = { quote: OptionQuote; solvedAt?: { price: number; F: number; T: number } };

  function run(seed: number): { reads: number; solves: number; legsRead: number } {
    const random = createRandom(seed);
    const book = new ChainBook(spec);
    const legs = new Map<string, Leg>();
    const parked = new Map<string, Leg>();
    let spot = 24_960;
    let forward: number | undefined;
    let t = now;
    const key = (strike: number, right: 'CE' | 'PE'): string => `${strike}|${right}`;
    const loadChain = (c: OptionChain): void => {
      book.applyChain({ ...c, ...(forward === undefined ? { forward: undefined } : { forward }) });
      const present = new Set<string>();
      for (const r of c.rows) {
        for (const right of ['CE', 'PE'] as const) {
          const q = right === 'CE' ? r.ce! : r.pe!;
          const k = key(r.strike, right);
          present.add(k);
          // A strike that left the window keeps its last solve in the book: it is solved again only if its inputs moved.
          const old = legs.get(k) ?? parked.get(k);
          parked.delete(k);
          legs.set(k, { quote: q, ...(old?.solvedAt ? { solvedAt: old.solvedAt } : {}) });
        }
      }
      for (const [k, leg] of [...legs]) {
        if (present.has(k)) continue;
        legs.delete(k);
        parked.set(k, leg);
      }
    };
    const reference = (): OptionChain => {
      const strikes = [...new Set([...legs.keys()].map((k) => Number(k.split('|')[0])))].sort((a, b) => a - b);
      const rows = strikes.map((strike) => {
        const ce = legs.get(key(strike, 'CE'))?.quote;
        const pe = legs.get(key(strike, 'PE'))?.quote;
        return { strike, ...(ce ? { ce } : {}), ...(pe ? { pe } : {}) };
      });
      return { underlying: 'NIFTY', exchange: 'NFO', expiry: spec.expiry, expiryTs, ts: t, spot, ...(forward === undefined ? {} : { forward }), atmStrike: 0, lotSize: 65, tickSize: 0.05, rows };
    };
    forward = spot * 1.004;
    book.setUnderlying(spot, forward, t);
    loadChain(sim(spot, t));
    let reads = 0;
    let solves = 0;
    let legsRead = 0;
    for (let step = 0; step < 400; step++) {
      const op = random.next();
      const keys = [...legs.keys()];
      if (op < 0.35) {
        const k = keys[random.int(0, keys.length - 1)]!;
        const leg = legs.get(k)!;
        const d = 0.05 * random.int(-20, 20);
        const q: OptionQuote = random.next() < 0.3 ? { ...leg.quote, oi: leg.quote.oi + 65, volume: leg.quote.volume + 1 } : { ...leg.quote, bid: Math.max(0, leg.quote.bid + d), ask: Math.max(0.05, leg.quote.ask + d), ltp: Math.max(0.05, leg.quote.ltp + d) };
        const [strike, right] = k.split('|') as [string, 'CE' | 'PE'];
        book.applyQuote(Number(strike), right, q, t);
        legs.set(k, { ...leg, quote: q });
      } else if (op < 0.5) {
        spot = Math.round(spot * (1 + 0.001 * random.normal()) * 20) / 20;
        forward = random.next() < 0.3 ? undefined : Math.round(spot * 1.004 * 20) / 20;
        book.setUnderlying(spot, forward, t);
      } else if (op < 0.55) {
        spot += 50 * random.int(-8, 8);
        loadChain(sim(spot, t));
      } else if (op < 0.7) {
        t += random.int(1, 90) * 1000;
      } else {
        const snap = book.snapshot(t)!;
        const T = yearsToExpiry(t - (t % 60_000), expiryTs);
        const want = full(reference(), T);
        expectSamePricing(snap, want);
        let expected = 0;
        for (const leg of legs.values()) {
          const price = quotePrice(leg.quote);
          const at = leg.solvedAt;
          if (!at || !Object.is(at.price, price) || at.F !== want.forward || at.T !== T) {
            expected++;
            leg.solvedAt = { price, F: want.forward!, T };
          }
        }
        const before = book.stats.ivSolves;
        expect(before - solves).toBe(expected);
        solves = before;
        legsRead += legs.size;
        reads++;
      }
    }
    return { reads, solves, legsRead };
  }

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}`, () => {
      const { reads, solves, legsRead } = run(seed);
      expect(reads).toBeGreaterThan(80);
      // Some reads were answered without solving every leg again: the incremental path was exercised.
      expect(solves).toBeLessThan(legsRead);
    });
  }
});

/** `chain` as a deferred chain, each call of `leg` noted in `asked` ("24950CE"). */
function deferredOf(chain: OptionChain, asked: string[] = [], key?: number): DeferredChain {
  const { rows, ...rest } = chain;
  const byStrike = new Map(rows.map((r) => [r.strike, r]));
  return {
    ...rest,
    ...(key !== undefined ? { key } : {}),
    strikes: rows.map((r) => r.strike),
    leg: (strike, right) => {
      asked.push(`${strike}${right}`);
      const row = byStrike.get(strike)!;
      return (right === 'CE' ? row.ce : row.pe)!;
    },
  };
}

describe('ChainBook: deferred chains (legs priced when read)', () => {
  it('prices only the legs read, each exactly as the same chain applied whole', () => {
    const whole = new ChainBook(spec);
    const lazy = new ChainBook(spec);
    const chain = sim(24_960);
    const asked: string[] = [];
    whole.applyChain(chain);
    lazy.applyDeferredChain(deferredOf(chain, asked));
    const a = whole.snapshot(now)!;
    const b = lazy.snapshot(now)!;
    expect(b.rows.map((r) => r.strike)).toEqual(a.rows.map((r) => r.strike));
    expect([b.forward, b.atmStrike, b.spot, b.ts]).toEqual([a.forward, a.atmStrike, a.spot, a.ts]);
    expect(asked).toEqual([]);
    const atm = b.rows.findIndex((r) => r.strike === b.atmStrike);
    expect(b.rows[atm]!.ce).toEqual(a.rows[atm]!.ce);
    expect(b.rows[atm + 3]!.pe).toEqual(a.rows[atm + 3]!.pe);
    expect(b.rows[atm]!.ce).toBe(b.rows[atm]!.ce);
    expect(asked).toEqual([`${b.atmStrike}CE`, `${b.rows[atm + 3]!.strike}PE`]);
    expect(lazy.stats.ivSolves).toBe(2);
  });

  it.each([11, 12, 13, 14, 15, 16, 17, 18])('over moving chains, whatever was left unread, reads equal those of the chains applied whole (seed %i)', (seed) => {
    const random = createRandom(seed);
    const whole = new ChainBook(spec);
    const lazy = new ChainBook(spec);
    const asked: string[] = [];
    let t = now;
    let spot = 24_960;
    let key = 0;
    const older: [OptionChain, OptionChain][] = [];
    for (let step = 0; step < 150; step++) {
      // As the simulated market's: a new instant (the key) moves the spot or not; the same instant again gives the same chain.
      if (random.next() < 0.5) {
        t += random.int(1, 90) * 1000;
        key++;
        if (random.next() < 0.7) spot = Math.round((spot + 20 * random.normal()) * 20) / 20;
      }
      const chain = sim(spot, t);
      whole.applyChain(chain);
      lazy.applyDeferredChain(deferredOf(chain, asked, key));
      if (random.next() < 0.3) continue;
      const a = whole.snapshot(t)!;
      const b = lazy.snapshot(t)!;
      older.push([a, b]);
      for (let k = 0; k < 6; k++) {
        const i = random.int(0, a.rows.length - 1);
        const right = random.next() < 0.5 ? 'ce' : 'pe';
        expect(b.rows[i]![right]).toEqual(a.rows[i]![right]);
      }
      // An older snapshot read late prices as it would have then.
      const [oa, ob] = older[random.int(0, older.length - 1)]!;
      const j = random.int(0, oa.rows.length - 1);
      expect(ob.rows[j]!.pe).toEqual(oa.rows[j]!.pe);
    }
    // A few legs of each chain were priced, of 202 each: the whole chains' every leg.
    expect(asked.length).toBeLessThan(0.1 * 202 * 150);
    expect(lazy.stats.ivSolves).toBeLessThanOrEqual(whole.stats.ivSolves);
  });

  it('a quote streamed after a deferred chain replaces its leg, and a deferred chain after a quote counts as a change', () => {
    const lazy = new ChainBook(spec);
    const chain = sim(24_960);
    lazy.applyDeferredChain(deferredOf(chain));
    const first = lazy.snapshot(now)!;
    const row = first.rows[50]!;
    const moved: OptionQuote = { ...chain.rows[50]!.ce!, bid: chain.rows[50]!.ce!.bid + 1, ask: chain.rows[50]!.ce!.ask + 1 };
    expect(lazy.applyQuote(row.strike, 'CE', moved, now)).toBe(true);
    const second = lazy.snapshot(now)!;
    expect(second).not.toBe(first);
    expect(second.rows[50]!.ce!.bid).toBe(moved.bid);
    // The old snapshot still shows the deferred chain's quote.
    expect(first.rows[50]!.ce!.bid).toBe(chain.rows[50]!.ce!.bid);
    lazy.applyDeferredChain(deferredOf(chain));
    expect(lazy.snapshot(now)!.rows[50]!.ce!.bid).toBe(chain.rows[50]!.ce!.bid);
  });

  it('without a forward, the synthetic forward prices the pair nearest spot, as a whole chain does', () => {
    const whole = new ChainBook(spec);
    const lazy = new ChainBook(spec);
    const { forward: _forward, ...chain } = sim(24_960);
    whole.applyChain(chain);
    const asked: string[] = [];
    lazy.applyDeferredChain(deferredOf(chain, asked));
    const b = lazy.snapshot(now)!;
    expect(b.forward).toBe(whole.snapshot(now)!.forward);
    expect(asked).toEqual(['24950CE', '24950PE']);
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
