import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { createOpenAlgoClient, type OpenAlgoClient } from './client.ts';

/** The REST client against a scripted OpenAlgo on loopback: real HTTP, real timers. */
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}
type Answer = { status: number; body: string; headers?: Record<string, string> };

const KEY = 'k'.repeat(64);
let server: http.Server;
let host: string;
let seen: Seen[];
let script: Map<string, Answer[]>;

const ok = (body: object): Answer => ({ status: 200, body: JSON.stringify({ status: 'success', ...body }) });
const answer = (path: string, ...answers: Answer[]): void => void script.set(path, answers);
const hits = (path: string): number => seen.filter((s) => s.url.split('?')[0] === `/api/v1/${path}`).length;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = req.url ?? '';
      seen.push({ method: req.method ?? '', url, body });
      const route = decodeURIComponent(url.split('?')[0]!.replace('/api/v1/', ''));
      const queue = script.get(route) ?? script.get(route.split('/')[0]!) ?? [];
      const a = (queue.length > 1 ? queue.shift() : queue[0]) ?? { status: 404, body: '{"status":"error","message":"Not found"}' };
      res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
      res.end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen = [];
  script = new Map();
});

const client = (extra: Partial<Parameters<typeof createOpenAlgoClient>[0]> = {}): OpenAlgoClient =>
  createOpenAlgoClient({ host, apiKey: KEY, clock: new WallClock(), retryBaseMs: 20, ...extra });
const RATE_LIMITED: Answer = { status: 429, body: '{"status":"error","message":"Rate limit exceeded. Please slow down your requests.","retry_after":60}' };
const place = { strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1 } as const;

describe('429 back-off is per route, capped at the limiter window', () => {
  it('a placement’s 429 (retry_after 60) blocks placements for one window only, and never a cancel or modify', async () => {
    const c = client();
    answer('placeorder', RATE_LIMITED, ok({ orderid: '2' }));
    answer('cancelorder', ok({ orderid: '1' }));
    answer('modifyorder', ok({ orderid: '1' }));
    const first = await c.placeOrder(place);
    expect(!first.ok && [first.error.kind, first.error.retryAfterMs]).toEqual(['rate-limited', 1000]);
    const blocked = await c.placeOrder(place);
    expect(!blocked.ok && blocked.error.kind).toBe('rate-limited');
    expect(hits('placeorder')).toBe(1);
    const cancel = await c.cancelOrder({ strategy: 't', orderid: '1' });
    expect(cancel.ok).toBe(true);
    const modify = await c.modifyOrder({ ...place, orderid: '1', product: 'MIS', pricetype: 'LIMIT', price: 1, disclosed_quantity: 0, trigger_price: 0 });
    expect(modify.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1050));
    expect((await c.placeOrder(place)).ok).toBe(true);
  });

  it('the Retry-After header wins over the body: a read is blocked for exactly that long, then goes through', async () => {
    const c = client({ rateLimits: { api: { limit: 10, windowMs: 5000 } } });
    answer('quotes', { ...RATE_LIMITED, headers: { 'retry-after': '1' } }, ok({ data: { ltp: 5 } }));
    answer('depth', ok({ data: { ltp: 5, asks: [], bids: [] } }));
    const first = await c.quotes({ symbol: 'SBIN', exchange: 'NSE' });
    expect(!first.ok && [first.error.kind, first.error.retryAfterMs]).toEqual(['rate-limited', 1000]);
    expect(hits('quotes')).toBe(1);
    expect((await c.quotes({ symbol: 'SBIN', exchange: 'NSE' })).ok).toBe(false);
    expect((await c.depth({ symbol: 'SBIN', exchange: 'NSE' })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1050));
    expect((await c.quotes({ symbol: 'SBIN', exchange: 'NSE' })).ok).toBe(true);
    expect(hits('quotes')).toBe(2);
  });
});

