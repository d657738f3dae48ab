import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import type { Instrument } from '#model/instrument';
import { sessionAt } from '#calendar/nse-calendar';
import type { QuoteBook } from '#execution/quotes';
import type { SpecSource } from '#options/contract-specs';
import { createChainPoller, type ChainPollSettings } from './chain-poller.ts';
import { ChainQuotes } from './chain-quotes.ts';
import { followedChains } from './followed-chains.ts';
import type { ChainSource } from './openalgo-chains.ts';
import type { OptionChains } from './option-chains.ts';

export interface PolledChainsDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly source: ChainSource;
  readonly settings?: Partial<ChainPollSettings>;
  readonly instruments: readonly Instrument[];
  readonly specs: SpecSource;
  /** The shared chains the bots and the chain panel read. */
  readonly chains: OptionChains;
  /** The quote book the paper broker fills against. */
  readonly quotes: QuoteBook;
}

/**
 * Option chains outside simulation: each followed chain polled from its source into the shared chains (with
 * its problem for the panel, dropped once stale) and its legs' quotes into the quote book. A bot asking for
 * another expiry has it followed from then on; the answer is never immediate (`quoteChain` returns false).
 */
export function createPolledChains(deps: PolledChainsDeps) {
  const quotes = new ChainQuotes(deps.quotes);
  const poller = createChainPoller({
    clock: deps.clock,
    source: deps.source,
    logger: deps.logger,
    ...followedChains(deps.instruments, deps.specs),
    apply: (chain) => {
      deps.chains.applyChain(chain);
      quotes.apply(chain);
    },
    problem: (t, message) => deps.chains.noteProblem(t.underlying, t.expiry, message),
    drop: (t) => deps.chains.cache.drop(t.underlying, t.expiry),
    marketOpen: (t) => sessionAt(t, 'fno') !== undefined,
    ...(deps.settings ? { settings: deps.settings } : {}),
  });
  return {
    poller,
    quoteChain(underlying: string, expiry: string, strikesEachSide: number): boolean {
      poller.want(underlying, expiry, strikesEachSide);
      return false;
    },
  };
}
