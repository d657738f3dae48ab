import type { OptionRight } from '#model/instrument';
import type { DayBasis } from './black.ts';
import { enrichQuote, nearestStrike, quotePrice, type ChainRow, type DeferredChain, type EnrichOptions, type OptionChain, type OptionQuote } from './chain.ts';
import { yearsToExpiry } from './expiry.ts';

export interface ChainBookSpec {
  readonly underlying: string;
  readonly exchange: string;
  /** Expiry trading day, YYYY-MM-DD. */
  readonly expiry: string;
  /** Expiry instant, epoch ms. */
  readonly expiryTs: number;
  readonly lotSize?: number;
  readonly tickSize: number;
  /** Risk-free rate for Black-76, decimal. */
  readonly r: number;
  readonly basis?: DayBasis;
  /**
   * Time to expiry is measured from the start of the bucket `now` falls in (default a minute): reads within
   * one bucket share T, so a leg whose quote and forward did not move is not solved again. Bots read at
   * bar closes, at or just after a bucket's start.
   */
  readonly timeBucketMs?: number;
}

export const DEFAULT_TIME_BUCKET_MS = 60_000;

interface LegState {
  readonly strike: number;
  readonly right: OptionRight;
  /** The last quote known (undefined: only a deferred chain has it, not yet asked for). */
  quote: OptionQuote | undefined;
  /** A deferred chain newer than `quote`, not yet in a snapshot. */
  pending: DeferredChain | undefined;
  /** The key of the deferred chain the leg's newest quote comes from (`DeferredChain.key`). */
  key: number | undefined;
  /** The newest snapshot's cell when its quote is still deferred: `quote` and the fields below are older. */
  unresolved: Cell | undefined;
  /** Quote fields other than the price changed since `cell` was made: a new cell takes them, the IV stays. */
  stale: boolean;
  /** The price, F and T of `solve` (NaN before the first). */
  price: number;
  F: number;
  T: number;
  /** The last solved IV: where the next solve of this leg starts. */
  vol: number | undefined;
  /** The IV and Greeks at the current inputs, solved when first read. */
  solve: Solve | undefined;
  /** The leg as the latest snapshot shows it. */
  cell: Cell | undefined;
}

/** One leg's IV and Greeks at one set of inputs: solved once, the first time the leg is read. */
interface Solve {
  readonly book: ChainBook;
  readonly leg: LegState;
  readonly quote: OptionQuote;
  readonly right: OptionRight;
  readonly K: number;
  readonly F: number;
  readonly o: EnrichOptions;
  done?: OptionQuote;
}

/**
 * A leg in one snapshot: its quote and its solve, made into the priced quote when first read. A deferred
 * cell has neither until then: its chain prices the quote, and the solve is chosen as a whole chain's
 * snapshot would have chosen it: the leg's last solve is kept when price, forward and T did not move since
 * it, which is known only when no unread deferred cell came between (`afterResolved`); after one, a
 * whole chain kept either a solve made since (not yet solved, or solved from the same start) or made a new
 * one, and a new solve gives the same IV.
 */
interface Cell {
  solve?: Solve;
  quote?: OptionQuote;
  /** Until resolved: a resolved cell lets its chain go. */
  deferred?: { readonly book: ChainBook; readonly leg: LegState; readonly chain: DeferredChain; readonly F: number; readonly o: EnrichOptions; readonly afterResolved: boolean };
  out?: OptionQuote;
}

function solved(s: Solve): OptionQuote {
  if (!s.done) {
    const out = enrichQuote(s.quote, s.right, s.F, s.K, s.o, s.leg.vol);
    s.book.stats.ivSolves++;
    // An older snapshot read late must not move the start of the leg's current solve.
    if (out.iv !== undefined && s.leg.solve === s) s.leg.vol = out.iv;
    s.done = Object.freeze(out);
  }
  return s.done;
}

