import type Database from 'better-sqlite3';
import { istDateKey } from '#core/time-ist';
import { indexInstrument, UNDERLYINGS, VIX_ID } from '#market/feeds/simulator/instruments';
import { createSqliteBarCache } from '#market/history/bar-cache';
import { nseCalendar, type SessionCalendar } from '#market/session-calendar';
import { CONTRACT_SPECS } from '#options/contract-specs';
import { yearsToExpiry } from '#options/expiry';
import { buildSmile, smileVols, solveStrikes, type ContractClose, type ImportedSmile, type SolvedStrikes } from '#options/imported-smile';
import { liveVols } from '#options/live-vols';
import { expiryCode } from '#options/option-symbol';
import type { ChainVolQuery, ChainVolSource } from '#engine/trading/sim-option-quotes';
import { contractOf, intradayOptionBars, type ChainBars, type LiveCloses } from './intraday-option-bars.ts';
import { optionPricingRecord } from './option-pricing-record.ts';
import type { OptionPricingDay } from './types.ts';

/** Timeframes searched, in order, for India VIX's close of the session before a day: any replayed one, then the daily bar. */
const VIX_TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '60m', '1d'] as const;

type Smile = { readonly smile: ImportedSmile; readonly vix: number } | { readonly reason: string };

/** Live strikes' vols, and the market's forward ÷ the index at the closes' instant (or why there is none). */
interface Solved {
  readonly points: SolvedStrikes['points'];
  readonly basis: { readonly basis: number } | { readonly reason: string };
}

/** A chain on one day: the previous session's smile (or why none), and its contracts' intraday bars. */
interface Chain {
  readonly smile: Smile;
  readonly bars: ChainBars | undefined;
  /** The live closes last solved, and their strikes' vols (or why there are none). */
  solvedFrom?: LiveCloses;
  solved?: Solved | string;
}

export interface ImportedChains {
  /** What the engine asks before pricing each chain. */
  readonly source: ChainVolSource;
  /** Per day asked for, in order: which chains the imported smiles priced and which the model did, and why. */
  days(keys: readonly string[]): OptionPricingDay[];
}

/**
 * Point-in-time option vols for a backtest from option data imported into the history cache.
 *
 * From NSE F&O bhavcopies (daily bars of each contract): on day D a chain is priced from the smile of the
 * expiry's closes on the trading day before D, never D's own (at 09:15 on D that close is the future),
 * moved to each instant by `smileVols`: sticky moneyness, the level scaled by India VIX now ÷ its close
 * that previous day. A chain with no usable rows that day, or without that VIX close, is priced by the
 * model surface, and the day's record says which and why.
 *
 * From intraday bars of the contracts (`intradayOptionBars`): at instant t each contract's last bar that
 * ended by t, unless it ended more than `STALE_MINUTES` before, is a live close; the strikes those solve
 * (`solveStrikes`) price the legs between them (`liveVols`), the smile above the others, leg by leg. Where
 * the index has a bar at the closes' instant, the chain carries the market's basis (their forward ÷ that
 * index close): the engine prices it on the index now × the basis, so a leg that traded reproduces its
 * close whatever the market's carry (a dividend yield, a funding rate other than `r`).
 *
 * Without a database (the simulated market, or the request asks for the model) every chain is the model's.
 */
