import { instrumentId } from '#model/ids';
import type { OptionChain } from '#options/chain';
import type { Quote, QuoteBook } from '#execution/quotes';

/**
 * Writes polled chains' legs into the quote book the paper broker fills against and risk's price band
 * reads, in the shape a feed tick leaves there: outside simulation the feed quotes a leg only once it is
 * held or worked, so without this a bot's first order on a leg would meet no quote. A quote this writer
 * put there is replaced by the next chain; a feed tick's quote is replaced only by a chain stamped after
 * it (OpenAlgo stamps a chain to the second), so the fresher quote wins and the feed's next tick
 * overwrites the chain's. A chain quote carries no depth, so an older feed depth is not kept beside its
 * prices; the day's reference and circuit limits are. A leg with neither a price nor a touch is skipped.
 */
export class ChainQuotes {
  private readonly book: QuoteBook;
  /** The quotes this writer set (the book keeps the object it was given). */
  private readonly written = new WeakSet<Quote>();

  constructor(book: QuoteBook) {
    this.book = book;
  }

  apply(chain: OptionChain): number {
    let n = 0;
    for (const row of chain.rows) {
      for (const q of [row.ce, row.pe]) {
        if (!q?.symbol || !(q.ltp > 0 || (q.bid > 0 && q.ask > 0))) continue;
        const id = instrumentId(chain.exchange, q.symbol);
        const prev = this.book.quote(id);
        if (prev && !this.written.has(prev) && prev.tsEvent >= chain.ts) continue;
        const quote: Quote = {
          instrumentId: id,
          ltp: q.ltp > 0 ? q.ltp : (q.bid + q.ask) / 2,
          ...(q.bid > 0 ? { bid: q.bid, bidQty: q.bidQty } : {}),
          ...(q.ask > 0 ? { ask: q.ask, askQty: q.askQty } : {}),
          ...(prev?.reference !== undefined ? { reference: prev.reference } : {}),
          ...(prev?.lowerCircuit !== undefined ? { lowerCircuit: prev.lowerCircuit } : {}),
          ...(prev?.upperCircuit !== undefined ? { upperCircuit: prev.upperCircuit } : {}),
          tsEvent: chain.ts,
        };
        this.written.add(quote);
        this.book.set(quote);
        n++;
      }
    }
    return n;
  }
}
