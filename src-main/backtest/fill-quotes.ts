import type { Unsubscribe } from '#core/bus';
import type { InstrumentId } from '#model/ids';
import { roundToTick } from '#model/instrument';
import type { DepthLevel, Quote, QuoteSource } from '#execution/quotes';
import type { FillModel } from './types.ts';

/**
 * The quotes the backtest's paper broker fills against: the engine's own, with the fill model's spread
 * (half on each side of the last price, on the tick grid) and a cap on the share of each displayed level
 * one order may take. Each source quote maps to one adjusted quote object, so depth one order took is
 * not handed to the next (the broker keys what was taken by quote object).
 */
export function fillQuotes(source: QuoteSource, model: Pick<FillModel, 'spread' | 'partial'>, tickSize: (id: InstrumentId) => number): QuoteSource {
  const identity = model.spread.kind === 'quoted' && model.partial.maxShareOfLevel === 1;
  if (identity) return source;
  const adjusted = new WeakMap<Quote, Quote>();
  const adjust = (q: Quote): Quote => {
    let a = adjusted.get(q);
    if (!a) {
      a = adjustQuote(q, model, tickSize(q.instrumentId));
      adjusted.set(q, a);
    }
    return a;
  };
  return {
    quote: (id) => {
      const q = source.quote(id);
      return q && adjust(q);
    },
    onQuote: (handler): Unsubscribe => source.onQuote((q) => handler(adjust(q))),
  };
}

export function adjustQuote(q: Quote, model: Pick<FillModel, 'spread' | 'partial'>, tickSize: number): Quote {
  const share = model.partial.maxShareOfLevel;
  const cap = (n: number | undefined): number | undefined => (n === undefined || !Number.isFinite(n) ? n : Math.floor(n * share));
  const capLevels = (levels: readonly DepthLevel[]): DepthLevel[] => levels.map((l) => ({ price: l.price, quantity: cap(l.quantity) ?? 0 }));
  const half = halfSpread(q, model.spread, tickSize);
  const touch =
    half === undefined
      ? {}
      : {
          bid: roundToTick(Math.max(1, Math.floor((q.ltp - half) / tickSize + 1e-9)) * tickSize, tickSize),
          ask: roundToTick(Math.ceil((q.ltp + half) / tickSize - 1e-9) * tickSize, tickSize),
        };
  const bidQty = cap(q.bidQty);
  const askQty = cap(q.askQty);
  // A spread model replaces the book's prices: its depth would contradict the new touch.
  const depth = half === undefined && q.depth ? { depth: { bids: capLevels(q.depth.bids), asks: capLevels(q.depth.asks) } } : {};
  const { depth: _d, ...rest } = q;
  return { ...rest, ...touch, ...(bidQty !== undefined ? { bidQty } : {}), ...(askQty !== undefined ? { askQty } : {}), ...depth };
}

function halfSpread(q: Quote, spread: FillModel['spread'], tickSize: number): number | undefined {
  switch (spread.kind) {
    case 'quoted':
      return undefined;
    case 'ticks':
      return (spread.ticks * tickSize) / 2;
    case 'bps':
      return (q.ltp * spread.bps) / 20_000;
  }
}
