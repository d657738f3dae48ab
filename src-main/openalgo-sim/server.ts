import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { WallClock, type Clock } from '#core/clock';
import { createRandom } from '#core/random';
import type { Feed } from '#market/feed';
import { faultActionSchema, faultScriptSchema, SimFaults, type FaultAction, type FaultScript } from './faults.ts';
import { SimMarket, type SimInstrument, type SimOptionChain } from './market.ts';
import { SimOrderBook } from './order-book.ts';
import { dataHandlers, type DataContext } from './rest-data.ts';
import { orderHandlers, type Reply } from './rest-orders.ts';
import { validateRequest } from './validate.ts';
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

const RATE: Record<string, number> = { placeorder: 10, modifyorder: 10, cancelorder: 10, optionsorder: 10, optionsmultiorder: 10, placesmartorder: 10, margin: 50 };

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

export async function startOpenAlgoSim(options: OpenAlgoSimOptions): Promise<OpenAlgoSim> {
  const clock = options.clock ?? new WallClock();
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const faults = new SimFaults(createRandom(seed ^ 0x7f4a7c15));
  const market = new SimMarket({ clock, feed: options.feed, instruments: options.instruments, optionChains: options.optionChains ?? [] });
  const book = new SimOrderBook({ clock, random: createRandom(seed ^ 0x2545f491), market, ...(options.capital !== undefined ? { capital: options.capital } : {}) });
  book.analyze = options.analyze ?? false;
  const ctx: DataContext = { book, market, now: () => clock.now(), seed };
  const counts = new Map<string, number>();
  const windows = new Map<string, number[]>();
  const enforce = options.enforceRateLimits ?? true;

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
      case 'price':
        return market.setPrice(a.exchange, a.symbol, a.ltp);
    }
  }

  function rateLimited(path: string): boolean {
    if (!enforce) return false;
    const limit = RATE[path] ?? 50;
    const now = clock.now();
    const w = (windows.get(path) ?? []).filter((t) => t > now - 1000);
    windows.set(path, w);
    if (w.length >= limit) return true;
    w.push(now);
    return false;
  }

  async function route(path: string, text: string): Promise<Reply | 'hang' | 'malformed'> {
    if (path === 'sim/faults') {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return [400, { status: 'error', message: 'body is not JSON' }];
      }
      const script = faultScriptSchema.safeParse(json);
      if (script.success) {
        runScript(script.data);
        return [200, { status: 'success', message: `scheduled ${script.data.length} fault actions` }];
      }
      const one = faultActionSchema.safeParse(json);
      if (!one.success) return [400, { status: 'error', message: one.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }];
      apply(one.data);
      return [200, { status: 'success', message: `applied ${one.data.kind}` }];
    }
    const apiPath = path.startsWith('api/v1/') ? path.slice('api/v1/'.length) : undefined;
    const handler = apiPath !== undefined ? (orderHandlers[apiPath] ?? dataHandlers[apiPath]) : undefined;
    if (apiPath === undefined || !handler) return [404, { status: 'error', message: 'Not found', path: `/${path}` }];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const v = validateRequest(apiPath, json);
    if (!v) return [404, { status: 'error', message: 'Not found', path: `/${path}` }];
    if (!v.ok) return [400, { status: 'error', message: v.message }];
    if (rateLimited(apiPath)) return [429, { status: 'error', message: 'Rate limit exceeded. Please slow down your requests.', retry_after: 60 }];
    const fault = faults.take(apiPath);
    if (fault?.kind === 'status') {
      if (fault.status === 429) return [429, { status: 'error', message: 'Rate limit exceeded. Please slow down your requests.', retry_after: fault.retryAfter ?? 60 }];
      return [fault.status, { status: 'error', message: fault.message ?? 'An unexpected error occurred in the API endpoint' }];
    }
    if (fault?.kind === 'timeout') return 'hang';
    const { apikey, ...body } = v.body;
    if (apikey !== options.apiKey || faults.sessionExpired) return [403, { status: 'error', message: 'Invalid openalgo apikey' }];
    counts.set(apiPath, (counts.get(apiPath) ?? 0) + 1);
    const reply = orderHandlers[apiPath] ? orderHandlers[apiPath](ctx, body) : dataHandlers[apiPath]!(ctx, body);
    if (fault?.kind === 'timeout-after-accept') return 'hang';
    if (fault?.kind === 'malformed') return 'malformed';
    return reply;
  }

  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!.replace(/^\/+|\/+$/g, '');
      const respond = async (): Promise<void> => {
        const out = req.method === 'POST' ? await route(path, Buffer.concat(chunks).toString('utf8')) : ([405, { status: 'error', message: 'Method not allowed' }] as Reply);
        const delay = faults.latencyMs();
        const finish = (): void => {
          if (out === 'hang') {
            hanging.add(res);
            res.on('close', () => hanging.delete(res));
            return;
          }
          if (out === 'malformed') {
            res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","orderid":');
            return;
          }
          res.writeHead(out[0], { 'content-type': 'application/json' }).end(sortedJson(out[1]));
        };
        if (delay > 0) clock.setTimer(clock.now() + delay, finish);
        else finish();
      };
      respond().catch(() => res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"An unexpected error occurred in the API endpoint","status":"error"}'));
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
