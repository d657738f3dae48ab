import { WebSocketServer, type WebSocket } from 'ws';
import type { Clock, TimerHandle } from '#core/clock';
import type { Random } from '#core/random';
import type { SimFaults } from './faults.ts';
import type { Quote, SimMarket } from './market.ts';

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
  authed: boolean;
  /** `EXCHANGE:SYMBOL` → set of modes. */
  subs: Map<string, Set<number>>;
  graceTimer: TimerHandle | undefined;
  alive: boolean;
}

const MODE_NAMES: Record<number, string> = { 1: 'LTP', 2: 'Quote', 3: 'Depth' };

function normalizeMode(m: unknown, fallback: number): number | undefined {
  if (m === undefined || m === null) return fallback;
  if (m === 1 || m === 2 || m === 3) return m;
  if (typeof m === 'string') {
    const k = m.toLowerCase();
    if (k === 'ltp' || k === '1') return 1;
    if (k === 'quote' || k === '2') return 2;
    if (k === 'depth' || k === '3') return 3;
  }
  return undefined;
}

function dataFor(mode: number, exchange: string, symbol: string, q: Quote, now: number): Record<string, unknown> {
  const base: Record<string, unknown> = { ltp: q.ltp, ltt: q.ts, symbol, exchange, mode, timestamp: now };
  if (mode >= 2) Object.assign(base, { open: q.open, high: q.high, low: q.low, close: q.prevClose, volume: q.volume, oi: q.oi, total_buy_quantity: 1500, total_sell_quantity: 1500 });
  if (mode === 3) {
    const lv = (p: number, i: number): { price: number; quantity: number; orders: number } => ({ price: Math.round(p * 100) / 100, quantity: 100 * (i + 1), orders: i + 1 });
    base.depth = { buy: [0, 1, 2, 3, 4].map((i) => lv(q.bid - i * 0.05, i)), sell: [0, 1, 2, 3, 4].map((i) => lv(q.ask + i * 0.05, i)) };
  }
  return base;
}

export interface SimWsServer {
  readonly port: number;
  dropAll(): void;
  sendGarbage(count: number): void;
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
      if (!c.authed || !modes) continue;
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

  function symbolsOf(msg: Record<string, unknown>): { symbol: string; exchange: string; mode?: unknown }[] | undefined {
    if (Array.isArray(msg.symbols)) return msg.symbols.filter((s): s is { symbol: string; exchange: string } => typeof s?.symbol === 'string' && typeof s?.exchange === 'string');
    if (typeof msg.symbol === 'string' && typeof msg.exchange === 'string') return [{ symbol: msg.symbol, exchange: msg.exchange, mode: msg.mode }];
    return undefined;
  }

  function onMessage(c: Client, text: string): void {
    let msg: Record<string, unknown>;
    try {
      const parsed = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      msg = parsed;
    } catch {
      error(c, 'INVALID_JSON', 'Invalid JSON message');
      return;
    }
    const action = String(msg.action ?? msg.type ?? '');
    if (action === 'authenticate' || action === 'auth') {
      if (o.faults.ignoreAuth) return;
      const key = msg.api_key ?? msg.apikey;
      if (!key) return error(c, 'AUTHENTICATION_ERROR', 'API key is required');
      if (key !== o.apiKey || o.faults.sessionExpired) return error(c, 'AUTHENTICATION_ERROR', 'Invalid API key');
      c.authed = true;
      c.graceTimer?.cancel();
      send(c, { type: 'auth', status: 'success', message: 'Authentication successful', broker: o.broker, user_id: 'simulator', supported_features: { ltp: true, quote: true, depth: true } });
      return;
    }
    if (action === 'ping') return send(c, { type: 'pong', status: 'success', server_timestamp: o.clock.now(), client_timestamp: msg.timestamp });
    if (!c.authed) return error(c, 'NOT_AUTHENTICATED', 'You must authenticate first');
    const requestId = msg.request_id !== undefined ? { request_id: msg.request_id } : {};
    if (action === 'subscribe') {
      const symbols = symbolsOf(msg);
      if (!symbols || symbols.length === 0) return error(c, 'INVALID_PARAMETERS', 'At least one symbol must be specified');
      const mode = normalizeMode(msg.mode, 2);
      if (mode === undefined) return error(c, 'INVALID_MODE', `Invalid mode: ${String(msg.mode)}`);
      const subscriptions = symbols.map((s) => {
        if (!o.market.quote(s.exchange, s.symbol)) return { symbol: s.symbol, exchange: s.exchange, status: 'error', message: 'Symbol not found', broker: o.broker };
        const k = `${s.exchange}:${s.symbol}`;
        c.subs.set(k, new Set([...(c.subs.get(k) ?? []), mode]));
        return { symbol: s.symbol, exchange: s.exchange, status: 'success', mode: MODE_NAMES[mode], depth: 5, broker: o.broker };
      });
      const failed = subscriptions.filter((s) => s.status !== 'success').length;
      send(c, {
        type: 'subscribe', status: failed === 0 ? 'success' : failed === subscriptions.length ? 'error' : 'partial', subscriptions,
        message: 'Subscription processing complete', broker: o.broker, ...requestId,
      });
      return;
    }
    if (action === 'unsubscribe') {
      const symbols = symbolsOf(msg);
      if (!symbols || symbols.length === 0) return error(c, 'INVALID_PARAMETERS', 'At least one symbol must be specified');
      const successful: unknown[] = [];
      const failed: unknown[] = [];
      for (const s of symbols) {
        // The quirk clients must live with: array items carry their own mode, defaulting to Quote.
        const mode = normalizeMode(Array.isArray(msg.symbols) ? s.mode : msg.mode, 2) ?? 2;
        const k = `${s.exchange}:${s.symbol}`;
        const modes = c.subs.get(k);
        if (modes?.delete(mode)) {
          if (modes.size === 0) c.subs.delete(k);
          successful.push({ symbol: s.symbol, exchange: s.exchange, status: 'success', broker: o.broker });
        } else failed.push({ symbol: s.symbol, exchange: s.exchange, status: 'error', message: 'Not subscribed', broker: o.broker });
      }
      send(c, {
        type: 'unsubscribe', status: failed.length === 0 ? 'success' : successful.length === 0 ? 'error' : 'partial',
        message: 'Unsubscription processing complete', successful, failed, broker: o.broker, ...requestId,
      });
      return;
    }
    if (action === 'unsubscribe_all') {
      c.subs.clear();
      return send(c, { type: 'unsubscribe', status: 'success', message: 'Unsubscription processing complete', successful: [], failed: [], broker: o.broker });
    }
    if (action === 'get_broker_info') return send(c, { type: 'broker_info', status: 'success', broker: o.broker, adapter_status: 'connected', user_id: 'simulator' });
    if (action === 'subscribe_orders') return send(c, { type: 'subscribe_orders', status: 'success', message: 'Subscribed to order updates', ...requestId });
    error(c, 'INVALID_ACTION', `Invalid action: ${action}`);
  }

  wss.on('connection', (socket) => {
    const c: Client = { socket, authed: false, subs: new Map(), graceTimer: undefined, alive: true };
    clients.add(c);
    c.graceTimer = o.clock.setTimer(o.clock.now() + o.authGraceMs, () => {
      if (!c.authed) socket.close(4401, 'auth timeout');
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
    clientCount: () => clients.size,
    async close() {
      offUpdate();
      pinger.cancel();
      for (const c of clients) c.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
