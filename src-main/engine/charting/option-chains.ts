import { istDateKey } from '#core/time-ist';
import { instrumentId } from '#model/ids';
import { ChainCache } from '#options/chain-cache';
import type { ChainBook } from '#options/chain-book';
import type { ChainRow, DeferredChain, OptionChain, OptionQuote } from '#options/chain';
import { yearsToExpiry } from '#options/expiry';
import { expectedMove } from '#options/iv-stats';

export interface ChainLegView {
  readonly instrumentId: string;
  readonly ltp: number;
  readonly bid: number;
  readonly ask: number;
  readonly iv?: number;
  readonly delta?: number;
  readonly oi: number;
  readonly oiChange?: number;
}

export interface ChainView {
  readonly underlying: string;
  readonly expiries: string[];
  readonly expiry?: string;
  readonly expiryTs?: number;
  readonly ts: number;
  readonly spot?: number;
  readonly forward?: number;
  readonly atmStrike?: number;
  readonly lotSize?: number;
  readonly atmIv?: number;
  readonly expectedMove?: number;
  readonly rows: { readonly strike: number; readonly ce?: ChainLegView; readonly pe?: ChainLegView }[];
  readonly message?: string;
}

/** Asks a chain's source for at least `strikesEachSide` strikes each side of the money, as of `now`. */
export type WidenChain = (underlying: string, expiry: string, strikesEachSide: number, now: number) => void;

/**
 * The option chains the screens show, kept in one shared `ChainCache` (incremental: IV is solved only for
 * legs whose price moved). Whole chains are written in as their source prices them (the simulated market
 * each second; OpenAlgo's option chain every few seconds in paper and live mode, whose failures are shown
 * as the chain's message); a read prices the book at `now` and cuts the strikes
 * around the money. OI change is measured from the first OI seen for the leg on this IST day.
 */
export class OptionChains {
  readonly cache = new ChainCache();
  private readonly r: number;
  /** `symbol` → the day and the OI first seen that day. */
  private readonly dayOi = new Map<string, { day: string; oi: number }>();
  private day = '';
  /** `underlying|expiry` → why its source gives no fresh chain (OpenAlgo's chain failing), shown with it. */
  private readonly problems = new Map<string, { readonly underlying: string; readonly expiry: string; readonly message: string }>();

  private readonly widen: WidenChain | undefined;

  constructor(r: number, widen?: WidenChain) {
    this.r = r;
    this.widen = widen;
  }

  /** A freshly priced whole chain from its source. */
  applyChain(chain: OptionChain): void {
    const day = this.rollDay(chain.ts);
    for (const row of chain.rows) for (const q of [row.ce, row.pe]) if (q?.symbol) this.noteOi(q.symbol, day, q.oi);
    this.ensure(chain).applyChain(chain);
  }

  /** The IST day of `ts`; a new day forgets the OI first seen on the last. */
  private rollDay(ts: number): string {
    const day = istDateKey(ts);
    if (day !== this.day) {
      this.dayOi.clear();
      this.day = day;
    }
    return day;
  }

  private ensure(chain: Omit<OptionChain, 'rows'>): ChainBook {
    return this.cache.ensure({ underlying: chain.underlying, exchange: chain.exchange, expiry: chain.expiry, expiryTs: chain.expiryTs, tickSize: chain.tickSize, r: this.r, ...(chain.lotSize !== undefined ? { lotSize: chain.lotSize } : {}) });
  }

  /**
   * A whole chain priced only where read (the simulated market's reply to a bot's request in a backtest):
   * a leg's OI counts as seen when the leg is first read.
   */
  applyDeferredChain(chain: DeferredChain): void {
    const day = this.rollDay(chain.ts);
    const leg = (strike: number, right: 'CE' | 'PE'): OptionQuote => {
      const q = chain.leg(strike, right);
      if (q.symbol && day === this.day) this.noteOi(q.symbol, day, q.oi);
      return q;
    };
    this.ensure(chain).applyDeferredChain({ ...chain, leg });
  }

