import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock, TimerHandle } from '#core/clock';
import type { Random } from '#core/random';
import type { SimFaults } from './faults.ts';
import type { SimMarket } from './market.ts';
import { dataFor, MODE_NAMES, normalizeMode, pyStr, pyTypeName, truthy } from './ws-protocol.ts';

/**
 * The simulator's market-data WebSocket, speaking OpenAlgo's proxy protocol (openalgo.md §4): auth within
 * the grace period or close 4401, per-symbol-and-mode subscriptions, `market_data` frames with the mode
 * each client subscribed with, errors without `type`, protocol-level pings.
 */
export interface WsServerOptions {
  readonly port: number;
  readonly host: string;
  readonly apiKey: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly market: SimMarket;
  readonly faults: SimFaults;
  readonly authGraceMs: number;
  readonly pingIntervalMs: number;
  readonly broker: string;
}

interface Client {
  socket: WebSocket;
  /** OpenAlgo's `user_mapping`: set by an auth with a valid key, even when the broker part then fails. */
  user: boolean;
  /** The auth also reached the broker adapter: market data flows to this client. */
  streaming: boolean;
  /** `EXCHANGE:SYMBOL` → set of modes. */
  subs: Map<string, Set<number>>;
  graceTimer: TimerHandle | undefined;
  alive: boolean;
}

export interface SimWsServer {
  readonly port: number;
  dropAll(): void;
  sendGarbage(count: number): void;
  sendRaw(text: string): void;
  /** `EXCHANGE:SYMBOL` of every live subscription, across clients, sorted: what a test checks an unsubscribe by. */
  subscriptions(): string[];
  clientCount(): number;
  close(): Promise<void>;
}

