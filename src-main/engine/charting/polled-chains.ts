import type { Clock } from '#core/clock';
import type { Logger } from '#core/log';
import type { Tick } from '#model/bar';
import type { Instrument } from '#model/instrument';
import { sessionAt } from '#calendar/nse-calendar';
import type { QuoteBook } from '#execution/quotes';
import type { SpecSource } from '#options/contract-specs';
import { createChainPoller, type ChainPollSettings } from './chain-poller.ts';
import { ChainQuotes } from './chain-quotes.ts';
import { createChainStream, type ChainStreamConnect, type ChainStreamSettings } from './chain-stream.ts';
import { followedChains } from './followed-chains.ts';
import type { ChainSource } from './openalgo-chains.ts';
import type { OptionChains } from './option-chains.ts';

export interface PolledChainsDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly source: ChainSource;
  readonly settings?: Partial<ChainPollSettings>;
  /** Streams the legs near the money between polls; without it chains are polled only. */
  readonly stream?: { readonly connect: ChainStreamConnect; readonly settings?: Partial<ChainStreamSettings> };
  readonly instruments: readonly Instrument[];
  readonly specs: SpecSource;
  /** The shared chains the bots and the chain panel read. */
  readonly chains: OptionChains;
  /** The quote book the paper broker fills against. */
  readonly quotes: QuoteBook;
  /** Whether the F&O market is in session (default: the NSE calendar's F&O session). */
  readonly marketOpen?: (now: number) => boolean;
}

/**
 * Option chains outside simulation: each followed chain polled from its source into the shared chains (with
 * its problem for the panel, dropped once stale) and its legs' quotes into the quote book; with a stream,
 * the legs near the money move between polls and the polls slow to reconciliation while it is up. A bot
 * asking for another expiry has it followed from then on; the answer is never immediate (`quoteChain`
 * returns false).
 */
export function createPolledChains(deps: PolledChainsDeps) {
  const quotes = new ChainQuotes(deps.quotes);
  const stream = deps.stream
    ? createChainStream({
        clock: deps.clock,
        logger: deps.logger,
        connect: deps.stream.connect,
        chains: deps.chains,
        quotes: deps.quotes,
        // Called only once the stream runs, after the poller below exists.
        onDown: () => poller.hurry(),
        settings: { ...(deps.settings?.staleAfterMs !== undefined ? { staleAfterMs: deps.settings.staleAfterMs } : {}), ...deps.stream.settings },
      })
    : undefined;
  const poller = createChainPoller({
    clock: deps.clock,
    source: deps.source,
    logger: deps.logger,
    ...followedChains(deps.instruments, deps.specs),
    apply: (chain) => {
      deps.chains.applyChain(chain);
      quotes.apply(chain);
      stream?.onChain(chain);
    },
    problem: (t, message) =>
      deps.chains.noteProblem(t.underlying, t.expiry, message !== undefined && stream?.streaming(t) ? `${message}; the legs near the money still stream` : message),
    drop: (t) => deps.chains.cache.drop(t.underlying, t.expiry),
    marketOpen: deps.marketOpen ?? ((t) => sessionAt(t, 'fno') !== undefined),
    ...(stream ? { streaming: stream.streaming, streamedAt: stream.streamedAt, forget: stream.forget } : {}),
    ...(deps.settings ? { settings: deps.settings } : {}),
  });
  const indices = new Map(deps.instruments.filter((i) => i.kind === 'index').map((i) => [i.id as string, i.symbol]));
  return {
    poller,
    stream,
    start(): void {
      stream?.start();
      poller.start();
    },
    /** Stops the stream and the polling; resolves once no chain request is in flight. */
    async stop(): Promise<void> {
      stream?.stop();
      await poller.stop();
    },
    /** A feed tick: an index's moves the streamed window of its chains. */
    onTick(tick: Tick): void {
      if (!stream) return;
      const underlying = indices.get(tick.instrumentId);
      if (underlying !== undefined) stream.onSpot(underlying, tick.ltp, tick.tsEvent);
    },
    quoteChain(underlying: string, expiry: string, strikesEachSide: number): boolean {
      poller.want(underlying, expiry, strikesEachSide);
      return false;
    },
  };
}