  /** Records (or with undefined clears) why the source has no fresh `underlying` `expiry` chain. */
  noteProblem(underlying: string, expiry: string, message: string | undefined): void {
    const key = `${underlying}|${expiry}`;
    if (message === undefined) this.problems.delete(key);
    else this.problems.set(key, { underlying, expiry, message });
  }

  /** The chain of `underlying` for `expiry` (default: the nearest), `strikesEachSide` strikes around the money. */
  view(underlying: string, expiry: string | undefined, strikesEachSide: number, now: number): ChainView {
    this.cache.prune(now);
    const failing = [...this.problems.values()].filter((p) => p.underlying === underlying && istDateKey(now) <= p.expiry);
    const expiries = [...new Set([...this.cache.expiries(underlying), ...failing.map((p) => p.expiry)])].sort();
    const chosen = expiry ?? expiries[0];
    const base = { underlying, expiries, ts: now };
    const problem = failing.find((p) => p.expiry === chosen)?.message;
    if (!chosen) return { ...base, rows: [], message: `no option quotes for ${underlying} yet` };
    this.widen?.(underlying, chosen, strikesEachSide, now);
    const chain = this.cache.read(underlying, chosen, now);
    if (!chain) return { ...base, expiry: chosen, rows: [], message: problem ?? `no quotes for the ${underlying} ${chosen} expiry` };
    const day = istDateKey(now);
    const atmIndex = chain.rows.findIndex((r) => r.strike === chain.atmStrike);
    const from = Math.max(0, atmIndex - strikesEachSide);
    const rows = chain.rows.slice(from, atmIndex + strikesEachSide + 1).map((row) => this.row(chain, row, day));
    const atm = chain.rows[atmIndex];
    const ivs = [atm?.ce?.iv, atm?.pe?.iv].filter((v): v is number => v !== undefined && Number.isFinite(v));
    const atmIv = ivs.length ? ivs.reduce((a, b) => a + b, 0) / ivs.length : undefined;
    const T = yearsToExpiry(now, chain.expiryTs, 'calendar');
    const forward = chain.forward;
    return {
      ...base,
      expiry: chain.expiry,
      expiryTs: chain.expiryTs,
      ts: chain.ts,
      spot: chain.spot,
      ...(forward !== undefined ? { forward } : {}),
      atmStrike: chain.atmStrike,
      ...(chain.lotSize !== undefined ? { lotSize: chain.lotSize } : {}),
      ...(atmIv !== undefined ? { atmIv } : {}),
      ...(atmIv !== undefined && forward !== undefined && T > 0 ? { expectedMove: expectedMove(forward, atmIv, T) } : {}),
      rows,
      ...(problem !== undefined ? { message: problem } : {}),
    };
  }

  private noteOi(symbol: string, day: string, oi: number): void {
    const seen = this.dayOi.get(symbol);
    if (!seen || seen.day !== day) this.dayOi.set(symbol, { day, oi });
  }

  private row(chain: OptionChain, row: ChainRow, day: string): ChainView['rows'][number] {
    const leg = (q: OptionQuote | undefined): ChainLegView | undefined => {
      if (!q?.symbol) return undefined;
      const first = this.dayOi.get(q.symbol);
      return {
        instrumentId: instrumentId(chain.exchange, q.symbol),
        ltp: q.ltp,
        bid: q.bid,
        ask: q.ask,
        ...(q.iv !== undefined && Number.isFinite(q.iv) ? { iv: q.iv } : {}),
        ...(q.delta !== undefined && Number.isFinite(q.delta) ? { delta: q.delta } : {}),
        oi: q.oi,
        ...(first && first.day === day ? { oiChange: q.oi - first.oi } : {}),
      };
    };
    const ce = leg(row.ce);
    const pe = leg(row.pe);
    return { strike: row.strike, ...(ce ? { ce } : {}), ...(pe ? { pe } : {}) };
  }
}