export function importedChains(o: { readonly database?: Database.Database; readonly r: number; readonly calendar?: SessionCalendar; readonly modelReason: string }): ImportedChains {
  const calendar = o.calendar ?? nseCalendar;
  const record = optionPricingRecord();
  const chains = new Map<string, Chain>();
  let chainDay = '';
  const rows = o.database?.prepare("SELECT instrument_id AS id, close, volume FROM bars WHERE instrument_id >= ? AND instrument_id < ? AND timeframe = '1d' AND ts_start = ? ORDER BY instrument_id");
  const vixAt = o.database?.prepare('SELECT close FROM bars WHERE instrument_id = ? AND timeframe = ? AND ts_start >= ? AND ts_start < ? ORDER BY ts_start DESC LIMIT 1');
  const openBars = o.database ? intradayOptionBars(o.database, createSqliteBarCache(o.database)) : undefined;

  const previousVix = (from: number, to: number): number | undefined => {
    for (const tf of VIX_TIMEFRAMES) {
      const row = vixAt!.get(VIX_ID, tf, from, to) as { close: number } | undefined;
      if (row && row.close > 0) return row.close;
    }
    return undefined;
  };

  const build = (q: ChainVolQuery, day: string, exchange: string, prefix: string): Smile => {
    if (!rows || !vixAt) return { reason: o.modelReason };
    const prevKey = calendar.previousTradingDay(day);
    const prev = calendar.sessionOn(prevKey, 'fno');
    if (!prev) return { reason: `no F&O session on ${prevKey}` };
    const options: ContractClose[] = [];
    let futureClose: number | undefined;
    for (const r of rows.all(prefix, `${prefix}\u007f`, prev.open) as { id: string; close: number; volume: number }[]) {
      const contract = contractOf(r.id, exchange, q.underlying);
      if (contract?.kind === 'future' && r.volume > 0) futureClose = r.close;
      if (contract?.kind === 'option') options.push({ strike: contract.strike, right: contract.right, close: r.close, volume: r.volume });
    }
    if (options.length === 0) return { reason: `no imported bhavcopy rows of this expiry on ${prevKey}` };
    const vix = previousVix(prev.open, prev.close);
    if (vix === undefined) return { reason: `no India VIX close on ${prevKey} to scale the smile by` };
    const smile = buildSmile({ options, ...(futureClose !== undefined ? { futureClose } : {}), T: yearsToExpiry(prev.close, q.expiryTs, 'calendar'), r: o.r });
    if (!smile.ok) return { reason: `the ${prevKey} bhavcopy gives no smile: ${smile.error.message}` };
    return { smile: smile.value, vix };
  };

  const open = (q: ChainVolQuery, day: string, chain: string): Chain => {
    const exchange = CONTRACT_SPECS[q.underlying].exchange;
    const prefix = `${exchange}:${q.underlying}${expiryCode(q.expiry)}`;
    const smile = build(q, day, exchange, prefix);
    record.base(day, chain, 'smile' in smile ? undefined : smile.reason);
    const session = calendar.sessionOn(day, 'fno');
    // The engine quotes chains of the simulator's underlyings only (`SimOptionQuotes`): each has its index.
    const index = indexInstrument(UNDERLYINGS.find((u) => u.name === q.underlying)!).id;
    const bars = openBars && session ? openBars({ prefix, exchange, underlying: q.underlying, index, session }) : undefined;
    if (bars) record.bars(day, chain, bars.contracts, bars.timeframes);
    return { smile, bars };
  };

  /** The live strikes' vols at the query's instant, or why there are none; solved again only when the live closes change. */
  const live = (c: Chain, q: ChainVolQuery): Solved | string => {
    const closes = c.bars!.at(q.ts);
    if ('reason' in closes) return closes.reason;
    if (c.solvedFrom !== closes) {
      const solved = solveStrikes(closes.options, closes.futureClose, yearsToExpiry(closes.asOf, q.expiryTs, 'calendar'), o.r);
      c.solvedFrom = closes;
      if (!solved.ok) c.solved = `the live closes give no smile: ${solved.error.message}`;
      else if (solved.value.points.length === 0) c.solved = 'no live close solves to a vol';
      else c.solved = { points: solved.value.points, basis: 'close' in closes.index ? { basis: solved.value.forward / closes.index.close } : closes.index };
    }
    return c.solved!;
  };

  const source: ChainVolSource = (q) => {
    const day = istDateKey(q.ts);
    if (day !== chainDay) {
      // Days only move forward: yesterday's smiles and bars are not asked for again.
      chains.clear();
      chainDay = day;
    }
    const key = `${q.underlying} ${q.expiry}`;
    let c = chains.get(key);
    if (!c) {
      c = open(q, day, key);
      chains.set(key, c);
    }
    const smileAt = (F: number) => ('smile' in c.smile ? smileVols(c.smile.smile, F, q.T, q.vix / c.smile.vix) : undefined);
    if (!c.bars) return smileAt(q.forward);
    const solved = live(c, q);
    if (typeof solved === 'string') {
      record.reprice(day, key, solved);
      return smileAt(q.forward);
    }
    record.reprice(day, key, undefined, solved.basis);
    if ('reason' in solved.basis) return liveVols(solved.points, q.forward, smileAt(q.forward));
    // The chain's forward for every leg, the smile's too: the index now × the market's basis.
    const { basis } = solved.basis;
    const F = q.spot * basis;
    return { ...liveVols(solved.points, F, smileAt(F)), basis };
  };

  return { source, days: (keys) => record.days(keys) };
}