function priced(c: Cell): OptionQuote {
  if (!c.out) {
    if (c.deferred) resolve(c, c.deferred);
    const solve = c.solve!;
    const g = solved(solve);
    c.out = c.quote === solve.quote ? g : Object.freeze({ ...c.quote!, iv: g.iv, delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, ivFailure: g.ivFailure });
  }
  return c.out;
}

/** Prices a deferred cell's quote and picks its solve; the newest snapshot's cell brings the leg's state up to date. */
function resolve(c: Cell, d: NonNullable<Cell['deferred']>): void {
  const { leg, F, o } = d;
  const quote = d.chain.leg(leg.strike, leg.right);
  const price = quotePrice(quote);
  const kept = d.afterResolved && leg.solve && Object.is(price, leg.price) && Object.is(F, leg.F) && Object.is(o.T, leg.T);
  const solve = kept ? leg.solve! : { book: d.book, leg, quote, right: leg.right, K: leg.strike, F, o };
  c.quote = quote;
  c.solve = solve;
  c.deferred = undefined;
  if (leg.unresolved !== c) return;
  leg.unresolved = undefined;
  leg.quote = quote;
  leg.solve = solve;
  leg.price = price;
  leg.F = F;
  leg.T = o.T;
}

/**
 * A leg's unread deferred cell once its strike left the listing: its chain is let go (a wide window's far
 * legs would keep every chain that listed them), and the leg's next cell knows an unread one came between.
 */
const LET_GO: Cell = Object.freeze({});

/** The newest quote of a leg, priced now if it is deferred. */
function latestQuote(leg: LegState): OptionQuote {
  const chain = leg.pending ?? leg.unresolved?.deferred?.chain;
  return chain ? chain.leg(leg.strike, leg.right) : leg.quote!;
}

/**
 * A snapshot row whose legs are priced when first read: a reader of the ATM pair, or of the strikes a
 * delta search walks, solves only those. The legs are getters on the class (own getters on every row cost
 * ten times as much to build), so a spread or a structured clone of a row copies only its strike: read
 * `ce` and `pe`. JSON gives the whole row.
 */
class LazyRow implements ChainRow {
  readonly strike: number;
  readonly #ce: Cell | undefined;
  readonly #pe: Cell | undefined;

  constructor(strike: number, ce: Cell | undefined, pe: Cell | undefined) {
    this.strike = strike;
    this.#ce = ce;
    this.#pe = pe;
    Object.freeze(this);
  }

  get ce(): OptionQuote | undefined {
    return this.#ce && priced(this.#ce);
  }

  get pe(): OptionQuote | undefined {
    return this.#pe && priced(this.#pe);
  }

  toJSON(): ChainRow {
    const { ce, pe } = this;
    return { strike: this.strike, ...(ce ? { ce } : {}), ...(pe ? { pe } : {}) };
  }
}

interface RowState {
  readonly strike: number;
  ce?: LegState;
  pe?: LegState;
  out?: ChainRow;
}

export interface ChainBookStats {
  /** IV solves run: one per leg and set of its inputs (price, forward, time bucket), when a reader first reads the leg. */
  ivSolves: number;
  /** Snapshots built, and reads answered with the previous snapshot because nothing moved. */
  snapshots: number;
  reused: number;
}

const RIGHTS: readonly OptionRight[] = ['CE', 'PE'];

const sameQuote = (a: OptionQuote, b: OptionQuote): boolean =>
  a.ltp === b.ltp && a.bid === b.bid && a.ask === b.ask && a.bidQty === b.bidQty && a.askQty === b.askQty && a.volume === b.volume && a.oi === b.oi && a.symbol === b.symbol;

