import WebSocket from 'ws';
import type { TimerHandle } from '#core/clock';
import { createRandom } from '#core/random';
import { SESSION_EXPIRED_MESSAGE, redactSecret } from './errors.ts';
import { createSessionWatch } from './session-watch.ts';
import { createAckTracker, type WsRefusal } from './subscription-acks.ts';
import { parseWsFrame, type WsTick } from './wire/ws.ts';
import { subscribeMessages, unsubscribeMessage, type WsRequest, type WsSubscription, type WsSymbol } from './wire/ws-requests.ts';
import type { OpenAlgoWsClient, OpenAlgoWsOptions, WsState, WsStatus } from './ws-client-api.ts';

export const DEFAULT_OPENALGO_WS_URL = 'ws://127.0.0.1:8765';
/** OpenAlgo closes a socket that has not authenticated within WS_AUTH_GRACE_SECONDS = 15 s (code 4401). */
export const SERVER_AUTH_GRACE_MS = 15_000;
/** Longer than the server's grace, so a server that ignores the auth ends in its own 4401, not in a retry loop. */
export const DEFAULT_AUTH_TIMEOUT_MS = SERVER_AUTH_GRACE_MS + 5_000;
export const DEFAULT_SESSION_PROBE_MS = 60_000;

export { WsState, type OpenAlgoWsClient, type OpenAlgoWsOptions, type WsRefusal, type WsStatus, type WsSymbol } from './ws-client-api.ts';

const key = (s: WsSymbol): string => `${s.exchange}:${s.symbol}`;

/**
 * OpenAlgo's WebSocket proxy keeps no session: after every reconnect the client must authenticate again
 * and resubscribe everything itself (openalgo.md §4.4). Each symbol carries its own mode, and unsubscribe
 * names the mode inside every item, because the server ignores the top-level mode for arrays.
 */
