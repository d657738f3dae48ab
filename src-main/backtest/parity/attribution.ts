import type { InstrumentId } from '#model/ids';
import type { RecordedFill, RecordedOrder, RecordedSession } from './recorded-session.ts';
import type { PricePath } from './replayed-prices.ts';

/**
 * Where a recorded session's P&L parted from its backtest. The backtest of the same decisions fills each
 * order whole, unsplit, at the replayed price in force when the bot decided (its ideal fill: no latency,
 * no spread, no level cap, no freeze limit). The recorded fills did worse (or better) by
 *
 *   Σ side·(fill price − decision price)·qty
 *     = latency   Σ side·(market at the first fill − decision price)·qty   the market moved before anything filled
 *     + freeze    Σ side·(market at a slice's first fill − market at the first fill)·qty   later slices of a split order
 *     + partial   Σ side·(market at a fill − market at its order's first fill)·qty   a remainder waiting for depth
 *     + spread    Σ side·(fill price − market at that fill)·qty   crossing the spread, slippage
 *
 * which telescopes, so the four add up to the gap exactly. Quantity the session never filled is held by
 * the backtest alone; its P&L to the end of the session (side·(end price − decision price)·qty) is a
 * partial-fill cost too. Costs are in rupees, positive when they cost the session money; the gap is
 * recorded − backtest gross P&L, so gap = −(sum of costs). Charges are shown, not attributed.
 */
export const CAUSES = ['latency', 'spread', 'partial', 'freeze'] as const;
export type Cause = (typeof CAUSES)[number];
export type Costs = Record<Cause, number>;

/** One decision: the orders (a freeze-split order's slices) one intent sent for one instrument and side. */
export interface ParentAttribution {
  readonly key: string;
  readonly botId: string | null;
  readonly instrumentId: InstrumentId;
  readonly side: 'BUY' | 'SELL';
  readonly decidedAt: number;
  readonly quantity: number;
  readonly filled: number;
  readonly slices: number;
  readonly decisionPrice: number;
  /** Quantity-weighted price of the recorded fills; null when nothing filled. */
  readonly avgFillPrice: number | null;
  readonly costs: Costs;
}

export interface ParityReport {
  readonly fromMs: number;
  readonly toMs: number;
  readonly parents: readonly ParentAttribution[];
  /** Decisions on instruments without replayed prices at their decision time: left out of every figure. */
  readonly unpriced: readonly { readonly key: string; readonly instrumentId: InstrumentId; readonly reason: string }[];
  /** Gross P&L marked at the session's end price (the last replayed price before `toMs`). */
  readonly backtestPnl: number;
  readonly recordedPnl: number;
  /** recordedPnl − backtestPnl. */
  readonly gap: number;
  readonly costs: Costs;
  readonly recordedCharges: number;
}

const zero = (): Record<Cause, number> => ({ latency: 0, spread: 0, partial: 0, freeze: 0 });

function groupParents(orders: readonly RecordedOrder[]): Map<string, RecordedOrder[]> {
  const parents = new Map<string, RecordedOrder[]>();
  for (const o of orders) {
    const key = `${o.intentId ?? o.clientOrderId}|${o.instrumentId}|${o.side}`;
    const list = parents.get(key);
    if (list) list.push(o);
    else parents.set(key, [o]);
  }
  return parents;
}

export function attributeParity(session: RecordedSession, prices: ReadonlyMap<InstrumentId, PricePath>): ParityReport {
  const fillsOf = new Map<string, RecordedFill[]>();
  for (const f of session.fills) {
    const list = fillsOf.get(f.clientOrderId);
    if (list) list.push(f);
    else fillsOf.set(f.clientOrderId, [f]);
  }
  const parents: ParentAttribution[] = [];
  const unpriced: { key: string; instrumentId: InstrumentId; reason: string }[] = [];
  const total = zero();
  let backtestPnl = 0;
  let recordedPnl = 0;
  let recordedCharges = 0;
  for (const [key, slices] of groupParents(session.orders)) {
    const first = slices[0] as RecordedOrder;
    const path = prices.get(first.instrumentId);
    const decidedAt = first.tsInit;
    const decisionPrice = path?.at(decidedAt);
    const endPrice = path?.at(session.toMs);
    if (!path || decisionPrice === undefined || endPrice === undefined) {
      unpriced.push({ key, instrumentId: first.instrumentId, reason: `no replayed price of ${first.instrumentId} at the decision (no 1m bars in the store)` });
      continue;
    }
    const at = (t: number): number => path.at(t) ?? decisionPrice;
    const s = first.side === 'BUY' ? 1 : -1;
    const costs = zero();
    const quantity = slices.reduce((n, o) => n + o.quantity, 0);
    const sliceFills = slices.map((o) => fillsOf.get(o.clientOrderId) ?? []);
    const firstFillAt = Math.min(...sliceFills.flat().map((f) => f.tsEvent));
    const marketAtFirst = at(firstFillAt);
    let filled = 0;
    let paid = 0;
    for (const fills of sliceFills) {
      if (fills.length === 0) continue;
      const marketAtSlice = at((fills[0] as RecordedFill).tsEvent);
      for (const f of fills) {
        const market = at(f.tsEvent);
        costs.latency += s * (marketAtFirst - decisionPrice) * f.quantity;
        costs.freeze += s * (marketAtSlice - marketAtFirst) * f.quantity;
        costs.partial += s * (market - marketAtSlice) * f.quantity;
        costs.spread += s * (f.price - market) * f.quantity;
        filled += f.quantity;
        paid += f.price * f.quantity;
        recordedCharges += f.charges;
      }
    }
    const unfilled = quantity - filled;
    costs.partial += s * (endPrice - decisionPrice) * unfilled;
    // Gross P&L to the end of the session: the position marked at the end price.
    backtestPnl += s * (endPrice - decisionPrice) * quantity;
    recordedPnl += s * (endPrice * filled - paid);
    for (const c of Object.keys(costs) as Cause[]) total[c] += costs[c];
    parents.push({
      key,
      botId: first.botId,
      instrumentId: first.instrumentId,
      side: first.side,
      decidedAt,
      quantity,
      filled,
      slices: slices.length,
      decisionPrice,
      avgFillPrice: filled > 0 ? paid / filled : null,
      costs,
    });
  }
  return { fromMs: session.fromMs, toMs: session.toMs, parents, unpriced, backtestPnl, recordedPnl, gap: recordedPnl - backtestPnl, costs: total, recordedCharges };
}
