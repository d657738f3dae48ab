import type { Unsubscribe } from '#core/bus';
import type { Tick } from '#model/bar';
import type { InstrumentId } from '#model/ids';

export interface DepthLevel {
  readonly price: number;
  /** Units displayed at this price. */
  readonly quantity: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The best the engine knows of an instrument's market: last price, top of book, optional depth and the
 * day's limits. In simulation bid and ask come from the model's spread.
 */
export interface Quote {
  readonly instrumentId: InstrumentId;
  readonly ltp: number;
  readonly bid?: number;
  readonly ask?: number;
  readonly bidQty?: number;
  readonly askQty?: number;
  /** Best first. When present it replaces bid/ask quantities for fill sizing. */
  readonly depth?: { readonly bids: readonly DepthLevel[]; readonly asks: readonly DepthLevel[] };
  /** The day's reference price for percentage bands (previous close); the ltp when unknown. */
  readonly reference?: number;
  /** The exchange's price band for the day, when known. */
  readonly lowerCircuit?: number;
  readonly upperCircuit?: number;
  readonly tsEvent: number;
}

export interface QuoteSource {
  quote(instrumentId: InstrumentId): Quote | undefined;
  onQuote(handler: (quote: Quote) => void): Unsubscribe;
}

/** A QuoteSource fed by the engine (ticks from any feed) or by a test. */
export class QuoteBook implements QuoteSource {
  private readonly quotes = new Map<InstrumentId, Quote>();
  private readonly handlers = new Set<(quote: Quote) => void>();
  /**
   * The handlers as of the last (un)subscription: a quote goes to the handlers subscribed when it arrived,
   * however they (un)subscribe while it is handled, without copying the set for each of the hundreds of
   * option quotes a simulated second writes.
   */
  private calling: readonly ((quote: Quote) => void)[] = [];

  /** Quotes their source makes only when read (`defer`). */
  private readonly deferred = new Map<InstrumentId, () => void>();

  quote(instrumentId: InstrumentId): Quote | undefined {
    if (this.deferred.size > 0) {
      const make = this.deferred.get(instrumentId);
      if (make) {
        this.deferred.delete(instrumentId);
        make();
      }
    }
    return this.quotes.get(instrumentId);
  }

  /**
   * A quote its source has priced in principle but makes only when someone reads it: `make` sets it
   * (a simulated chain's leg, quoted as of its chain's instant). A quote set before the read replaces it.
   */
  defer(instrumentId: InstrumentId, make: () => void): void {
    this.deferred.set(instrumentId, make);
  }

  onQuote(handler: (quote: Quote) => void): Unsubscribe {
    this.handlers.add(handler);
    this.calling = [...this.handlers];
    return () => {
      this.handlers.delete(handler);
      this.calling = [...this.handlers];
    };
  }

  set(quote: Quote): void {
    if (this.deferred.size > 0) this.deferred.delete(quote.instrumentId);
    this.quotes.set(quote.instrumentId, quote);
    const calling = this.calling;
    for (let i = 0; i < calling.length; i++) calling[i]!(quote);
  }

  /** Keeps the day's limits and depth known from earlier quotes when a tick carries only prices. */
  applyTick(tick: Tick): void {
    // Assigned rather than spread from conditional literals: a temporary object each, on every tick.
    const q: Mutable<Quote> = { ...this.quote(tick.instrumentId), instrumentId: tick.instrumentId, ltp: tick.ltp, tsEvent: tick.tsEvent };
    if (tick.bid !== undefined) q.bid = tick.bid;
    if (tick.ask !== undefined) q.ask = tick.ask;
    if (tick.bidQty !== undefined) q.bidQty = tick.bidQty;
    if (tick.askQty !== undefined) q.askQty = tick.askQty;
    this.set(q);
  }
}

/** Mid of the touch when both sides are known, else the last price: what proposals are priced at. */
export function referencePrice(q: Quote): number {
  return q.bid !== undefined && q.ask !== undefined && q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : q.ltp;
}
