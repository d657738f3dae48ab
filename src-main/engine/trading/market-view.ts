import type { InstrumentId } from '#model/ids';
import { isUnderlying } from '#options/contract-specs';
import { underlyingIndexId } from '#options/option-symbol';
import type { MarketView } from '#risk/ports';
import { referencePrice, type QuoteSource } from '#execution/quotes';

/**
 * Risk's view of prices, from the engine's quote book: marks at the mid of the touch (else the last
 * price), spots from the index quotes, and the model's IVs where the simulation has them. A leg whose
 * instrument was never quoted has no mark, and risk says so instead of guessing.
 */
export function createMarketView(quotes: QuoteSource, impliedVol?: (id: InstrumentId) => number | undefined): MarketView {
  return {
    mark(id) {
      const q = quotes.quote(id);
      return q ? referencePrice(q) : undefined;
    },
    spot(underlying) {
      if (!isUnderlying(underlying)) return undefined;
      return quotes.quote(underlyingIndexId(underlying))?.ltp;
    },
    ...(impliedVol ? { impliedVol } : {}),
    quote(id) {
      const q = quotes.quote(id);
      return q?.bid !== undefined && q.ask !== undefined ? { bid: q.bid, ask: q.ask } : undefined;
    },
  };
}
