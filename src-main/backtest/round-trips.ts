import type { Fill } from '#model/fill';
import type { Trade } from './types.ts';

/** A round trip not yet closed: what the trade list would say of it, less its exit. */
export type OpenTrip = Pick<Trade, 'botId' | 'instrumentId' | 'direction' | 'entryTs' | 'entryPrice' | 'charges' | 'signal' | 'reason'> & {
  /** Signed: positive long. */
  readonly net: number;
  /** Cash the fills moved so far (sales in, purchases out), before charges. */
  readonly cash: number;
};

/** A fill with what the trade list needs to say about it: its bot and the decision behind its order. */
export interface AttributedFill {
  readonly fill: Fill;
  readonly botId: string;
  /** The rule of the signal that took the order (`short-straddle/entry`), or how the order came about. */
  readonly rule: string;
  readonly reason: string;
}

interface Open {
  botId: string;
  instrumentId: string;
  direction: 'long' | 'short';
  quantity: number;
  net: number;
  entryTs: number;
  entryValue: number;
  opened: number;
  exitValue: number;
  closed: number;
  cash: number;
  charges: number;
  rule: string;
  reason: string;
  exitReason: string;
  lastTs: number;
}

/**
 * Round trips per bot and instrument, flat to flat: a trade opens with the fill that takes the position
 * off zero and closes with the one that brings it back (a fill crossing zero closes one trade and opens
 * the next with its remainder, charges split by quantity). Entry and exit prices are the quantity-weighted
 * averages of the opening and closing fills. Positions still open at the end are not trades: `open` returns
 * them for a caller who marks them. Trades come out in the order they closed.
 */
export function roundTrips(fills: readonly AttributedFill[]): { closed: Trade[]; open: OpenTrip[] } {
  const books = new Map<string, Open>();
  const closed: Trade[] = [];
  for (const a of fills) {
    const key = `${a.botId}\u0000${a.fill.instrumentId}`;
    const sign = a.fill.side === 'BUY' ? 1 : -1;
    let left = a.fill.quantity;
    while (left > 0) {
      let book = books.get(key);
      if (!book) {
        book = { botId: a.botId, instrumentId: a.fill.instrumentId, direction: sign > 0 ? 'long' : 'short', quantity: 0, net: 0, entryTs: a.fill.tsEvent, entryValue: 0, opened: 0, exitValue: 0, closed: 0, cash: 0, charges: 0, rule: a.rule, reason: a.reason, exitReason: '', lastTs: a.fill.tsEvent };
        books.set(key, book);
      }
      const opening = (book.direction === 'long') === sign > 0;
      const q = opening ? left : Math.min(left, Math.abs(book.net));
      const charges = (a.fill.charges * q) / a.fill.quantity;
      book.net += sign * q;
      book.cash -= sign * q * a.fill.price;
      book.charges += charges;
      book.lastTs = a.fill.tsEvent;
      if (opening) {
        book.entryValue += q * a.fill.price;
        book.opened += q;
        book.quantity = Math.max(book.quantity, Math.abs(book.net));
      } else {
        book.exitValue += q * a.fill.price;
        book.closed += q;
        book.exitReason = a.reason ? `${a.rule}: ${a.reason}` : a.rule;
      }
      left -= q;
      if (book.net === 0) {
        closed.push({
          botId: a.botId,
          instrumentId: a.fill.instrumentId,
          direction: book.direction,
          quantity: book.quantity,
          entryTs: book.entryTs,
          exitTs: book.lastTs,
          entryPrice: book.entryValue / book.opened,
          exitPrice: book.exitValue / book.closed,
          grossPnl: book.cash,
          charges: book.charges,
          netPnl: book.cash - book.charges,
          signal: book.rule,
          reason: book.reason,
          exitReason: book.exitReason,
        });
        books.delete(key);
      }
    }
  }
  const open = [...books.values()].map((b): OpenTrip => ({
    botId: b.botId,
    instrumentId: b.instrumentId,
    direction: b.direction,
    entryTs: b.entryTs,
    entryPrice: b.entryValue / b.opened,
    charges: b.charges,
    signal: b.rule,
    reason: b.reason,
    net: b.net,
    cash: b.cash,
  }));
  return { closed, open };
}