/**
 * One option chain (underlying + expiry) kept up to date incrementally. Quotes arrive per leg or as a
 * whole chain; a snapshot is priced only when read, and then only legs whose inputs moved are solved
 * again: a leg's IV and Greeks are a function of its quote price, the forward and T (in its time bucket),
 * so a snapshot is exactly what `enrichChain` gives for the same quotes, but a leg whose three inputs did
 * not move keeps its output, and a re-solve starts from the leg's last IV. A leg is solved only when it is
 * first read: a bot reading an ATM pair or four condor legs off a wide chain solves those.
 * Reading twice with nothing changed returns the same frozen snapshot, so every bot reading this chain at
 * one instant shares one object. A deferred chain (`applyDeferredChain`) goes further: a leg's quote itself
 * is priced only when the leg is first read, and reads as the same chain applied whole would read.
 */
export class ChainBook {
  readonly spec: ChainBookSpec;
  readonly stats: ChainBookStats = { ivSolves: 0, snapshots: 0, reused: 0 };
  /**
   * Every strike seen, listed or not: a strike a whole chain stopped listing keeps its state, so when a
   * wider window lists it again (the simulator quotes wide chains on request) its solve starts warm.
   */
  private readonly rowsByStrike = new Map<number, RowState>();
  private readonly listed = new Set<number>();
  /** The listed strikes, ascending: the snapshot's rows. */
  private strikes: number[] = [];
  private listingChanged = false;
  private pinned = new Set<number>();
  private spot = NaN;
  private forward: number | undefined;
  private quoteTs = 0;
  private changed = true;
  private last: OptionChain | undefined;
  private lastT = NaN;

  constructor(spec: ChainBookSpec) {
    this.spec = spec;
  }

  /** Spot (and the forward, when the source knows it from futures); without a forward the synthetic one is used. */
  setUnderlying(spot: number, forward: number | undefined, ts: number): void {
    if (spot !== this.spot || forward !== this.forward) this.changed = true;
    this.spot = spot;
    this.forward = forward;
    this.quoteTs = Math.max(this.quoteTs, ts);
  }

  /** One leg's quote (a streaming update). Returns whether anything changed. */
  applyQuote(strike: number, right: OptionRight, quote: OptionQuote, ts: number): boolean {
    const listed = this.listed.size;
    const changed = this.write(strike, right, quote, ts);
    if (this.listed.size !== listed) this.relist();
    return changed;
  }

  /** `applyQuote` without re-sorting the strikes: a whole chain sorts once. */
  private write(strike: number, right: OptionRight, quote: OptionQuote, ts: number): boolean {
    this.quoteTs = Math.max(this.quoteTs, ts);
    let row = this.rowsByStrike.get(strike);
    if (!row) {
      row = { strike };
      this.rowsByStrike.set(strike, row);
    }
    this.listed.add(strike);
    const leg = right === 'CE' ? row.ce : row.pe;
    if (!leg) {
      this.addLeg(row, right, quote, undefined);
      return true;
    }
    // A deferred quote is not priced to be compared: the leg counts as changed.
    if (!leg.pending && !leg.unresolved && sameQuote(leg.quote!, quote)) return false;
    leg.pending = undefined;
    leg.unresolved = undefined;
    leg.key = undefined;
    leg.stale = true;
    leg.quote = quote;
    this.changed = true;
    return true;
  }

  private addLeg(row: RowState, right: OptionRight, quote: OptionQuote | undefined, pending: DeferredChain | undefined): void {
    const fresh: LegState = { strike: row.strike, right, quote, pending, key: pending?.key, unresolved: undefined, stale: false, price: NaN, F: NaN, T: NaN, vol: undefined, solve: undefined, cell: undefined };
    if (right === 'CE') row.ce = fresh;
    else row.pe = fresh;
    this.changed = true;
  }

