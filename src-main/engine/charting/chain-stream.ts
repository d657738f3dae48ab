import type { Clock, TimerHandle } from '#core/clock';
import type { Logger } from '#core/log';
import type { QuoteBook } from '#execution/quotes';
import { tickFromWs } from '#market/feeds/openalgo/openalgo-feed';
import { createAggregatedReporter, warnAggregated } from '#openalgo/aggregated-reporter';
import type { OpenAlgoWsClient, OpenAlgoWsOptions, WsRefusal } from '#openalgo/ws-client';
import { WsMode } from '#openalgo/wire/ws';
import type { OptionChain } from '#options/chain';
import type { ChainTarget } from './openalgo-chains.ts';
import type { OptionChains } from './option-chains.ts';
import { chainKey, overlayOf, recentre, relist, streamChain, type StreamChain as Chain, type StreamLeg as Leg } from './stream-legs.ts';
import { createStreamRefusals } from './stream-refusals.ts';
import { allotStreamedLegs } from './stream-window.ts';

export interface ChainStreamSettings {
  /** Strikes streamed each side of a chain's centre strike. */
  readonly strikesEachSide: number;
  /** Legs streamed across every chain at most (see `DEFAULT_CHAIN_STREAM`). */
  readonly maxLegs: number;
  /** The window moves once the strike nearest spot is this many strikes from its centre, not on every wobble. */
  readonly recentreAfterStrikes: number;
  /** A leg neither polled nor streamed for this long leaves the chain the bots read. */
  readonly staleAfterMs: number;
  /**
   * A chain none of whose legs streamed for this long counts as not streaming (a broker that takes the
   * subscription and sends nothing, the market closed): it is polled at full cadence again.
   */
  readonly quietAfterMs: number;
}

/**
 * 15 strikes each side cover the bots' legs on the weekly chains (the condor's 10-delta wings sit some 8
 * strikes out) at 62 legs a chain, so the eight standing chains (four indices, two expiries) take 496 legs.
 * 500 is half of one OpenAlgo upstream connection (`MAX_SYMBOLS_PER_WEBSOCKET` = 1000, three per user:
 * openalgo.md §4.4), which leaves room for the feed's own subscriptions and for brokers that allow fewer.
 */
export const DEFAULT_CHAIN_STREAM: ChainStreamSettings = { strikesEachSide: 15, maxLegs: 500, recentreAfterStrikes: 2, staleAfterMs: 30_000, quietAfterMs: 5000 };

export type ChainStreamClient = Pick<OpenAlgoWsClient, 'start' | 'stop' | 'subscribe' | 'unsubscribe' | 'onTick' | 'onStatus' | 'onRefusal' | 'status'>;
/** Builds the chain stream's own WebSocket client, reporting bad frames to the stream. */
export type ChainStreamConnect = (report: Required<Pick<OpenAlgoWsOptions, 'onProtocolError' | 'onUnsubscribedData'>>) => ChainStreamClient;

export interface ChainStreamStatus {
  readonly state: string;
  readonly subscribed: number;
  /** Subscribed legs OpenAlgo refused on this socket: they stream nothing, and their chains are polled at full cadence. */
  readonly refused: number;
  /** The legs the window may hold: `maxLegs`, or less once OpenAlgo ran out of room (MAX_CAPACITY_REACHED). */
  readonly maxLegs: number;
  /** Streamed quotes written into a chain. */
  readonly applied: number;
  /** Frames that did not parse (or OpenAlgo's error frames), dropped. */
  readonly malformed: number;
  /** Well-formed market data for a symbol that is no leg of a followed chain, dropped. */
  readonly unknown: number;
  /** Frames for a leg just unsubscribed (sent before the server had the unsubscribe), dropped without a log line. */
  readonly late: number;
}

export interface ChainStreamDeps {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly connect: ChainStreamConnect;
  readonly chains: OptionChains;
  readonly quotes: QuoteBook;
  /** A chain stopped streaming (the socket is down, or its legs went quiet): polling takes over at its full cadence. */
  readonly onDown: () => void;
  readonly settings?: Partial<ChainStreamSettings>;
}

/**
 * Streams the legs near the money of every polled option chain over OpenAlgo's WebSocket, in depth mode:
 * OpenAlgo's quote mode carries no bid/ask (openalgo.md §4.3), and the chain prices legs at the mid, the
 * paper broker fills at the touch. A poll gives the strikes and symbols; each streamed tick then moves its
 * leg in the shared chain book and the quote book, and the next poll keeps a leg streamed since it was
 * stamped. The window follows spot, the legs leaving it are unsubscribed, and a leg neither polled nor
 * streamed for `staleAfterMs` leaves the book, so no bot trades on it.
 */
