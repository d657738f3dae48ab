import { tradeId, type TradeId } from '#model/ids';

/** What a trade book row offers to tell one fill from another. */
export interface TradeIdSource {
  readonly orderid: string;
  /** Only the sandbox sends one (openalgo.md §3.2); live trade book rows carry none. */
  readonly tradeid?: string | undefined;
  readonly quantity: number;
  readonly price: number;
}

const priceKey = (p: number): string => String(Number(p.toFixed(4)));

/**
 * Trade ids for one read of OpenAlgo's trade book, in row order. The order manager keeps fills unique by
 * trade id, so an id must name the same fill on every read, for the whole life of the store:
 *
 * - a row with the broker's trade id: `<orderid>/t:<tradeid>`. Scoped by the order id because exchange
 *   trade numbers are not unique across days or segments, while order ids are.
 * - a row without one (every live broker): `<orderid>/f:<quantity>@<price>#<n>`, where `n` numbers the
 *   rows of that order with that same quantity and price, in the order the book lists them.
 *
 * The derived id depends only on the fill's own content, not on its position in the book: a broker that
 * lists newest first, or a fill that arrives between two reads, leaves every earlier id unchanged. Two
 * fills of one order with the same quantity and price are interchangeable, so which one is `#1` does not
 * matter. The timestamp is left out: several brokers stamp a trade with its order's time, which moves
 * when the order is modified. This relies on the trade book having one row per fill, as OpenAlgo's does;
 * a broker that merged fills into one growing row would show as an overfill, which the order manager
 * refuses and reports.
 */
export function deriveTradeIds(rows: readonly TradeIdSource[]): TradeId[] {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    if (r.tradeid !== undefined && r.tradeid !== '') return tradeId(`${r.orderid}/t:${r.tradeid}`);
    const key = `${r.orderid}/f:${r.quantity}@${priceKey(r.price)}`;
    const k = (seen.get(key) ?? 0) + 1;
    seen.set(key, k);
    return tradeId(`${key}#${k}`);
  });
}
