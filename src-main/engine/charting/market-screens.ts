import type { Bar, Tick, Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Instrument, OptionInstrument } from '#model/instrument';
import type { MarketData } from '#market/market-data';
import { indexInstrument, UNDERLYINGS, VIX_ID } from '#market/feeds/simulator/instruments';
import type { InstrumentLookup } from '#execution/instruments';
import type { Quote, QuoteBook } from '#execution/quotes';
import { ChartStudies, type StudyId } from './chart-studies.ts';
import { simulatedLegHistory } from './leg-history.ts';
import { OptionChains, type WidenChain } from './option-chains.ts';
import { previousClose } from './previous-close.ts';

export interface QuoteView {
  readonly instrumentId: InstrumentId;
  readonly ltp: number;
  readonly prevClose?: number;
  readonly bid?: number;
  readonly ask?: number;
  readonly volume?: number;
  readonly oi?: number;
  readonly tsEvent: number;
}

export interface MarketScreensDeps {
  readonly marketData: MarketData;
  readonly quotes: QuoteBook;
  readonly registry: InstrumentLookup;
  /** The instruments the feed streams (indices, India VIX, futures). */
  readonly feedInstruments: readonly Instrument[];
  /** Continuously compounded rate of the option model (the risk config's). */
  readonly r: number;
  /** Option quotes come from the simulated market (not from the feed). */
  readonly simulatedOptions: boolean;
  /** Closed bars kept per instrument and timeframe. */
  readonly capacity: number;
  /** Asks the feed for an instrument it does not stream yet (an option leg outside simulation). */
  readonly subscribeFeed: (ids: InstrumentId[]) => void;
  /** Publishes a tick the feed did not send (a simulated option leg's quote) to the engine's listeners. */
  readonly publishTick: (tick: Tick) => void;
  /**
   * Prices a chain wider than its source quotes it (the simulation's ten strikes each side), for a trader
   * viewing more; OpenAlgo's polled chains arrive forty each side and need none.
   */
  readonly widenChain?: WidenChain;
}

/** Option legs followed at once beyond the feed's own instruments: each costs a bar series and a subscription. */
export const MAX_FOLLOWED_LEGS = 40;

/**
 * What the market screens read besides bars: quotes against the previous close, older history, chart
 * studies, option chains, and option legs followed on request (charted or watched). A simulated leg gets
 * its day so far from the model the simulation quotes it with, then its live quotes as ticks.
 */
export function createMarketScreens(deps: MarketScreensDeps) {
  const { marketData, quotes } = deps;
  const feedIds = new Set<InstrumentId>(deps.feedInstruments.map((i) => i.id));
  const legs = new Map<InstrumentId, OptionInstrument>();
  const chains = new OptionChains(deps.r, deps.widenChain);
  const prevCloses = new Map<InstrumentId, { day: number; value: number | undefined }>();
  let lastTickAt: number | undefined;

  const prevCloseOf = (id: InstrumentId, at: number): number | undefined => {
    const day = Math.floor(at / 3_600_000);
    const cached = prevCloses.get(id);
    if (cached && cached.day === day) return cached.value;
    const value = previousClose(marketData.view(id).bars('1d', 3), at);
    prevCloses.set(id, { day, value });
    return value;
  };

  const toView = (id: InstrumentId, q: Pick<Quote, 'ltp' | 'bid' | 'ask' | 'tsEvent'> & { volume?: number; oi?: number }): QuoteView => {
    const prev = prevCloseOf(id, q.tsEvent);
    return {
      instrumentId: id,
      ltp: q.ltp,
      ...(prev !== undefined ? { prevClose: prev } : {}),
      ...(q.bid !== undefined ? { bid: q.bid } : {}),
      ...(q.ask !== undefined ? { ask: q.ask } : {}),
      ...(q.volume !== undefined ? { volume: q.volume } : {}),
      ...(q.oi !== undefined ? { oi: q.oi } : {}),
      tsEvent: q.tsEvent,
    };
  };

  const quoteOf = (id: InstrumentId): QuoteView | undefined => {
    const tick = marketData.view(id).lastTick() ?? quotes.quote(id);
    return tick ? toView(id, tick) : undefined;
  };

  if (deps.simulatedOptions) {
    quotes.onQuote((q) => {
      if (!legs.has(q.instrumentId)) return;
      const tick: Tick = { instrumentId: q.instrumentId, tsEvent: q.tsEvent, ltp: q.ltp, ...(q.bid !== undefined ? { bid: q.bid } : {}), ...(q.ask !== undefined ? { ask: q.ask } : {}) };
      marketData.push(tick);
      deps.publishTick(tick);
    });
  }

  const seedSimulatedLeg = (leg: OptionInstrument): void => {
    const spec = UNDERLYINGS.find((u) => u.name === leg.underlying);
    if (!spec) return;
    const all = deps.capacity;
    const history = simulatedLegHistory({
      leg,
      spot: marketData.view(indexInstrument(spec).id).bars('1m', all),
      vix: marketData.view(VIX_ID).bars('1m', all),
      volMultiplier: spec.volMultiplier,
      r: deps.r,
    });
    marketData.pushBars(history);
  };

  return {
    chains,

    /** Whether bars exist or can be made for `id`; an option leg is followed from the first ask on. */
    follow(id: InstrumentId, now: number): boolean {
      if (feedIds.has(id) || legs.has(id)) return true;
      const leg = deps.registry.tradable(id);
      if (leg?.kind !== 'option' || leg.expiry <= now || legs.size >= MAX_FOLLOWED_LEGS) return false;
      if (deps.simulatedOptions) seedSimulatedLeg(leg);
      else deps.subscribeFeed([id]);
      legs.set(id, leg);
      return true;
    },

    /** Quotes of the feed's instruments, then of those of `legIds` that are followed. */
    watchlist(legIds: readonly InstrumentId[]): QuoteView[] {
      return [...feedIds, ...legIds.filter((id) => legs.has(id) && !feedIds.has(id))].map(quoteOf).filter((q): q is QuoteView => q !== undefined);
    },

    /** The quote a tick makes of a feed instrument or a followed leg. */
    quoteOfTick(tick: Tick): QuoteView | undefined {
      return feedIds.has(tick.instrumentId) || legs.has(tick.instrumentId) ? toView(tick.instrumentId, tick) : undefined;
    },

    isFeedInstrument: (id: InstrumentId): boolean => feedIds.has(id),

    /** Up to `count` closed bars that started before `before`, oldest first. */
    history(id: InstrumentId, timeframe: Timeframe, before: number, count: number): Bar[] | undefined {
      if (!feedIds.has(id) && !legs.has(id)) return undefined;
      const all = marketData.view(id).bars(timeframe, deps.capacity);
      let end = all.length;
      while (end > 0 && all[end - 1]!.tsStart >= before) end--;
      return all.slice(Math.max(0, end - count), end);
    },

    studies: (ids: readonly StudyId[]) => new ChartStudies(ids),

    noteTick(tick: Tick): void {
      lastTickAt = lastTickAt === undefined ? tick.tsEvent : Math.max(lastTickAt, tick.tsEvent);
    },

    lastTickAt: (): number | undefined => lastTickAt,
  };
}

export type MarketScreens = ReturnType<typeof createMarketScreens>;