  /**
   * A whole chain whose legs are priced only when read: listed as `applyChain` lists a chain, every leg
   * counted as changed unless its last quote came from a chain with the same key (a quote is not priced to
   * be compared), and a snapshot's leg priced when first read.
   */
  applyDeferredChain(chain: DeferredChain): void {
    this.setUnderlying(chain.spot, chain.forward, chain.ts);
    this.quoteTs = Math.max(this.quoteTs, chain.ts);
    for (const strike of chain.strikes) {
      let row = this.rowsByStrike.get(strike);
      if (!row) {
        row = { strike };
        this.rowsByStrike.set(strike, row);
      }
      this.listed.add(strike);
      for (const right of RIGHTS) {
        const leg = right === 'CE' ? row.ce : row.pe;
        if (!leg) this.addLeg(row, right, undefined, chain);
        else if (chain.key === undefined || leg.key !== chain.key) {
          leg.pending = chain;
          leg.key = chain.key;
          this.changed = true;
        }
      }
    }
    this.unlistAbsent(new Set(chain.strikes));
  }

  /**
   * Takes one leg out of the snapshots (its quote went stale: a streamed chain whose poll fails keeps only
   * the legs still streaming). A strike left with neither leg is no longer listed; the next quote of the
   * leg, streamed or in a whole chain, brings it back. Returns whether the leg was there.
   */
  dropLeg(strike: number, right: OptionRight): boolean {
    const row = this.rowsByStrike.get(strike);
    if (!row || !this.listed.has(strike) || !(right === 'CE' ? row.ce : row.pe)) return false;
    if (right === 'CE') delete row.ce;
    else delete row.pe;
    delete row.out;
    this.changed = true;
    if (!row.ce && !row.pe) {
      this.listed.delete(strike);
      this.relist();
    }
    return true;
  }

  /**
   * Strikes kept when a whole chain no longer lists them: the engine pins the strikes of held legs, whose
   * quotes it streams with `applyQuote`, so a position stays marked after spot runs away from it.
   */
  pin(strikes: Iterable<number>): void {
    this.pinned = new Set(strikes);
  }

  /**
   * A whole chain (an OpenAlgo poll, the simulator): its strike set replaces this one's (pinned strikes
   * stay), and only legs whose quote differs are marked. Returns the number of legs that changed.
   */
  applyChain(chain: OptionChain): number {
    this.setUnderlying(chain.spot, chain.forward, chain.ts);
    let n = 0;
    const present = new Set<number>();
    for (const row of chain.rows) {
      present.add(row.strike);
      const parked = this.listed.has(row.strike) ? undefined : this.rowsByStrike.get(row.strike);
      // A strike listed again shows only the legs this chain quotes, never a leg left from before.
      if (parked && ((!row.ce && parked.ce) || (!row.pe && parked.pe))) {
        if (!row.ce) delete parked.ce;
        if (!row.pe) delete parked.pe;
        delete parked.out;
      }
      if (row.ce && this.write(row.strike, 'CE', row.ce, chain.ts)) n++;
      if (row.pe && this.write(row.strike, 'PE', row.pe, chain.ts)) n++;
    }
    this.unlistAbsent(present);
    return n;
  }

  /** After a whole chain was written: strikes it does not list leave the listing (pinned ones stay). */
  private unlistAbsent(present: ReadonlySet<number>): void {
    // `strikes` is the listing before this chain, and writing only adds to it.
    const grew = this.listed.size !== this.strikes.length;
    const before = this.listed.size;
    for (const k of this.listed) {
      if (present.has(k) || this.pinned.has(k)) continue;
      this.listed.delete(k);
      const row = this.rowsByStrike.get(k)!;
      for (const leg of [row.ce, row.pe]) {
        if (!leg || !(leg.pending || leg.unresolved)) continue;
        leg.pending = undefined;
        leg.key = undefined;
        leg.unresolved = LET_GO;
        leg.cell = undefined;
        delete row.out;
      }
    }
    if (grew || this.listed.size !== before) this.relist();
  }

  private relist(): void {
    this.strikes = [...this.listed].sort((a, b) => a - b);
    this.listingChanged = true;
    this.changed = true;
  }

