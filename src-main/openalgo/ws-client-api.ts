import type { Clock } from '#core/clock';
import type { Random } from '#core/random';
import type { SessionProbe } from './session-watch.ts';
import type { WsRefusal } from './subscription-acks.ts';
import type { WsMode, WsTick } from './wire/ws.ts';
import type { WsSymbol } from './wire/ws-requests.ts';

/** Same words as the market Feed port's states, so the feed adapter maps them one to one. */
export const WsState = {
  idle: 'idle',
  connecting: 'connecting',
  connected: 'connected',
  stale: 'stale',
  reconnecting: 'reconnecting',
  expired: 'expired',
  stopped: 'stopped',
  error: 'error',
} as const;
export type WsState = (typeof WsState)[keyof typeof WsState];

export interface WsStatus {
  readonly state: WsState;
  readonly message?: string;
  readonly tsEvent: number;
}

export type { WsSymbol, WsRefusal };

export interface OpenAlgoWsOptions {
  readonly url?: string;
  readonly apiKey: string;
  readonly clock: Clock;
  readonly random?: Random;
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
  /** No market data for this long while subscribed and the market is open → stale, reconnect. */
  readonly stallMs?: number;
  /**
   * How long to wait for the auth answer before giving up (state *error*, no retry loop). Must exceed
   * the server's 15 s grace (default 20 s), so a silent server ends in its 4401 close, i.e. *expired*.
   */
  readonly authTimeoutMs?: number;
  readonly isMarketOpen?: (nowMs: number) => boolean;
  /**
   * Called with a description of each frame that did not parse, of an ack that answers no request waiting,
   * and of an error frame that answers none (never with the API key). An error answering a request is a refusal.
   */
  readonly onProtocolError?: (message: string) => void;
  /**
   * Called with each well-formed market-data frame for a symbol this client has not subscribed (dropped):
   * one arriving just after its unsubscribe, or a server sending what nobody asked for.
   */
  readonly onUnsubscribedData?: (exchange: string, symbol: string) => void;
  /**
   * Asked every `sessionProbeMs` while the feed is *expired* or in *error*; when it answers true (e.g.
   * a REST ping works again after the trader logged in to the broker) the client reconnects by itself.
   */
  readonly sessionProbe?: SessionProbe;
  readonly sessionProbeMs?: number;
}

export interface OpenAlgoWsClient {
  start(): void;
  stop(): void;
  /** Connects again now, whatever the state (after `expired` or `error`: the trader logged in to the broker). */
  reconnect(): void;
  subscribe(symbols: readonly WsSymbol[], mode: WsMode): void;
  unsubscribe(symbols: readonly WsSymbol[]): void;
  onTick(handler: (tick: WsTick) => void): () => void;
  onStatus(handler: (status: WsStatus) => void): () => void;
  /**
   * Each symbol OpenAlgo refused in a subscribe ack (or with the whole request). A refused subscription is
   * kept: it is asked again after the next reconnect, or when `subscribe` names it again, never in a loop.
   */
  onRefusal(handler: (refusal: WsRefusal) => void): () => void;
  status(): WsStatus;
  /** Symbol key → mode of every live subscription, for diagnostics and tests. */
  subscriptions(): ReadonlyMap<string, WsMode>;
  /** Symbol key → the refusal of every subscription OpenAlgo refused on this socket. */
  refused(): ReadonlyMap<string, WsRefusal>;
}
