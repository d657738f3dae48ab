import { WsMode } from './ws.ts';

/** Client → server frames of OpenAlgo's WebSocket proxy (openalgo.md §4.2). */
export interface WsSymbol {
  readonly symbol: string;
  readonly exchange: string;
}

export interface WsSubscription {
  readonly sym: WsSymbol;
  readonly mode: WsMode;
}

/** One frame to send, with what it asks for: its ack is matched back to it by `id` (the echoed request_id). */
export interface WsRequest {
  readonly id: string;
  readonly action: 'subscribe' | 'unsubscribe';
  readonly items: readonly WsSubscription[];
  readonly payload: object;
}

/** One subscribe per mode: the server applies the top-level mode to every symbol of an array. */
export function subscribeMessages(items: readonly WsSubscription[], nextId: () => string): WsRequest[] {
  const byMode = new Map<WsMode, WsSubscription[]>();
  for (const it of items) byMode.set(it.mode, [...(byMode.get(it.mode) ?? []), it]);
  return [...byMode].map(([mode, group]) => {
    const id = nextId();
    return {
      id,
      action: 'subscribe',
      items: group,
      payload: {
        action: 'subscribe',
        symbols: group.map((s) => ({ symbol: s.sym.symbol, exchange: s.sym.exchange })),
        mode,
        ...(mode === WsMode.depth ? { depth: 5 } : {}),
        request_id: id,
      },
    };
  });
}

/** With an array the server reads `mode` from each item (default Quote), so every item names its own. */
export function unsubscribeMessage(items: readonly WsSubscription[], id: string): WsRequest | undefined {
  if (items.length === 0) return undefined;
  return {
    id,
    action: 'unsubscribe',
    items,
    payload: { action: 'unsubscribe', symbols: items.map((it) => ({ symbol: it.sym.symbol, exchange: it.sym.exchange, mode: it.mode })), request_id: id },
  };
}