export async function startWsServer(o: WsServerOptions): Promise<SimWsServer> {
  const wss = new WebSocketServer({ port: o.port, host: o.host });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const clients = new Set<Client>();
  const send = (c: Client, msg: unknown): void => {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(msg));
  };
  const error = (c: Client, code: string, message: string): void => send(c, { status: 'error', code, message });

  const offUpdate = o.market.onUpdate((exchange, symbol, q) => {
    if (o.faults.stalled || o.faults.sessionExpired) return;
    const k = `${exchange}:${symbol}`;
    for (const c of clients) {
      const modes = c.subs.get(k);
      if (!c.streaming || !modes) continue;
      for (const mode of modes) {
        if (o.faults.wsGarbage()) c.socket.send(o.random.next() < 0.5 ? '{"type":"market_data","mode":' : JSON.stringify({ type: 'market_data', symbol, exchange, mode, data: { ltp: 'x' } }));
        else send(c, { type: 'market_data', symbol, exchange, mode, data: dataFor(mode, exchange, symbol, q, o.clock.now()), broker: o.broker });
      }
    }
  });

  const pinger = o.clock.setInterval(o.pingIntervalMs, () => {
    for (const c of clients) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  });

  /** OpenAlgo keeps one broker adapter per user while any of the user's sockets that reached it is open. */
  const adapterUp = (): boolean => [...clients].some((c) => c.streaming);

  /** `authenticate_client`: a valid key maps the user; an expired broker session then fails the broker step. */
  function authenticate(c: Client, msg: Record<string, unknown>): void {
    if (o.faults.ignoreAuth) return;
    const key = truthy(msg.api_key) ? msg.api_key : msg.apikey;
    if (!truthy(key)) return error(c, 'AUTHENTICATION_ERROR', 'API key is required');
    if (key !== o.apiKey) return error(c, 'AUTHENTICATION_ERROR', 'Invalid API key');
    c.user = true;
    c.graceTimer?.cancel();
    if (o.faults.sessionExpired) return error(c, 'BROKER_ERROR', 'No broker configuration found for user');
    c.streaming = true;
    send(c, { type: 'auth', status: 'success', message: 'Authentication successful', broker: o.broker, user_id: 'simulator', supported_features: { ltp: true, quote: true, depth: true } });
  }

  /** The adapter's answer to one symbol under the refusal faults: a named symbol refused, or no room left. */
  function adapterRefusal(c: Client, k: string): { code: string; message: string } | undefined {
    const named = o.faults.wsRefused.get(k);
    if (named) return named;
    const max = o.faults.wsCapacity;
    if (max !== null && !c.subs.has(k) && c.subs.size >= max) return { code: 'MAX_CAPACITY_REACHED', message: `Maximum ${max} symbols per connection reached` };
    return undefined;
  }

  function subscribe(c: Client, msg: Record<string, unknown>, requestId: Record<string, unknown>): void {
    const mode = normalizeMode(Object.hasOwn(msg, 'mode') ? msg.mode : 'Quote');
    if (!mode.ok) return error(c, 'INVALID_MODE', mode.message);
    let symbols = truthy(msg.symbols) ? (msg.symbols as unknown[]) : [];
    if (symbols.length === 0 && truthy(msg.symbol) && truthy(msg.exchange)) symbols = [{ symbol: msg.symbol, exchange: msg.exchange }];
    if (symbols.length === 0) return error(c, 'INVALID_PARAMETERS', 'At least one symbol must be specified');
    if (!adapterUp()) return error(c, 'BROKER_ERROR', 'Broker adapter not found');
    const fail = o.faults.wsFailSubscribe;
    if (fail && (fail.exchange === undefined || symbols.some((it) => (it as { exchange?: unknown } | null)?.exchange === fail.exchange))) {
      if (--fail.times <= 0) o.faults.wsFailSubscribe = undefined;
      return error(c, fail.code, fail.message);
    }
    const bad = symbols.find((s) => !s || typeof s !== 'object' || Array.isArray(s));
    if (bad !== undefined) return error(c, 'SERVER_ERROR', `'${pyTypeName(bad)}' object has no attribute 'get'`);
    const depth = Object.hasOwn(msg, 'depth') ? msg.depth : 5;
    const subscriptions: Record<string, unknown>[] = [];
    for (const item of symbols as Record<string, unknown>[]) {
      const { symbol, exchange } = item;
      if (!truthy(symbol) || !truthy(exchange)) continue;
      if (typeof symbol !== 'string' || typeof exchange !== 'string' || !o.market.quote(exchange, symbol)) {
        subscriptions.push({ symbol, exchange, status: 'error', message: `Symbol ${pyStr(symbol)} not found for exchange ${pyStr(exchange)}`, broker: o.broker });
        continue;
      }
      const k = `${exchange}:${symbol}`;
      const refusal = adapterRefusal(c, k);
      if (refusal) {
        subscriptions.push({ symbol, exchange, status: 'error', code: refusal.code, message: refusal.message, broker: o.broker });
        continue;
      }
      c.subs.set(k, new Set([...(c.subs.get(k) ?? []), mode.mode]));
      subscriptions.push({ symbol, exchange, status: 'success', mode: MODE_NAMES[mode.mode], depth, broker: o.broker });
    }
    // One failed symbol, or all of them, makes the whole answer "partial" (`subscribe_client`).
    const allOk = subscriptions.every((s) => s.status === 'success');
    send(c, { type: 'subscribe', status: allOk ? 'success' : 'partial', subscriptions, message: 'Subscription processing complete', broker: o.broker, ...requestId });
  }

  function unsubscribe(c: Client, msg: Record<string, unknown>, all: boolean, requestId: Record<string, unknown>): void {
    let symbols = truthy(msg.symbols) ? (msg.symbols as unknown[]) : [];
    if (symbols.length === 0 && !all && truthy(msg.symbol) && truthy(msg.exchange)) {
      const mode = normalizeMode(Object.hasOwn(msg, 'mode') ? msg.mode : 2);
      if (!mode.ok) return error(c, 'INVALID_MODE', mode.message);
      symbols = [{ symbol: msg.symbol, exchange: msg.exchange, mode: mode.mode }];
    }
    if (symbols.length === 0 && !all) return error(c, 'INVALID_PARAMETERS', 'Either symbols or unsubscribe_all is required');
    if (!adapterUp()) return error(c, 'BROKER_ERROR', 'Broker adapter not found');
    const successful: Record<string, unknown>[] = [];
    const failed: Record<string, unknown>[] = [];
    if (all) {
      for (const [k, modes] of c.subs) {
        const [exchange, symbol] = [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)];
        for (let i = 0; i < modes.size; i++) successful.push({ symbol, exchange, status: 'success', broker: o.broker });
      }
      c.subs.clear();
    } else {
      const bad = symbols.find((s) => !s || typeof s !== 'object' || Array.isArray(s));
      if (bad !== undefined) return error(c, 'SERVER_ERROR', `'${pyTypeName(bad)}' object has no attribute 'get'`);
      for (const item of symbols as Record<string, unknown>[]) {
        // The quirk clients must live with: array items carry their own mode, defaulting to Quote.
        const mode = normalizeMode(Object.hasOwn(item, 'mode') ? item.mode : 2);
        if (!mode.ok) {
          failed.push({ symbol: item.symbol, exchange: item.exchange, status: 'error', message: mode.message, broker: o.broker });
          continue;
        }
        if (!truthy(item.symbol) || !truthy(item.exchange)) continue;
        const k = `${String(item.exchange)}:${String(item.symbol)}`;
        const modes = c.subs.get(k);
        modes?.delete(mode.mode);
        if (modes?.size === 0) c.subs.delete(k);
        // Not being subscribed is no failure: OpenAlgo fails an item only when the adapter refuses it.
        successful.push({ symbol: item.symbol, exchange: item.exchange, status: 'success', broker: o.broker });
      }
    }
    const status = failed.length === 0 ? 'success' : successful.length > 0 ? 'partial' : 'error';
    send(c, { type: 'unsubscribe', status, message: 'Unsubscription processing complete', successful, failed, broker: o.broker, ...requestId });
  }

  function onMessage(c: Client, text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return error(c, 'INVALID_JSON', 'Invalid JSON message');
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return error(c, 'SERVER_ERROR', `'${pyTypeName(msg)}' object has no attribute 'get'`);
    const m = msg as Record<string, unknown>;
    const action = truthy(m.action) ? m.action : m.type;
    const requestId = m.request_id !== undefined && m.request_id !== null ? { request_id: m.request_id } : {};
    if (action === 'authenticate' || action === 'auth') return authenticate(c, m);
    if (action === 'ping') {
      const echo = { ...(m.timestamp !== undefined && m.timestamp !== null ? { client_timestamp: m.timestamp } : {}), ...(m._pingId !== undefined && m._pingId !== null ? { _pingId: m._pingId } : {}) };
      return send(c, { type: 'pong', status: 'success', server_timestamp: o.clock.now(), ...echo });
    }
    if (action === 'get_supported_brokers') return send(c, { type: 'supported_brokers', status: 'success', brokers: [o.broker], count: 1 });
    const known = ['subscribe', 'unsubscribe', 'unsubscribe_all', 'subscribe_orders', 'unsubscribe_orders', 'get_broker_info'];
    if (typeof action !== 'string' || !known.includes(action)) return error(c, 'INVALID_ACTION', `Invalid action: ${pyStr(action)}`);
    if (!c.user) return error(c, 'NOT_AUTHENTICATED', 'You must authenticate first');
    if (action === 'subscribe') return subscribe(c, m, requestId);
    if (action === 'unsubscribe' || action === 'unsubscribe_all') return unsubscribe(c, m, m.type === 'unsubscribe_all' || m.action === 'unsubscribe_all', requestId);
    if (action === 'get_broker_info') {
      if (!adapterUp()) return error(c, 'BROKER_ERROR', 'Broker information not available');
      return send(c, { type: 'broker_info', status: 'success', broker: o.broker, adapter_status: 'connected', user_id: 'simulator' });
    }
    const verb = action === 'subscribe_orders' ? 'Subscribed to' : 'Unsubscribed from';
    send(c, { type: action, status: 'success', message: `${verb} order updates`, ...requestId });
  }

  wss.on('connection', (socket) => {
    const c: Client = { socket, user: false, streaming: false, subs: new Map(), graceTimer: undefined, alive: true };
    clients.add(c);
    c.graceTimer = o.clock.setTimer(o.clock.now() + o.authGraceMs, () => {
      if (!c.user) socket.close(4401, 'auth timeout');
    });
    socket.on('pong', () => {
      c.alive = true;
    });
    socket.on('message', (data) => onMessage(c, data.toString()));
    socket.on('close', () => {
      c.graceTimer?.cancel();
      clients.delete(c);
    });
    socket.on('error', () => {});
  });

  const address = wss.address();
  return {
    port: typeof address === 'object' && address ? address.port : o.port,
    dropAll() {
      for (const c of clients) c.socket.terminate();
    },
    sendGarbage(count) {
      const junk = ['', 'null', '[]', '{"type":"market_data"}', '{"type":"market_data","symbol":"X","exchange":"NSE","mode":7,"data":{}}', '\u0000\u0001', '{"status":"ok"}'];
      for (const c of clients) for (let i = 0; i < count; i++) if (c.socket.readyState === c.socket.OPEN) c.socket.send(junk[o.random.int(0, junk.length - 1)]!);
    },
    sendRaw(text) {
      for (const c of clients) if (c.socket.readyState === c.socket.OPEN) c.socket.send(text);
    },
    subscriptions: () => [...new Set([...clients].flatMap((c) => [...c.subs.keys()]))].sort(),
    clientCount: () => clients.size,
    async close() {
      offUpdate();
      pinger.cancel();
      for (const c of clients) c.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
