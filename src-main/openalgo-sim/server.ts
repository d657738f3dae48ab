import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WallClock, type Clock } from '#core/clock';
import { createRandom } from '#core/random';
import type { Feed } from '#market/feed';
import { faultActionSchema, faultScriptSchema, SimFaults, type FaultAction, type FaultScript } from './faults.ts';
import { SimMarket, type SimInstrument, type SimOptionChain } from './market.ts';
import { SERVICES, type ServiceContext } from './handlers.ts';
import { JSON_HEADERS, jsonRaw, notFound, RESTX_INTERNAL_ERROR, type RawReply } from './http-answers.ts';
import { SimOrderBook } from './order-book.ts';
import { createRestRouter, type Outcome } from './rest-router.ts';
import { startWsServer, type SimWsServer } from './ws-server.ts';

export interface OpenAlgoSimOptions {
  /** Market data source: any Feed (the project's simulator, a replay, a test feed). */
  readonly feed: Feed;
  readonly instruments: readonly SimInstrument[];
  readonly optionChains?: readonly SimOptionChain[];
  readonly apiKey: string;
  readonly seed?: number;
  readonly clock?: Clock;
  /** REST port (OpenAlgo: 5000); 0 picks a free one. */
  readonly port?: number;
  /** WebSocket port (OpenAlgo: 8765); 0 picks a free one. */
  readonly wsPort?: number;
  readonly host?: string;
  /** OpenAlgo closes unauthenticated sockets with 4401 after 15 s. */
  readonly authGraceMs?: number;
  /** OpenAlgo pings every 20 s and drops a client that does not answer before the next ping. */
  readonly pingIntervalMs?: number;
  /** Enforce OpenAlgo's moving-window limits (orders 10/s, API 50/s) with real 429s. Default true. */
  readonly enforceRateLimits?: boolean;
  readonly analyze?: boolean;
  readonly capital?: number;
}

export interface OpenAlgoSim {
  /** Host URL to give the client, e.g. http://127.0.0.1:5000. */
  readonly host: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly wsPort: number;
  readonly market: SimMarket;
  readonly book: SimOrderBook;
  readonly faults: SimFaults;
  readonly ws: SimWsServer;
  apply(action: FaultAction): void;
  /** Runs fault actions at offsets from now on the clock. */
  script(steps: FaultScript): void;
  /** REST requests received per path (after auth and validation), for tests. */
  requestCount(path: string): number;
  close(): Promise<void>;
}