export function createOpenAlgoWsClient(options: OpenAlgoWsOptions): OpenAlgoWsClient {
  const { apiKey, clock } = options;
  const url = options.url ?? DEFAULT_OPENALGO_WS_URL;
  const random = options.random ?? createRandom(0x5eed);
  const initialMs = options.reconnectInitialMs ?? 500;
  const maxMs = options.reconnectMaxMs ?? 30_000;
  const stallMs = options.stallMs ?? 30_000;
  const authTimeoutMs = options.authTimeoutMs ?? DEFAULT_AUTH_TIMEOUT_MS;
  const isMarketOpen = options.isMarketOpen ?? (() => true);
  const subs = new Map<string, WsSubscription>();
  const tickHandlers = new Set<(t: WsTick) => void>();
  const statusHandlers = new Set<(s: WsStatus) => void>();
  const refusalHandlers = new Set<(r: WsRefusal) => void>();
  const acks = createAckTracker();
  const refused = new Map<string, WsRefusal>();
  let current: WsStatus = { state: 'idle', tsEvent: clock.now() };
  let socket: WebSocket | undefined;
  let authed = false;
  let attempt = 0;
  let lastDataAt = 0;
  let requestSeq = 0;
  let reconnectTimer: TimerHandle | undefined;
  let authTimer: TimerHandle | undefined;
  let watchdog: TimerHandle | undefined;

  const sessionWatch = options.sessionProbe
    ? createSessionWatch({ clock, intervalMs: options.sessionProbeMs ?? DEFAULT_SESSION_PROBE_MS, probe: options.sessionProbe, onBack: () => reconnectNow() })
    : undefined;

  function setStatus(state: WsState, message?: string): void {
    current = { state, ...(message !== undefined ? { message: redactSecret(message, apiKey) } : {}), tsEvent: clock.now() };
    if (state === 'expired' || state === 'error') sessionWatch?.start();
    else if (state !== 'stale') sessionWatch?.stop();
    for (const h of [...statusHandlers]) h(current);
  }

  function send(request: WsRequest): void {
    if (!socket || socket.readyState !== WebSocket.OPEN || !authed) return;
    socket.send(JSON.stringify(request.payload));
    acks.sent(request);
  }

  function sendSubscribe(items: readonly WsSubscription[]): void {
    for (const it of items) refused.delete(key(it.sym));
    for (const m of subscribeMessages(items, () => `s${++requestSeq}`)) send(m);
  }

  function sendUnsubscribe(items: readonly WsSubscription[]): void {
    const m = unsubscribeMessage(items, `u${++requestSeq}`);
    if (m) send(m);
  }

  /** A refusal of what is no longer asked for (unsubscribed, or asked again in another mode since) is old news. */
  function onRefusals(list: readonly WsRefusal[]): void {
    for (const each of list) {
      if (each.action === 'subscribe' && subs.get(key(each))?.mode !== each.mode) continue;
      const r = { ...each, message: redactSecret(each.message, apiKey) };
      if (r.action === 'subscribe') refused.set(key(r), r);
      for (const h of [...refusalHandlers]) h(r);
    }
  }

  function clearTimers(): void {
    reconnectTimer?.cancel();
    reconnectTimer = undefined;
    authTimer?.cancel();
    authTimer = undefined;
  }

  function dropSocket(): void {
    const s = socket;
    socket = undefined;
    authed = false;
    acks.clear();
    if (!s) return;
    s.removeAllListeners();
    s.on('error', () => {});
    s.terminate();
  }

  function scheduleReconnect(reason: string): void {
    dropSocket();
    clearTimers();
    const base = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
    attempt++;
    const delay = base / 2 + random.next() * (base / 2);
    setStatus('reconnecting', `${reason}; reconnecting in ${(delay / 1000).toFixed(1)} s`);
    reconnectTimer = clock.setTimer(clock.now() + delay, connect);
  }

  /** No automatic retry from here: only a broker login (session watch or the Reconnect command) helps. */
  function giveUp(state: 'expired' | 'error', message: string): void {
    dropSocket();
    clearTimers();
    setStatus(state, message);
  }

  /**
   * Errors before the auth answer. OpenAlgo accepts the API key even after the daily broker logout and
   * then fails to find or start the broker session: BROKER_ERROR ("No broker configuration found for
   * user"), BROKER_INIT_ERROR or BROKER_CONNECTION_ERROR. AUTHENTICATION_ERROR means the key itself is
   * unknown. Anything else is a passing server fault and is retried.
   */
  function onAuthError(code: string, message: string): void {
    if (code === 'AUTHENTICATION_ERROR') {
      giveUp('error', `OpenAlgo rejected the API key (${message || code}): check the key in the OpenAlgo connection panel`);
    } else if (code.startsWith('BROKER_')) {
      giveUp('expired', `${SESSION_EXPIRED_MESSAGE} (OpenAlgo: ${code} ${message})`.trim());
    } else {
      scheduleReconnect(`OpenAlgo could not authenticate the feed (${code}: ${message})`);
    }
  }

  function onFrame(text: string): void {
    const parsed = parseWsFrame(text);
    if (!parsed.ok) {
      options.onProtocolError?.(parsed.error.message);
      return;
    }
    const f = parsed.value;
    switch (f.kind) {
      case 'auth':
        authTimer?.cancel();
        authed = true;
        lastDataAt = clock.now();
        // Resubscribing first clears the last socket's refusals, so the new status no longer shows them.
        sendSubscribe([...subs.values()]);
        setStatus('connected', f.broker ? `streaming from ${f.broker}` : undefined);
        return;
      case 'market-data': {
        if (!subs.has(key(f.tick))) {
          options.onUnsubscribedData?.(f.tick.exchange, f.tick.symbol);
          return;
        }
        lastDataAt = clock.now();
        attempt = 0;
        if (current.state === 'stale') setStatus('connected');
        for (const h of [...tickHandlers]) h(f.tick);
        return;
      }
      case 'ack': {
        const r = acks.onAck(f.ack);
        if (r.ok) onRefusals(r.value);
        else options.onProtocolError?.(r.error);
        return;
      }
      case 'error': {
        if (!authed) return onAuthError(f.code, f.message);
        const whole = acks.onError(f.code, f.message);
        if (whole) onRefusals(whole);
        else options.onProtocolError?.(`${f.code}: ${f.message}`);
        return;
      }
      default:
        return;
    }
  }

  function connect(): void {
    reconnectTimer = undefined;
    dropSocket();
    if (current.state !== 'reconnecting') setStatus('connecting');
    const ws = new WebSocket(url, { handshakeTimeout: authTimeoutMs });
    socket = ws;
    ws.on('open', () => {
      ws.send(JSON.stringify({ action: 'authenticate', api_key: apiKey }));
      authTimer = clock.setTimer(clock.now() + authTimeoutMs, () =>
        giveUp('error', `OpenAlgo accepted the feed connection but did not answer its authentication within ${Math.round(authTimeoutMs / 1000)} s`),
      );
    });
    ws.on('message', (data, isBinary) => {
      if (socket !== ws) return;
      onFrame(isBinary ? '' : data.toString());
    });
    ws.on('close', (code, reason) => {
      if (socket !== ws) return;
      if (code === 4401) {
        giveUp('expired', `${SESSION_EXPIRED_MESSAGE} (OpenAlgo closed the feed: 4401 ${reason.toString() || 'auth timeout'})`);
        return;
      }
      scheduleReconnect(`feed closed (${code})`);
    });
    ws.on('error', (e) => {
      if (socket !== ws) return;
      scheduleReconnect(`cannot reach OpenAlgo at ${url} (${e.message})`);
    });
  }

  function reconnectNow(): void {
    if (current.state === 'idle' || current.state === 'stopped') return;
    attempt = 0;
    clearTimers();
    connect();
  }

  function checkStall(): void {
    const now = clock.now();
    // Refused symbols send nothing: with only those, silence is no stall (and a reconnect no cure).
    if (current.state !== 'connected' || !authed || subs.size === refused.size || !isMarketOpen(now)) return;
    if (now - lastDataAt <= stallMs) return;
    setStatus('stale', `no market data for ${Math.round((now - lastDataAt) / 1000)} s`);
    scheduleReconnect('feed stalled');
  }

  return {
    start() {
      if (current.state !== 'idle' && current.state !== 'stopped') return;
      attempt = 0;
      watchdog = clock.setInterval(Math.max(50, Math.min(1000, stallMs / 4)), checkStall);
      connect();
    },
    stop() {
      watchdog?.cancel();
      watchdog = undefined;
      clearTimers();
      dropSocket();
      setStatus('stopped');
    },
    reconnect: () => reconnectNow(),
    subscribe(symbols, mode) {
      const fresh: WsSubscription[] = [];
      const changed: WsSubscription[] = [];
      for (const sym of symbols) {
        const existing = subs.get(key(sym));
        if (existing?.mode === mode) {
          if (refused.has(key(sym))) fresh.push(existing);
          continue;
        }
        if (existing) changed.push(existing);
        const entry = { sym: { symbol: sym.symbol, exchange: sym.exchange }, mode };
        subs.set(key(sym), entry);
        fresh.push(entry);
      }
      sendUnsubscribe(changed);
      sendSubscribe(fresh);
    },
    unsubscribe(symbols) {
      const gone: WsSubscription[] = [];
      for (const sym of symbols) {
        const existing = subs.get(key(sym));
        if (!existing) continue;
        subs.delete(key(sym));
        refused.delete(key(sym));
        gone.push(existing);
      }
      sendUnsubscribe(gone);
    },
    onTick(handler) {
      tickHandlers.add(handler);
      return () => tickHandlers.delete(handler);
    },
    onStatus(handler) {
      statusHandlers.add(handler);
      return () => statusHandlers.delete(handler);
    },
    onRefusal(handler) {
      refusalHandlers.add(handler);
      return () => refusalHandlers.delete(handler);
    },
    status: () => current,
    subscriptions: () => new Map([...subs].map(([k, v]) => [k, v.mode])),
    refused: () => new Map(refused),
  };
}
