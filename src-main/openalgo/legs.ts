import { isInternalError, type LegOutcome, type LegResult, type UnmatchedResult } from './errors.ts';

export interface LegReport {
  readonly legs: readonly LegResult[];
  readonly unmatched?: readonly UnmatchedResult[];
}

interface ChildLike {
  status: string;
  orderid?: string | undefined;
  symbol?: string | undefined;
  message?: string | undefined;
  split_results?: readonly ChildLike[] | undefined;
}

function outcomeOf(c: ChildLike): LegOutcome {
  const nested = c.split_results?.map(outcomeOf) ?? [];
  if (c.status === 'success' && nested.every((o) => o === 'ok')) return 'ok';
  if (isInternalError(c.message) || nested.includes('unknown')) return 'unknown';
  return 'failed';
}

export function legOf(index: number, c: ChildLike): LegResult {
  const outcome = outcomeOf(c);
  return {
    index,
    ok: outcome === 'ok',
    outcome,
    ...(c.orderid !== undefined ? { orderid: c.orderid } : {}),
    ...(c.symbol !== undefined ? { symbol: c.symbol } : {}),
    ...(c.message !== undefined ? { message: c.message } : {}),
    raw: c as unknown as Record<string, unknown>,
  };
}

/** Children of one split order: OpenAlgo places them one after another and reports them in that order. */
export function splitLegs(children: readonly ChildLike[] | undefined): LegReport | undefined {
  return children ? { legs: children.map((c, i) => legOf(i, c)) } : undefined;
}

/**
 * Multi-leg option orders: OpenAlgo sends BUY legs before SELL legs but sorts the results back by `leg`,
 * the 1-based request position, which is what ties a result to its leg.
 */
export function multiLegs(results: readonly (ChildLike & { leg?: number | undefined })[] | undefined, requested: number | undefined): LegReport | undefined {
  if (!results) return undefined;
  // Without the request, one leg per result row is all that can be assumed.
  const legCount = requested ?? results.length;
  const legs: (LegResult | undefined)[] = Array.from({ length: legCount }, () => undefined);
  const unmatched: UnmatchedResult[] = [];
  for (const r of results) {
    const i = r.leg !== undefined && Number.isInteger(r.leg) ? r.leg - 1 : -1;
    if (i < 0 || i >= legCount || legs[i] !== undefined) {
      unmatched.push({ reason: i >= 0 && i < legCount ? 'surplus' : 'unknown-leg', candidates: [], raw: r as unknown as Record<string, unknown> });
      continue;
    }
    legs[i] = legOf(i, r);
  }
  return {
    legs: legs.map((l, i) => l ?? { index: i, ok: false, outcome: 'unknown', message: 'OpenAlgo returned no result for this leg: check the order book', raw: {} }),
    unmatched,
  };
}

/** Cancel-all: each canceled id is one success, each failed cancellation one failure (ids only, no legs asked for). */
export function cancelAllLegs(canceled: readonly string[], failed: readonly { orderid?: string | undefined; reason?: string | undefined }[]): LegReport {
  return {
    legs: [
      ...canceled.map((orderid, index): LegResult => ({ index, ok: true, outcome: 'ok', orderid, raw: { orderid } })),
      ...failed.map(
        (f, i): LegResult => ({
          index: canceled.length + i,
          ok: false,
          outcome: 'failed',
          ...(f.orderid !== undefined ? { orderid: f.orderid } : {}),
          ...(f.reason !== undefined ? { message: f.reason } : {}),
          raw: f as Record<string, unknown>,
        }),
      ),
    ],
  };
}