export async function startOpenAlgoSim(options: OpenAlgoSimOptions): Promise<OpenAlgoSim> {
  const clock = options.clock ?? new WallClock();
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const faults = new SimFaults(createRandom(seed ^ 0x7f4a7c15));
  const market = new SimMarket({ clock, feed: options.feed, instruments: options.instruments, optionChains: options.optionChains ?? [] });
  const book = new SimOrderBook({ clock, random: createRandom(seed ^ 0x2545f491), market, ...(options.capital !== undefined ? { capital: options.capital } : {}) });
  book.analyze = options.analyze ?? false;
  const counts = new Map<string, number>();
  const ctx: ServiceContext = {
    book, market, clock, seed, random: createRandom(seed ^ 0x5bd1e995), apiKey: options.apiKey, sessionExpired: () => faults.sessionExpired,
  };

  const ws = await startWsServer({
    port: options.wsPort ?? 0, host, apiKey: options.apiKey, clock, random: createRandom(seed ^ 0x1b873593), market, faults,
    authGraceMs: options.authGraceMs ?? 15_000, pingIntervalMs: options.pingIntervalMs ?? 20_000, broker: 'simulator',
  });

  function apply(action: FaultAction): void {
    const a = faultActionSchema.parse(action);
    switch (a.kind) {
      case 'rest':
        return faults.queue(a.path, a.fault, a.times);
      case 'rates':
        faults.rates = { ...faults.rates, ...a.rates };
        book.behaviour.partialFillRate = faults.rates.partialFill;
        book.behaviour.rejectRate = faults.rates.reject;
        return;
      case 'drop-sockets':
        return ws.dropAll();
      case 'stall':
        faults.stalled = a.on;
        return;
      case 'expire-session':
        faults.sessionExpired = true;
        return;
      case 'restore-session':
        faults.sessionExpired = false;
        return;
      case 'ignore-auth':
        faults.ignoreAuth = a.on;
        return;
      case 'ws-malformed':
        return ws.sendGarbage(a.count);
      case 'ws-raw':
        return ws.sendRaw(a.text);
      case 'price':
        return market.setPrice(a.exchange, a.symbol, a.ltp);
      case 'ws-refuse':
        faults.wsRefused = new Map(a.symbols.map((k) => [k, { code: a.code, message: a.message }]));
        return;
      case 'ws-capacity':
        faults.wsCapacity = a.max;
        return;
      case 'ws-fail-subscribe':
        faults.wsFailSubscribe = a.times > 0 ? { code: a.code, message: a.message, exchange: a.exchange, times: a.times } : undefined;
        return;
    }
  }

  const rest = createRestRouter({
    clock, apiKey: options.apiKey, faults, enforceRateLimits: options.enforceRateLimits ?? true, analyze: () => book.analyze,
    handle: (name, body) => SERVICES[name]!(ctx, body),
    reached: (name) => counts.set(name, (counts.get(name) ?? 0) + 1),
  });

  /** The simulator's own control route; everything else is OpenAlgo's. */
  function simFaults(text: string): RawReply {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return jsonRaw(400, 'jsonify', { status: 'error', message: 'body is not JSON' });
    }
    const script = faultScriptSchema.safeParse(json);
    if (script.success) {
      runScript(script.data);
      return jsonRaw(200, 'jsonify', { status: 'success', message: `scheduled ${script.data.length} fault actions` });
    }
    const one = faultActionSchema.safeParse(json);
    if (!one.success) return jsonRaw(400, 'jsonify', { status: 'error', message: one.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    apply(one.data);
    return jsonRaw(200, 'jsonify', { status: 'success', message: `applied ${one.data.kind}` });
  }

  function route(req: IncomingMessage, body: string): Outcome {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (url.pathname.replace(/\/+$/, '') === '/sim/faults') return req.method === 'POST' ? simFaults(body) : notFound(url.pathname);
    return rest({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, contentType: req.headers['content-type'] ?? '', body });
  }

  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let out: Outcome;
      try {
        out = route(req, Buffer.concat(chunks).toString('utf8'));
      } catch {
        out = RESTX_INTERNAL_ERROR;
      }
      const finish = (): void => {
        if (out === 'hang') {
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        }
        if (out === 'malformed') {
          res.writeHead(200, JSON_HEADERS).end('{"status":"success","orderid":');
          return;
        }
        const reply = Array.isArray(out) ? jsonRaw(out[0], 'jsonify', out[1]) : (out as RawReply);
        res.writeHead(reply.status, reply.headers).end(req.method === 'HEAD' ? undefined : reply.body);
      };
      const delay = faults.latencyMs();
      if (delay > 0) clock.setTimer(clock.now() + delay, finish);
      else finish();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (options.port ?? 0);

  function runScript(steps: FaultScript): void {
    const parsed = faultScriptSchema.parse(steps);
    for (const step of parsed) clock.setTimer(clock.now() + step.afterMs, () => apply(step.action));
  }

  market.start();
  await options.feed.start();
  market.live();

  return {
    host: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${ws.port}`,
    port,
    wsPort: ws.port,
    market,
    book,
    faults,
    ws,
    apply,
    script: runScript,
    requestCount: (path) => counts.get(path) ?? 0,
    async close() {
      market.stop();
      await options.feed.stop();
      for (const res of hanging) res.destroy();
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