  /** Years to expiry at the start of `now`'s time bucket, in the spec's basis. */
  yearsAt(now: number): number {
    const bucket = this.spec.timeBucketMs ?? DEFAULT_TIME_BUCKET_MS;
    return yearsToExpiry(now - (((now % bucket) + bucket) % bucket), this.spec.expiryTs, this.spec.basis ?? 'calendar');
  }

  /** The chain priced at `now`: IV and Greeks on every leg, solved again only where inputs moved. */
  snapshot(now: number): OptionChain | undefined {
    if (this.strikes.length === 0 || !(this.spot > 0)) return undefined;
    const T = this.yearsAt(now);
    if (!this.changed && this.last && T === this.lastT) {
      this.stats.reused++;
      return this.last;
    }
    const o: EnrichOptions = { r: this.spec.r, T, basis: this.spec.basis ?? 'calendar' };
    const F = this.forward ?? this.syntheticForward(T) ?? this.spot * Math.exp(o.r * T);
    let rowsChanged = this.last === undefined || this.listingChanged;
    const rows: ChainRow[] = [];
    for (const strike of this.strikes) {
      const row = this.rowsByStrike.get(strike)!;
      const ceMoved = row.ce ? this.price(row.ce, 'CE', strike, F, o) : false;
      const peMoved = row.pe ? this.price(row.pe, 'PE', strike, F, o) : false;
      if (ceMoved || peMoved || !row.out) {
        row.out = new LazyRow(strike, row.ce?.cell, row.pe?.cell);
        rowsChanged = true;
      }
      rows.push(row.out);
    }
    const { underlying, exchange, expiry, expiryTs, lotSize, tickSize } = this.spec;
    this.last = Object.freeze({
      underlying,
      exchange,
      expiry,
      expiryTs,
      ts: this.quoteTs,
      spot: this.spot,
      forward: F,
      atmStrike: nearestStrike(rows, F),
      ...(lotSize !== undefined ? { lotSize } : {}),
      tickSize,
      rows: rowsChanged || !this.last ? Object.freeze(rows) : this.last.rows,
    });
    this.lastT = T;
    this.changed = false;
    this.listingChanged = false;
    this.stats.snapshots++;
    return this.last;
  }

  /** Brings one leg's output up to date (its solve waiting for a reader); returns whether it changed. */
  private price(leg: LegState, right: OptionRight, K: number, F: number, o: EnrichOptions): boolean {
    const deferred = leg.pending ?? leg.unresolved?.deferred?.chain;
    if (deferred) {
      const last = leg.unresolved?.deferred;
      if (!leg.pending && last && Object.is(F, last.F) && Object.is(o.T, last.o.T)) return false;
      leg.pending = undefined;
      leg.unresolved = { deferred: { book: this, leg, chain: deferred, F, o, afterResolved: !leg.unresolved } };
      leg.cell = leg.unresolved;
      leg.stale = false;
      return true;
    }
    const quote = leg.quote!;
    const price = quotePrice(quote);
    if (!leg.solve || !Object.is(price, leg.price) || !Object.is(F, leg.F) || !Object.is(o.T, leg.T)) {
      leg.solve = { book: this, leg, quote, right, K, F, o };
      leg.price = price;
      leg.F = F;
      leg.T = o.T;
    } else if (!leg.stale) return false;
    leg.cell = { solve: leg.solve, quote };
    leg.stale = false;
    return true;
  }

  /** F = K + e^{rT}(C − P) from the pair nearest spot (market.md §3.2), as `syntheticForward`. */
  private syntheticForward(T: number): number | undefined {
    let best: RowState | undefined;
    for (const k of this.strikes) {
      if (!best || Math.abs(k - this.spot) < Math.abs(best.strike - this.spot)) best = this.rowsByStrike.get(k);
    }
    if (!best?.ce || !best.pe) return undefined;
    return best.strike + Math.exp(this.spec.r * T) * (quotePrice(latestQuote(best.ce)) - quotePrice(latestQuote(best.pe)));
  }
}
