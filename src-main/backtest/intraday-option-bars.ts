import type Database from 'better-sqlite3';
import { TIMEFRAME_MINUTES, type IntradayTimeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { OptionRight } from '#model/instrument';
import type { BarCache, BarRow } from '#market/history/bar-cache';
import { parseSymbol } from '#openalgo/symbol-codec';

/** Searched finest first: a contract's bars of the first of these it has in the session are read. */
const TIMEFRAMES: readonly IntradayTimeframe[] = ['1m', '3m', '5m', '15m', '30m', '60m'];
/** A contract with no bar ended in this long is not trading: its last close is not a price any more. */
export const STALE_MINUTES = 15;
const STALE_MS = STALE_MINUTES * 60_000;
/** Rows read at a time per contract: memory holds a page per contract, never the session or the range. */
const PAGE = 256;

export type Contract = { readonly kind: 'option'; readonly strike: number; readonly right: OptionRight } | { readonly kind: 'future' };

/** The option or future of `underlying` a stored instrument id names (through the symbol codec), if it is one. */
export function contractOf(id: string, exchange: string, underlying: string): Contract | undefined {
  const parsed = parseSymbol(id.slice(exchange.length + 1), exchange);
  if (!parsed || !('underlying' in parsed) || parsed.underlying !== underlying) return undefined;
  return parsed.kind === 'option' ? { kind: 'option', strike: parsed.strike, right: parsed.right } : { kind: 'future' };
}

/** Closes of a chain's contracts live at an instant, and the newest bar end among them (what they describe). */
export interface LiveCloses {
  readonly options: readonly { readonly strike: number; readonly right: OptionRight; readonly close: number }[];
  readonly futureClose?: number;
  readonly asOf: number;
  /** The underlying index's close at `asOf` (see `indexAt`), or why there is none: the market's basis is measured against it. */
  readonly index: { readonly close: number } | { readonly reason: string };
}

export interface ChainBars {
  /** Contracts with intraday bars in the session, and the timeframes read (finest per contract). */
  readonly contracts: number;
  readonly timeframes: readonly IntradayTimeframe[];
  /**
   * Each contract's last bar that ended at or before `ts` and no more than `STALE_MINUTES` before it; or
   * why there is none. The same object until the answer changes (a bar ends, or one goes stale).
   */
  at(ts: number): LiveCloses | { readonly reason: string };
}

interface Ended {
  readonly end: number;
  readonly close: number;
}

interface BarStream {
  /** The last bar that ended by the instant last moved to. */
  readonly last: Ended | undefined;
  /** The bars that ended in the `keepMs` before that instant (and the last one), oldest first. */
  readonly recent: readonly Ended[];
  /** Moves to the last bar that ended at or before `ts`; returns when the next one ends (Infinity: none). */
  advanceTo(ts: number): number;
}

/** One instrument's bars of one session, read a page at a time (keyset, as the replay reads) and moved forward to an instant. */
function barStream(read: (afterMs: number, limit: number) => readonly BarRow[], barMs: number, sessionClose: number, fromMs: number, keepMs: number): BarStream {
  let page: readonly BarRow[] = [];
  let row = 0;
  let done = false;
  let afterMs = fromMs - 1;
  const recent: Ended[] = [];
  return {
    get last() {
      return recent.at(-1);
    },
    recent,
    advanceTo(ts) {
      for (;;) {
        if (row >= page.length) {
          if (done) break;
          page = read(afterMs, PAGE);
          row = 0;
          done = page.length < PAGE;
          if (page.length === 0) break;
          afterMs = page.at(-1)![0];
        }
        const r = page[row]!;
        // Stamped at its start, a bar is knowable at its end, clipped to the close (as `barEndOf` has it).
        const end = Math.min(r[0] + barMs, sessionClose);
        if (end > ts) {
          trim(ts);
          return end;
        }
        recent.push({ end, close: r[4] });
        row++;
      }
      trim(ts);
      return Number.POSITIVE_INFINITY;
    },
  };
  function trim(ts: number): void {
    while (recent.length > 1 && recent[0]!.end <= ts - keepMs) recent.shift();
  }
}

/** A session's bars of `id` at the first of `TIMEFRAMES` it has any of, or undefined when it has none. */
function finestTimeframe(hasBars: Database.Statement, id: string, session: { readonly open: number; readonly close: number }): IntradayTimeframe | undefined {
  return TIMEFRAMES.find((t) => hasBars.get(id, t, session.open, session.close) !== undefined);
}

/**
 * The index's close at `asOf`: its last bar that ended by then, when that bar ended less than one of its
 * bar lengths before (no bar of it missing at `asOf`); otherwise why not. Contemporaneous with closes that
 * describe `asOf`, so their forward ÷ it is the market's basis, not the basis plus the index's move since.
 */
function indexAt(recent: readonly Ended[], asOf: number, barMs: number, what: string): LiveCloses['index'] {
  let bar: Ended | undefined;
  for (const b of recent) if (b.end <= asOf) bar = b;
  if (!bar || asOf - bar.end >= barMs) return { reason: `no ${what} bar ended in the ${barMs / 60_000} minute(s) up to the live closes` };
  return bar.close > 0 ? { close: bar.close } : { reason: `${what} closed at ${bar.close} at the live closes` };
}

/**
 * Intraday bars of option and future contracts in the history cache (OpenAlgo history or a CSV import),
 * as a backtest reads them for one expiry's chain in one session: every contract of the expiry with bars
 * of an intraday timeframe in that session, each streamed a page at a time and only ever moved forward.
 */
export function intradayOptionBars(database: Database.Database, cache: Pick<BarCache, 'barRows'>) {
  const nextId = database.prepare('SELECT instrument_id AS id FROM bars WHERE instrument_id > ? AND instrument_id < ? ORDER BY instrument_id LIMIT 1');
  const hasBars = database.prepare('SELECT 1 FROM bars WHERE instrument_id = ? AND timeframe = ? AND ts_start >= ? AND ts_start < ? LIMIT 1');

  /**
   * The chain's contracts with intraday bars in the session; undefined when none has any. The underlying's
   * index (`index`, its instrument id as the replay names it) is read the same way, its bars kept for the
   * staleness window, so each answer has the index's close at the live closes' instant.
   */
  return (o: { readonly prefix: string; readonly exchange: string; readonly underlying: string; readonly index: InstrumentId; readonly session: { readonly open: number; readonly close: number } }): ChainBars | undefined => {
    const { open, close } = o.session;
    const contracts: { readonly contract: Contract; readonly bars: BarStream }[] = [];
    const timeframes = new Set<IntradayTimeframe>();
    const end = `${o.prefix}\u007f`;
    // One seek per distinct id (a skip scan): the expiry's years of bars are never walked.
    for (let row = nextId.get(o.prefix, end) as { id: string } | undefined; row; row = nextId.get(row.id, end) as { id: string } | undefined) {
      const id = row.id as InstrumentId;
      const contract = contractOf(id, o.exchange, o.underlying);
      const tf = contract && finestTimeframe(hasBars, id, o.session);
      if (!contract || !tf) continue;
      timeframes.add(tf);
      contracts.push({ contract, bars: barStream((after, limit) => cache.barRows(id, tf, after, close, limit), TIMEFRAME_MINUTES[tf] * 60_000, close, open, 0) });
    }
    if (contracts.length === 0) return undefined;
    const indexTf = finestTimeframe(hasBars, o.index, o.session);
    const indexMs = indexTf ? TIMEFRAME_MINUTES[indexTf] * 60_000 : 0;
    // Kept back to the oldest `asOf` a live answer can have (STALE_MS before the instant), less one bar.
    const index = indexTf ? barStream((after, limit) => cache.barRows(o.index, indexTf, after, close, limit), indexMs, close, open, STALE_MS + indexMs) : undefined;
    let answer: LiveCloses | { reason: string } = { reason: '' };
    let from = Number.POSITIVE_INFINITY;
    let until = Number.NEGATIVE_INFINITY;
    return {
      contracts: contracts.length,
      timeframes: TIMEFRAMES.filter((t) => timeframes.has(t)),
      at(ts) {
        if (ts >= from && ts < until) return answer;
        let next = Number.POSITIVE_INFINITY;
        let any = false;
        let asOf = Number.NEGATIVE_INFINITY;
        const options: { strike: number; right: OptionRight; close: number }[] = [];
        let futureClose: number | undefined;
        for (const c of contracts) {
          next = Math.min(next, c.bars.advanceTo(ts));
          const last = c.bars.last;
          if (!last) continue;
          any = true;
          // An instant earlier than one already asked (the engine never asks one) finds later bars moved past: none is used.
          if (last.end > ts || ts - last.end > STALE_MS) continue;
          next = Math.min(next, last.end + STALE_MS + 1);
          asOf = Math.max(asOf, last.end);
          if (c.contract.kind === 'future') futureClose = last.close;
          else options.push({ strike: c.contract.strike, right: c.contract.right, close: last.close });
        }
        from = ts;
        until = next;
        if (asOf === Number.NEGATIVE_INFINITY) answer = { reason: any ? `no bar of its contracts ended in the ${STALE_MINUTES} minutes before` : 'no bar of its contracts had ended yet this session' };
        else {
          // Index bars ending after `asOf` do not change its close at `asOf`: they are not a reason to ask again.
          index?.advanceTo(ts);
          const spot = index ? indexAt(index.recent, asOf, indexMs, o.index) : { reason: `no intraday bar of ${o.index} this session` };
          answer = { options, ...(futureClose !== undefined ? { futureClose } : {}), asOf, index: spot };
        }
        return answer;
      },
    };
  };
}
