import { instrumentId, parseInstrumentId, type InstrumentId } from '#model/ids';
import { roundToTick, type OptionRight } from '#model/instrument';
import type { OrderSide } from '#model/order';
import { quotePrice, spreadPct, type ChainRow, type OptionChain, type OptionQuote } from '#options/chain';
import { optionSymbol } from '#options/option-symbol';

export const VIX_ID = instrumentId('NSE_INDEX', 'INDIAVIX');

/** An instrument id kept as a plain string in bot state, checked on the way back. */
export function asInstrumentId(id: string): InstrumentId {
  parseInstrumentId(id);
  return id as InstrumentId;
}

/**
 * Each frozen chain's rows by strike (the first row of a strike, as a scan finds it): a bot looks up its
 * legs a dozen times on a chain of a hundred strikes or more, which every bot at the instant shares.
 */
const rowsByStrike = new WeakMap<readonly ChainRow[], Map<number, ChainRow>>();

function rowAt(rows: readonly ChainRow[], strike: number): ChainRow | undefined {
  const index = rowsByStrike.get(rows) ?? indexRows(rows);
  return index && !Number.isNaN(strike) ? index.get(strike) : rows.find((r) => r.strike === strike);
}

/** Rows that can still change (the array or a row not frozen) are not indexed: they are scanned. */
function indexRows(rows: readonly ChainRow[]): Map<number, ChainRow> | undefined {
  if (!Object.isFrozen(rows) || !rows.every((r) => Object.isFrozen(r))) return undefined;
  const index = new Map<number, ChainRow>();
  for (const r of rows) if (!index.has(r.strike)) index.set(r.strike, r);
  rowsByStrike.set(rows, index);
  return index;
}

export function quoteAt(chain: OptionChain, strike: number, right: OptionRight): OptionQuote | undefined {
  const row = rowAt(chain.rows, strike);
  return right === 'CE' ? row?.ce : row?.pe;
}

/** The leg's instrument: the quote's own OpenAlgo symbol, or the one built from the chain's expiry. */
export function legInstrument(chain: OptionChain, strike: number, right: OptionRight): InstrumentId {
  const symbol = quoteAt(chain, strike, right)?.symbol ?? optionSymbol(chain.underlying, chain.expiry, strike, right);
  return instrumentId(chain.exchange, symbol);
}

/**
 * A marketable limit: sells at the bid, buys at the ask, on the tick. A missing side falls back to the
 * mid (or LTP); the order manager's chase policy moves it from there.
 */
export function touchPrice(q: OptionQuote, side: OrderSide, tick: number): number {
  const touch = side === 'SELL' ? q.bid : q.ask;
  return roundToTick(touch > 0 ? touch : quotePrice(q), tick);
}

/** The numbers a signal shows for one leg. */
export function legInputs(prefix: string, q: OptionQuote | undefined): Record<string, number | null> {
  return {
    [`${prefix}Bid`]: q?.bid ?? null,
    [`${prefix}Ask`]: q?.ask ?? null,
    [`${prefix}Oi`]: q?.oi ?? null,
    [`${prefix}SpreadPct`]: q ? Number(spreadPct(q).toFixed(3)) : null,
    [`${prefix}Iv`]: q?.iv ?? null,
    [`${prefix}Delta`]: q?.delta ?? null,
  };
}

/**
 * The strike whose delta is nearest `target` among the strikes beyond `from` on the out-of-the-money side
 * of `right` (above it for calls, below for puts). Walks outward and stops once the delta has passed the
 * target and moves away from it: an out-of-the-money delta only shrinks further out, so no strike beyond
 * can be nearer, and only the strikes walked are priced (a wide chain solves its legs when read). A tie
 * goes to the lower strike.
 */
export function strikeNearDelta(chain: OptionChain, right: OptionRight, target: number, from: number): number | undefined {
  const rows = chain.rows;
  const up = right === 'CE';
  let i = up ? 0 : rows.length - 1;
  while (i >= 0 && i < rows.length && (up ? rows[i]!.strike <= from : rows[i]!.strike >= from)) i += up ? 1 : -1;
  let best: { strike: number; d: number } | undefined;
  for (; i >= 0 && i < rows.length; i += up ? 1 : -1) {
    const row = rows[i]!;
    const delta = (up ? row.ce : row.pe)?.delta;
    if (delta === undefined) continue;
    const d = Math.abs(delta - target);
    if (best && d > best.d && Math.abs(delta) <= Math.abs(target)) break;
    if (!best || d < best.d || (!up && d === best.d)) best = { strike: row.strike, d };
  }
  return best?.strike;
}
