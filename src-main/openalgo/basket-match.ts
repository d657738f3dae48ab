import { isInternalError, type LegOutcome, type LegResult, type UnmatchedResult } from './errors.ts';
import type { BasketResult } from './wire/orders.ts';

/** A basket item as sent (the fields that tell two items apart). */
export interface BasketItem {
  readonly exchange: string;
  readonly symbol: string;
  readonly action: string;
  readonly quantity: number;
  readonly product?: string | undefined;
  readonly pricetype?: string | undefined;
  readonly price?: number | undefined;
  readonly trigger_price?: number | undefined;
  readonly disclosed_quantity?: number | undefined;
}

export interface BasketReport {
  /** One per request item, in request order. */
  readonly legs: readonly LegResult[];
  readonly unmatched: readonly UnmatchedResult[];
}

const DEFAULT_PRODUCT = 'MIS';

/** Items with the same signature are interchangeable: whichever of them a row is given to, nothing differs. */
function signature(i: BasketItem): string {
  return JSON.stringify([
    i.exchange,
    i.symbol,
    i.action.toUpperCase(),
    i.quantity,
    i.product ?? DEFAULT_PRODUCT,
    i.pricetype ?? 'MARKET',
    i.price ?? 0,
    i.trigger_price ?? 0,
    i.disclosed_quantity ?? 0,
  ]);
}

function outcomeOf(row: BasketResult): LegOutcome {
  if (row.status === 'success') return 'ok';
  return isInternalError(row.message) ? 'unknown' : 'failed';
}

/** A row fits an item when every identifying key the row carries agrees (failed rows carry only the symbol). */
function fits(row: BasketResult, item: BasketItem): boolean {
  return (
    row.symbol === item.symbol &&
    (row.exchange === undefined || row.exchange === '' || row.exchange === item.exchange) &&
    (row.product === undefined || row.product === '' || row.product === (item.product ?? DEFAULT_PRODUCT))
  );
}

function legFrom(index: number, row: BasketResult): LegResult {
  const outcome = outcomeOf(row);
  return {
    index,
    ok: outcome === 'ok',
    outcome,
    ...(row.orderid !== undefined ? { orderid: row.orderid } : {}),
    ...(row.symbol !== undefined ? { symbol: row.symbol } : {}),
    ...(row.message !== undefined ? { message: row.message } : {}),
    raw: row as unknown as Record<string, unknown>,
  };
}

/**
 * Ties basket results to the items that produced them. OpenAlgo sends BUY items first, then places each
 * batch of ten concurrently and reports in completion order, and a failed row names only the symbol, so
 * position means nothing: a row goes to an item by symbol, exchange and product, and only when every item
 * it fits is interchangeable. A row that fits items that differ (a BUY and a SELL of the same contract) is
 * reported as ambiguous, never guessed; when all such rows share one status, the items get that status
 * without an order id, because the order book (which has the action) is then the only way to tell them apart.
 */
export function matchBasketResults(items: readonly BasketItem[], rows: readonly BasketResult[]): BasketReport {
  const legs: (LegResult | undefined)[] = items.map(() => undefined);
  const unmatched: UnmatchedResult[] = [];
  let pending = rows.map((row) => ({ row, candidates: items.flatMap((item, i) => (fits(row, item) ? [i] : [])) }));

  for (const p of pending) {
    if (p.candidates.length === 0) unmatched.push({ reason: 'unknown-leg', candidates: [], raw: p.row as unknown as Record<string, unknown> });
  }
  pending = pending.filter((p) => p.candidates.length > 0);

  // Assign rows whose open candidates are all interchangeable; repeat, since each assignment narrows others.
  for (let progress = true; progress; ) {
    progress = false;
    const next: typeof pending = [];
    for (const p of pending) {
      const open = p.candidates.filter((i) => legs[i] === undefined);
      if (open.length === 0) {
        unmatched.push({ reason: 'surplus', candidates: p.candidates, raw: p.row as unknown as Record<string, unknown> });
        progress = true;
        continue;
      }
      if (new Set(open.map((i) => signature(items[i]!))).size === 1) {
        legs[open[0]!] = legFrom(open[0]!, p.row);
        progress = true;
      } else {
        next.push(p);
      }
    }
    pending = next;
  }

  // What is left is ambiguous; settle each group of items that the remaining rows share.
  while (pending.length > 0) {
    const group = new Set(pending[0]!.candidates.filter((i) => legs[i] === undefined));
    let rowsInGroup = pending.filter((p) => p.candidates.some((i) => group.has(i)));
    for (let size = 0; size !== group.size; ) {
      size = group.size;
      for (const p of rowsInGroup) for (const i of p.candidates) if (legs[i] === undefined) group.add(i);
      rowsInGroup = pending.filter((p) => p.candidates.some((i) => group.has(i)));
    }
    const outcomes = new Set(rowsInGroup.map((p) => outcomeOf(p.row)));
    const shared: LegOutcome = rowsInGroup.length === group.size && outcomes.size === 1 ? [...outcomes][0]! : 'unknown';
    for (const i of group) {
      legs[i] = {
        index: i,
        ok: shared === 'ok',
        outcome: shared,
        ambiguous: true,
        symbol: items[i]!.symbol,
        message: 'OpenAlgo’s result rows for this contract cannot be told apart: check the order book',
        raw: {},
      };
    }
    for (const p of rowsInGroup) unmatched.push({ reason: 'ambiguous', candidates: p.candidates, raw: p.row as unknown as Record<string, unknown> });
    pending = pending.filter((p) => !rowsInGroup.includes(p));
  }

  return {
    legs: legs.map(
      (l, i) =>
        l ?? { index: i, ok: false, outcome: 'unknown', symbol: items[i]!.symbol, message: 'OpenAlgo returned no result for this item: check the order book', raw: {} },
    ),
    unmatched,
  };
}