export function createChainStream(deps: ChainStreamDeps) {
  const s: ChainStreamSettings = { ...DEFAULT_CHAIN_STREAM, ...deps.settings };
  const { clock, logger } = deps;
  const chains = new Map<string, Chain>();
  const legs = new Map<string, Leg>();
  let subscribed = new Map<string, { symbol: string; exchange: string }>();
  const counts = { applied: 0, malformed: 0, unknown: 0, late: 0 };
  const problems = createAggregatedReporter({
    clock,
    emit: warnAggregated(logger, 'problem', 'OpenAlgo option chain stream: frame dropped', 'OpenAlgo option chain stream: frames dropped'),
  });
  const client = deps.connect({
    onProtocolError: (message) => {
      counts.malformed++;
      problems.report(`malformed frame (${message})`);
    },
    onUnsubscribedData: (exchange, symbol) => {
      if (legs.has(`${exchange}:${symbol}`)) {
        counts.late++;
        return;
      }
      counts.unknown++;
      problems.report(`market data for ${exchange}:${symbol}, which is no leg of a followed chain`);
    },
  });
  const refusals = createStreamRefusals({ clock, logger, maxLegs: s.maxLegs });
  let sweep: TimerHandle | undefined;
  let up = false;

  const connected = (): boolean => client.status().state === 'connected';
  const bookOf = (c: Chain) => deps.chains.cache.book(c.target.underlying, c.target.expiry);

  /** Each chain's legs in the window, streaming or refused. */
  const recount = (): void => {
    for (const c of chains.values()) {
      c.streamedLegs = 0;
      c.refusedLegs = 0;
    }
    for (const k of subscribed.keys()) {
      const l = legs.get(k);
      if (l && refusals.has(k)) l.chain.refusedLegs++;
      else if (l) l.chain.streamedLegs++;
    }
  };

  /**
   * Subscribes the legs the window wants now and unsubscribes the rest, in one message each. Legs OpenAlgo
   * refused are asked again only with `retry` (the window re-centred), so a poll never re-asks them.
   */
  const resubscribe = (retry: boolean): void => {
    const windows = [...chains.values()].map((c) => ({ strikes: c.strikes, centre: c.centre === undefined ? -1 : c.strikes.indexOf(c.centre), legsAt: (k: number) => c.legsAt.get(k) ?? [] }));
    const wanted = allotStreamedLegs(windows, s.strikesEachSide, refusals.cap());
    const next = new Map(wanted.map((l) => [l.key, { symbol: l.symbol, exchange: l.exchange }]));
    const goneKeys = [...subscribed.keys()].filter((k) => !next.has(k));
    const gone = goneKeys.map((k) => subscribed.get(k)!);
    const again = retry ? wanted.filter((l) => refusals.has(l.key)) : [];
    refusals.forget([...goneKeys, ...again.map((l) => l.key)]);
    const fresh = [...wanted.filter((l) => !subscribed.has(l.key)), ...again].map((l) => ({ symbol: l.symbol, exchange: l.exchange }));
    subscribed = next;
    recount();
    if (gone.length > 0) client.unsubscribe(gone);
    if (fresh.length > 0) client.subscribe(fresh, WsMode.depth);
  };

  /** A chain whose window holds a refused leg is not streaming: polls at full cadence keep that leg's quote. */
  const streaming = (c: Chain | undefined): boolean =>
    connected() && c !== undefined && c.streamedLegs > 0 && c.refusedLegs === 0 && c.streamedAt !== undefined && clock.now() - c.streamedAt < s.quietAfterMs;

  const onRefusal = (r: WsRefusal): void => {
    const key = `${r.exchange}:${r.symbol}`;
    const leg = legs.get(key);
    if (r.action !== 'subscribe') {
      problems.report(`OpenAlgo refused to ${r.action} ${key} (${r.code})`);
      return;
    }
    if (!leg || !subscribed.has(key)) return;
    refusals.note(key, r, subscribed.size);
    recount();
  };

  /**
   * Legs neither polled nor streamed within `staleAfterMs` leave the book; a fresh poll keeps every leg.
   * A chain gone quiet since the last sweep is handed back to polling at full cadence.
   */
  const sweepStale = (): void => {
    const now = clock.now();
    let quiet = false;
    for (const c of chains.values()) {
      const live = streaming(c);
      if (c.live && !live) quiet = true;
      c.live = live;
    }
    if (quiet) deps.onDown();
    for (const c of chains.values()) {
      const book = bookOf(c);
      if (!book || now - c.polledAt < s.staleAfterMs) continue;
      let n = 0;
      for (const list of c.legsAt.values()) {
        for (const l of list) {
          if (l.dropped || (l.streamedAt !== undefined && now - l.streamedAt < s.staleAfterMs)) continue;
          l.dropped = true;
          if (book.dropLeg(l.strike, l.right)) n++;
        }
      }
      if (n > 0) logger.warn({ underlying: c.target.underlying, expiry: c.target.expiry, legs: n, staleAfterMs: s.staleAfterMs }, 'option legs with no quote polled or streamed lately taken out of the chain');
    }
  };

  const applyLeg = (l: Leg, at: number): void => {
    bookOf(l.chain)?.applyQuote(l.strike, l.right, { ...l.base, ...l.overlay }, at);
  };

  return {
    start(): void {
      client.onTick((t) => {
        const leg = legs.get(`${t.exchange}:${t.symbol}`);
        if (!leg) {
          counts.unknown++;
          problems.report(`market data for ${t.exchange}:${t.symbol}, which is no leg of a followed chain`);
          return;
        }
        const overlay = overlayOf(t);
        if (overlay.ltp === undefined && (overlay.bid === undefined || overlay.ask === undefined)) return;
        const now = clock.now();
        leg.overlay = { ...leg.overlay, ...overlay };
        leg.streamedAt = now;
        leg.chain.streamedAt = now;
        leg.dropped = false;
        applyLeg(leg, now);
        counts.applied++;
        deps.quotes.applyTick(tickFromWs(t, now));
      });
      client.onStatus((st) => {
        const nowUp = st.state === 'connected';
        if (nowUp === up) return;
        up = nowUp;
        // The client has just asked for every leg again on the new socket.
        if (nowUp) refusals.clear();
        recount();
        if (nowUp) logger.info({ legs: subscribed.size }, 'OpenAlgo option chain stream connected: polling slows to reconciliation');
        else {
          logger.warn({ state: st.state, message: st.message }, 'OpenAlgo option chain stream down: chains are polled at full cadence until it is back');
          deps.onDown();
        }
      });
      client.onRefusal(onRefusal);
      sweep = clock.setInterval(Math.max(100, Math.min(1000, s.staleAfterMs / 4)), sweepStale);
      client.start();
    },

    stop(): void {
      sweep?.cancel();
      sweep = undefined;
      client.stop();
      problems.close();
      refusals.close();
    },

    /** A polled chain, just written into the shared chains: its legs, the window, legs streamed since it was stamped. */
    onChain(chain: OptionChain): void {
      const key = chainKey(chain);
      const c = chains.get(key) ?? streamChain(chain);
      chains.set(key, c);
      for (const leg of relist(c, chain, legs, clock.now())) applyLeg(leg, leg.streamedAt!);
      resubscribe(recentre(c, chain.spot, s.recentreAfterStrikes));
    },

    /** The underlying's tick from the engine's feed: the window follows it, and a streaming chain takes the new spot. */
    onSpot(underlying: string, spot: number, ts: number): void {
      let moved = false;
      for (const c of chains.values()) {
        if (c.target.underlying !== underlying) continue;
        if (streaming(c)) bookOf(c)?.setUnderlying(spot, c.forward, ts);
        if (recentre(c, spot, s.recentreAfterStrikes)) moved = true;
      }
      if (moved) resubscribe(true);
    },

    /** The poller no longer follows this chain: its legs are unsubscribed. */
    forget(target: Pick<ChainTarget, 'underlying' | 'expiry'>): void {
      const c = chains.get(chainKey(target));
      if (!c) return;
      chains.delete(chainKey(target));
      for (const list of c.legsAt.values()) for (const l of list) legs.delete(l.key);
      resubscribe(false);
    },

    /** Whether this chain's legs stream now: the socket is up, the window holds some of them and one streamed lately. */
    streaming: (target: Pick<ChainTarget, 'underlying' | 'expiry'>): boolean => streaming(chains.get(chainKey(target))),

    /** When a leg of this chain was last streamed. */
    streamedAt: (target: Pick<ChainTarget, 'underlying' | 'expiry'>): number | undefined => chains.get(chainKey(target))?.streamedAt,

    /** `EXCHANGE:SYMBOL` of every leg subscribed, for diagnostics and tests. */
    subscribed: (): string[] => [...subscribed.keys()],

    status: (): ChainStreamStatus => ({ state: client.status().state, subscribed: subscribed.size, refused: refusals.count(), maxLegs: refusals.cap(), ...counts }),
  };
}

export type ChainStream = ReturnType<typeof createChainStream>;
