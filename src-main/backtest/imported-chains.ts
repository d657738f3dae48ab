import type Database from 'better-sqlite3';
import { istDateKey } from '#core/time-ist';
import { VIX_ID } from '#market/feeds/simulator/instruments';
import { parseSymbol } from '#openalgo/symbol-codec';
import { nseCalendar, type SessionCalendar } from '#market/session-calendar';
import { CONTRACT_SPECS } from '#options/contract-specs';
import { yearsToExpiry } from '#options/expiry';
import { buildSmile, smileVols, type ContractClose, type ImportedSmile } from '#options/imported-smile';
import { expiryCode } from '#options/option-symbol';
import type { ChainVolQuery, ChainVolSource } from '#engine/trading/sim-option-quotes';
import type { OptionPricingDay } from './types.ts';

/** Timeframes searched, in order, for India VIX's close of the session before a day: any replayed one, then the daily bar. */
const VIX_TIMEFRAMES = ['1m', '3m', '5m', '15m', '30m', '60m', '1d'] as const;

type Smile = { readonly smile: ImportedSmile; readonly vix: number } | { readonly reason: string };

export interface ImportedChains {
  /** What the engine asks before pricing each chain. */
  readonly source: ChainVolSource;
  /** Per day asked for, in order: which chains the imported smiles priced and which the model did, and why. */
  days(keys: readonly string[]): OptionPricingDay[];
}

/**
 * Point-in-time option vols for a backtest from imported NSE F&O bhavcopies (daily bars of each contract
 * in the history cache). On day D a chain is priced from the smile of the expiry's closes on the trading
 * day before D, never D's own (at 09:15 on D that close is the future), moved to each instant by
 * `smileVols`: sticky moneyness, the level scaled by India VIX now ÷ its close that previous day. A chain
 * with no usable rows that day, or without that VIX close, is priced by the model surface, and the day's
 * record says which and why. Without a database (the simulated market, or the request asks for the model)
 * every chain is the model's.
 */
export function importedChains(o: { readonly database?: Database.Database; readonly r: number; readonly calendar?: SessionCalendar; readonly modelReason: string }): ImportedChains {
  const calendar = o.calendar ?? nseCalendar;
  const byDay = new Map<string, { imported: Set<string>; modelled: Map<string, string> }>();
  const smiles = new Map<string, Smile>();
  let smileDay = '';
  const rows = o.database?.prepare("SELECT instrument_id AS id, close, volume FROM bars WHERE instrument_id >= ? AND instrument_id < ? AND timeframe = '1d' AND ts_start = ? ORDER BY instrument_id");
  const vixAt = o.database?.prepare('SELECT close FROM bars WHERE instrument_id = ? AND timeframe = ? AND ts_start >= ? AND ts_start < ? ORDER BY ts_start DESC LIMIT 1');

  const previousVix = (from: number, to: number): number | undefined => {
    for (const tf of VIX_TIMEFRAMES) {
      const row = vixAt!.get(VIX_ID, tf, from, to) as { close: number } | undefined;
      if (row && row.close > 0) return row.close;
    }
    return undefined;
  };

  const build = (q: ChainVolQuery, day: string): Smile => {
    if (!rows || !vixAt) return { reason: o.modelReason };
    const prevKey = calendar.previousTradingDay(day);
    const prev = calendar.sessionOn(prevKey, 'fno');
    if (!prev) return { reason: `no F&O session on ${prevKey}` };
    const exchange = CONTRACT_SPECS[q.underlying].exchange;
    const prefix = `${exchange}:${q.underlying}${expiryCode(q.expiry)}`;
    const options: ContractClose[] = [];
    let futureClose: number | undefined;
    for (const r of rows.all(prefix, `${prefix}\u007f`, prev.open) as { id: string; close: number; volume: number }[]) {
      const parsed = parseSymbol(r.id.slice(exchange.length + 1), exchange);
      const contract = parsed && 'underlying' in parsed && parsed.underlying === q.underlying ? parsed : undefined;
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

  const source: ChainVolSource = (q) => {
    const day = istDateKey(q.ts);
    if (day !== smileDay) {
      // Days only move forward: yesterday's smiles are not asked for again.
      smiles.clear();
      smileDay = day;
    }
    const chain = `${q.underlying} ${q.expiry}`;
    let s = smiles.get(chain);
    if (!s) {
      s = build(q, day);
      smiles.set(chain, s);
      let record = byDay.get(day);
      if (!record) {
        record = { imported: new Set(), modelled: new Map() };
        byDay.set(day, record);
      }
      if ('smile' in s) record.imported.add(chain);
      else record.modelled.set(chain, s.reason);
    }
    return 'smile' in s ? smileVols(s.smile, q.forward, q.T, q.vix / s.vix) : undefined;
  };

  return {
    source,
    days: (keys) =>
      keys.map((day) => {
        const record = byDay.get(day);
        const imported = record ? [...record.imported].sort() : [];
        const modelled = record ? [...record.modelled].sort(([a], [b]) => (a < b ? -1 : 1)).map(([chain, reason]) => ({ chain, reason })) : [];
        const source = imported.length === 0 ? (modelled.length === 0 ? 'none' : 'model') : modelled.length === 0 ? 'imported' : 'mixed';
        return { day, source, imported, modelled };
      }),
  };
}
