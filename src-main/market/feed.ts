import type { Unsubscribe } from '#core/bus';
import type { InstrumentId } from '#model/ids';
import type { Tick } from '#model/bar';

/** OpenAlgo's three streaming modes; a simulator honours them by which quote fields it fills. */
export const FeedMode = { ltp: 'ltp', quote: 'quote', depth: 'depth' } as const;
export type FeedMode = (typeof FeedMode)[keyof typeof FeedMode];

export const FeedState = {
  idle: 'idle',
  connecting: 'connecting',
  connected: 'connected',
  /** Connected, but nothing arrived for longer than the watchdog allows while the market is open. */
  stale: 'stale',
  reconnecting: 'reconnecting',
  /** The broker session behind OpenAlgo expired: only a fresh broker login helps, so no retry loop. */
  expired: 'expired',
  stopped: 'stopped',
  error: 'error',
} as const;
export type FeedState = (typeof FeedState)[keyof typeof FeedState];

export interface FeedStatus {
  readonly state: FeedState;
  /** A sentence for the trader, e.g. "OpenAlgo session expired: log in to your broker in OpenAlgo". */
  readonly message?: string;
  readonly tsEvent: number;
}

/**
 * The port every market data source implements (simulator, replay, OpenAlgo WebSocket). The engine
 * neither knows nor cares which one it holds: only the clock, the feed and the broker differ between
 * simulation, backtest and live.
 */
export interface Feed {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Connects again now (after *expired*, once the trader logged in to the broker); absent where meaningless. */
  reconnect?(): void;
  subscribe(instrumentIds: readonly InstrumentId[], mode: FeedMode): void;
  unsubscribe(instrumentIds: readonly InstrumentId[]): void;
  onTick(handler: (tick: Tick) => void): Unsubscribe;
  onStatus(handler: (status: FeedStatus) => void): Unsubscribe;
  status(): FeedStatus;
}
