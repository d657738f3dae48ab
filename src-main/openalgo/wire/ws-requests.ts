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

/** One subscribe per mode: the server applies the top-level mode to every symbol of an array. */
export function subscribeMessages(items: readonly WsSubscription[], nextId: () => string): object[] {
  const byMode = new Map<WsMode, WsSymbol[]>();
  for (const it of items) byMode.set(it.mode, [...(byMode.get(it.mode) ?? []), it.sym]);
  return [...byMode].map(([mode, symbols]) => ({
    action: 'subscribe',
    symbols: symbols.map((s) => ({ symbol: s.symbol, exchange: s.exchange })),
    mode,
    ...(mode === WsMode.depth ? { depth: 5 } : {}),
    request_id: nextId(),
  }));
}

/** With an array the server reads `mode` from each item (default Quote), so every item names its own. */
export function unsubscribeMessage(items: readonly WsSubscription[], id: string): object | undefined {
  if (items.length === 0) return undefined;
  return {
    action: 'unsubscribe',
    symbols: items.map((it) => ({ symbol: it.sym.symbol, exchange: it.sym.exchange, mode: it.mode })),
    request_id: id,
  };
}