describe('5xx', () => {
  it('an enveloped 500 on a placement is an unknown outcome and is never re-sent', async () => {
    answer('placeorder', { status: 500, body: '{"status":"error","message":"Failed to place order due to internal error"}' });
    const r = await client().placeOrder(place);
    expect(!r.ok && [r.error.kind, r.error.cause]).toEqual(['unknown-outcome', 'server']);
    expect(hits('placeorder')).toBe(1);
  });

  it('a read retries an enveloped 5xx with backoff and succeeds', async () => {
    answer('funds', { status: 500, body: '{"status":"error","message":"Error fetching funds"}' }, { status: 502, body: '<html>' }, ok({ data: { availablecash: '1' } }));
    const r = await client().funds({});
    expect(r.ok).toBe(true);
    expect(hits('funds')).toBe(3);
  });
});

describe('session expiry over REST', () => {
  it('"Invalid openalgo apikey" after the key had worked is session-expired, and is not retried', async () => {
    const c = client();
    answer('ping', ok({ data: { message: 'pong', broker: 'zerodha' } }), { status: 403, body: '{"status":"error","message":"Invalid openalgo apikey"}' });
    expect((await c.ping({})).ok).toBe(true);
    const r = await c.ping({});
    expect(!r.ok && r.error.kind).toBe('session-expired');
    expect(hits('ping')).toBe(2);
  });
});

describe('client-side validation as OpenAlgo’s', () => {
  it('refuses a fractional quantity except on CRYPTO, before sending', async () => {
    const c = client();
    const r = await c.placeOrder({ ...place, quantity: 1.5 });
    expect(!r.ok && r.error.kind).toBe('validation');
    expect(!r.ok && r.error.message).toContain('Fractional quantity (1.5) is not allowed for non-crypto exchanges.');
    const basket = await c.basketOrder({ strategy: 't', orders: [{ exchange: 'NFO', symbol: 'X', action: 'BUY', quantity: 65.5 }] });
    expect(!basket.ok && basket.error.message).toContain('orders.0.quantity');
    const smart = await c.placeSmartOrder({ ...place, quantity: 0, position_size: 2.5 });
    expect(!smart.ok && smart.error.kind).toBe('validation');
    answer('placeorder', ok({ orderid: '3' }));
    expect((await c.placeOrder({ ...place, exchange: 'CRYPTO', symbol: 'BTCUSDFUT', quantity: 0.01 })).ok).toBe(true);
    expect(hits('placeorder')).toBe(1);
  });

  it('refuses an impossible date in history, ticker and timings requests', async () => {
    const c = client();
    const h = await c.history({ symbol: 'NIFTY', exchange: 'NSE_INDEX', interval: '5m', start_date: '2026-02-30', end_date: '2026-03-02' });
    expect(!h.ok && h.error.message).toContain('2026-02-30 is not a calendar date');
    expect((await c.ticker({ symbol: 'SBIN', exchange: 'NSE', interval: 'D', from: '2026-01-01', to: '2026-13-01' })).ok).toBe(false);
    expect((await c.marketTimings({ date: '2025-02-29' })).ok).toBe(false);
    expect(seen).toHaveLength(0);
  });
});

describe('GET endpoints', () => {
  it('instruments: GET with the key, exchange and format in the query string', async () => {
    answer('instruments', ok({ data: [{ symbol: 'SBIN', brsymbol: 'SBIN-EQ', exchange: 'NSE', lotsize: 1 }] }));
    const r = await client().instruments({ exchange: 'NSE' });
    expect(r.ok && r.value.data[0]?.lotsize).toBe(1);
    expect(seen[0]?.method).toBe('GET');
    const q = new URL(`http://x${seen[0]!.url}`).searchParams;
    expect([q.get('apikey'), q.get('exchange'), q.get('format')]).toEqual([KEY, 'NSE', 'json']);
  });

  it('ticker: the symbol goes in the path, encoded (M&M)', async () => {
    answer('ticker', ok({ data: [{ timestamp: 1783296000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 }] }));
    const r = await client().ticker({ symbol: 'M&M', exchange: 'NSE', interval: 'D', from: '2026-01-01', to: '2026-01-31' });
    expect(r.ok).toBe(true);
    expect(seen[0]?.url.startsWith('/api/v1/ticker/NSE%3AM%26M?')).toBe(true);
  });

  it('the key in a GET query string never reaches an error message', async () => {
    const r = await createOpenAlgoClient({ host: 'http://127.0.0.1:1', apiKey: KEY, clock: new WallClock(), readRetries: 0 }).instruments({ exchange: 'NSE' });
    expect(!r.ok && r.error.message).not.toContain(KEY);
  });
});
