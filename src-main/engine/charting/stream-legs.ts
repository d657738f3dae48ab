import type { WsTick } from '#openalgo/wire/ws';
import type { OptionChain, OptionQuote } from '#options/chain';
import type { ChainTarget } from './openalgo-chains.ts';

/** The fields a streamed tick carries for a leg, laid over the leg's last polled quote. */
export type Overlay = Partial<Pick<OptionQuote, 'ltp' | 'bid' | 'ask' | 'bidQty' | 'askQty' | 'volume' | 'oi'>>;

/** One option leg of a polled chain, as the stream knows it: `EXCHANGE:SYMBOL` is its key on the socket. */
export interface StreamLeg {
  readonly key: string;
  readonly symbol: string;
  readonly exchange: string;
  readonly chain: StreamChain;
  readonly strike: number;
  readonly right: 'CE' | 'PE';
  /** The leg as the last poll quoted it; streamed fields go over it. */
  base: OptionQuote;
  overlay: Overlay | undefined;
  streamedAt: number | undefined;
  /** Taken out of the chain book as stale, until its next quote. */
  dropped: boolean;
}

/** One polled chain's legs and its streamed window. */
export interface StreamChain {
  readonly target: ChainTarget;
  strikes: number[];
  legsAt: Map<number, StreamLeg[]>;
  /** The strike the streamed window is centred on. */
  centre: number | undefined;
  forward: number | undefined;
  polledAt: number;
  streamedAt: number | undefined;
  /** Legs of this chain the window holds and OpenAlgo took. */
  streamedLegs: number;
  /** Legs of this chain the window holds and OpenAlgo refused: while any, the chain is polled at full cadence. */
  refusedLegs: number;
  /** Whether the last sweep found it streaming. */
  live: boolean;
}

export const chainKey = (t: { readonly underlying: string; readonly expiry: string }): string => `${t.underlying}|${t.expiry}`;

export function streamChain(chain: OptionChain): StreamChain {
  const target: ChainTarget = { underlying: chain.underlying as ChainTarget['underlying'], exchange: chain.exchange as ChainTarget['exchange'], expiry: chain.expiry };
  return { target, strikes: [], legsAt: new Map(), centre: undefined, forward: undefined, polledAt: 0, streamedAt: undefined, streamedLegs: 0, refusedLegs: 0, live: false };
}

/** A tick's prices, touch (a side only with a price), volume and OI: depth mode carries all of them. */
export function overlayOf(t: WsTick): Overlay {
  return {
    ...(t.ltp > 0 ? { ltp: t.ltp } : {}),
    ...(t.bid !== undefined && t.bid > 0 ? { bid: t.bid, bidQty: t.bidQty ?? 0 } : {}),
    ...(t.ask !== undefined && t.ask > 0 ? { ask: t.ask, askQty: t.askQty ?? 0 } : {}),
    ...(t.volume !== undefined ? { volume: t.volume } : {}),
    ...(t.oi !== undefined ? { oi: t.oi } : {}),
  };
}

/**
 * Takes a chain's legs from a fresh poll (into `legs`, the registry across chains; legs it no longer lists
 * leave). Returns the legs streamed since OpenAlgo stamped the chain: the poll is older than their ticks, so
 * their streamed fields go over it again.
 */
export function relist(c: StreamChain, chain: OptionChain, legs: Map<string, StreamLeg>, now: number): StreamLeg[] {
  const before = new Set([...c.legsAt.values()].flat().map((l) => l.key));
  const newer: StreamLeg[] = [];
  c.polledAt = now;
  c.forward = chain.forward;
  c.strikes = chain.rows.map((r) => r.strike);
  c.legsAt = new Map();
  for (const row of chain.rows) {
    const list: StreamLeg[] = [];
    for (const [right, q] of [['CE', row.ce], ['PE', row.pe]] as const) {
      if (!q?.symbol) continue;
      const key = `${chain.exchange}:${q.symbol}`;
      const leg = legs.get(key) ?? { key, symbol: q.symbol, exchange: chain.exchange, chain: c, strike: row.strike, right, base: q, overlay: undefined, streamedAt: undefined, dropped: false };
      leg.base = q;
      leg.dropped = false;
      legs.set(key, leg);
      before.delete(key);
      list.push(leg);
      if (leg.overlay && leg.streamedAt !== undefined && leg.streamedAt >= chain.ts) newer.push(leg);
    }
    c.legsAt.set(row.strike, list);
  }
  for (const key of before) legs.delete(key);
  if (c.centre !== undefined && !c.strikes.includes(c.centre)) c.centre = undefined;
  return newer;
}

/** Moves the centre to the strike nearest `spot` once it is `after` strikes away (or has none); true when it moved. */
export function recentre(c: StreamChain, spot: number, after: number): boolean {
  if (c.strikes.length === 0 || !(spot > 0)) return false;
  let near = 0;
  for (let i = 1; i < c.strikes.length; i++) if (Math.abs(c.strikes[i]! - spot) < Math.abs(c.strikes[near]! - spot)) near = i;
  const at = c.centre === undefined ? -1 : c.strikes.indexOf(c.centre);
  if (at >= 0 && Math.abs(near - at) < after) return false;
  c.centre = c.strikes[near];
  return true;
}
