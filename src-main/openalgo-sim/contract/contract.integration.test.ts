import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WallClock } from '#core/clock';
import { ENDPOINTS } from '#openalgo/endpoints';
import { parseResponse } from '#openalgo/parse-response';
import { parseWsFrame } from '#openalgo/wire/ws';
import { expiryCodeFromEpoch } from '#openalgo/symbol-codec';
import { startOpenAlgoSim, type OpenAlgoSim } from '../server.ts';
import { createSteadyFeed } from '../steady-feed.ts';
import { EXPECTATIONS, REST_CASES, WS_CASES, type RestCase } from './cases.ts';
import { shapeDiff, shapeOf } from './shape.ts';

/**
 * The contract suite: every recorded OpenAlgo answer in `src-main/openalgo/fixtures/contract/` against
 * the running simulator over loopback HTTP and WebSocket, with the same checks on both, and both read
 * through the client's own parser. The simulator's prices stand still here so shapes cannot flicker.
 */
const KEY = 'contract-key-0123456789';
const clock = new WallClock();
const near = expiryCodeFromEpoch(clock.now() + 20 * 86_400_000);
const far = expiryCodeFromEpoch(clock.now() + 50 * 86_400_000);
const PLACEHOLDERS: Record<string, string> = { '<apikey>': KEY, '<near>': near, '<far>': far, '<atm-ce>': `NIFTY${near}26000CE`, '<broker>': 'simulator' };
let sim: OpenAlgoSim;

beforeAll(async () => {
  const future = `NIFTY${near}FUT`;
  // No ticks during the suite: an hour-long interval leaves every price where it starts.
  const feed = createSteadyFeed({ clock, seed: 1, intervalMs: 3_600_000, prices: {} });
  sim = await startOpenAlgoSim({
    feed, clock, apiKey: KEY, seed: 5, enforceRateLimits: false,
    instruments: [
      { symbol: 'NIFTY', exchange: 'NSE_INDEX', price: 26_010 },
      { symbol: 'SBIN', exchange: 'NSE', price: 800 },
      { symbol: future, exchange: 'NFO', price: 26_100, lotSize: 65, freezeQty: 1800 },
    ],
    optionChains: [{
      underlying: 'NIFTY', underlyingExchange: 'NSE_INDEX', exchange: 'NFO', expiries: [near, far], strikeStep: 50, strikesEachSide: 6, lotSize: 65,
      missingLegs: [{ expiry: far, steps: 1, right: 'PE' }],
    }],
  });
});
afterAll(async () => {
  await sim.close();
});

function fill<T>(value: T): T {
  if (value === undefined) return value;
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === 'string' && v in PLACEHOLDERS ? PLACEHOLDERS[v] : v)) as T;
}

async function send(c: RestCase): Promise<{ status: number; text: string }> {
  const r = fill(c.request);
  const url = new URL(`${sim.host}${r.path}`);
  for (const [k, v] of Object.entries(r.query ?? {})) url.searchParams.set(k, v);
  const body = r.method === 'GET' ? undefined : (r.raw ?? JSON.stringify(r.body ?? null));
  const res = await fetch(url, { method: r.method, headers: { 'content-type': r.contentType ?? 'application/json' }, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, text: await res.text() };
}

/** The client's reading of an answer: ok, or the kind of error it makes of it. */
function clientReading(c: RestCase, status: number, text: string): string | undefined {
  const route = /^\/api\/v1\/(.+?)\/?$/.exec(c.request.path)?.[1]?.replace(/^ticker\/.*/, 'ticker');
  const endpoint = Object.values(ENDPOINTS).find((e) => e.path === route);
  if (!endpoint) return undefined;
  const body = fill(c.request.method === 'GET' ? c.request.query : c.request.body) as Record<string, unknown> | undefined;
  const r = parseResponse(endpoint as never, status, text, { request: body && typeof body === 'object' ? { ...body, apikey: undefined } : body });
  return r.ok ? 'ok' : r.error.kind;
}

describe('contract: the simulator answers as OpenAlgo does', () => {
  it('every recorded case has an expectation and every expectation a recorded case', () => {
    expect(REST_CASES.map((c) => c.id).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
    expect(new Set(REST_CASES.map((c) => c.id)).size).toBe(REST_CASES.length);
  });

  for (const c of REST_CASES) {
    it(`${c.id}`, async () => {
      const expectation = EXPECTATIONS[c.id]!;
      if (expectation.setup === 'expire-session') sim.apply({ kind: 'expire-session' });
      let got: { status: number; text: string };
      try {
        got = await send(c);
      } finally {
        if (expectation.setup === 'expire-session') sim.apply({ kind: 'restore-session' });
      }
      const recorded = fill(c.response);
      const simBody: unknown = JSON.parse(got.text);
      expect({ id: c.id, status: got.status }).toEqual({ id: c.id, status: recorded.status });
      if (expectation.compare === 'exact') expect(simBody).toEqual(recorded.body);
      else expect(shapeDiff(shapeOf(simBody), shapeOf(recorded.body))).toEqual([]);
      for (const [who, body] of [['simulator', simBody], ['OpenAlgo', recorded.body]] as const) {
        expect(expectation.facts?.(body as Record<string, unknown>), `${who}: ${c.id}`).toBeUndefined();
      }
      expect(clientReading(c, got.status, got.text), 'the client reads both alike').toBe(clientReading(c, recorded.status, JSON.stringify(recorded.body)));
    });
  }

  it('history over a range with a holiday has no bar on the holiday (10 Nov 2026)', async () => {
    const res = await fetch(`${sim.host}/api/v1/history`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apikey: KEY, symbol: 'SBIN', exchange: 'NSE', interval: '5m', start_date: '2026-11-09', end_date: '2026-11-11' }),
    });
    const bars = ((await res.json()) as { data: { timestamp: number }[] }).data;
    const days = new Set(bars.map((b) => new Date(b.timestamp * 1000 + 19_800_000).toISOString().slice(0, 10)));
    expect([...days].sort()).toEqual(['2026-11-09', '2026-11-11']);
    expect(bars).toHaveLength(2 * 75);
  });
});

describe('contract: the simulator’s WebSocket speaks OpenAlgo’s proxy protocol', () => {
  const matches = (actual: unknown, expected: unknown): boolean => {
    if (expected === '<any>') return actual !== undefined;
    if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
    if (expected && typeof expected === 'object') {
      const a = actual as Record<string, unknown> | null;
      return !!a && typeof a === 'object' && Object.keys(a).sort().join() === Object.keys(expected).sort().join() && Object.entries(expected).every(([k, v]) => matches(a[k], v));
    }
    return actual === expected;
  };

  for (const c of WS_CASES) {
    it(c.id, async () => {
      if (c.setup === 'expire-session') sim.apply({ kind: 'expire-session' });
      const socket = new WebSocket(sim.wsUrl);
      const frames: string[] = [];
      const waiters: ((text: string) => void)[] = [];
      socket.on('message', (d) => {
        const text = d.toString();
        if (text.includes('"market_data"')) return;
        const w = waiters.shift();
        if (w) w(text);
        else frames.push(text);
      });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      const next = (): Promise<string> => (frames.length > 0 ? Promise.resolve(frames.shift()!) : new Promise((resolve) => waiters.push(resolve)));
      try {
        for (const step of c.steps) {
          if ('send' in step) {
            const s = fill(step.send);
            socket.send(typeof s === 'string' && s.startsWith('<raw>') ? s.slice('<raw>'.length) : JSON.stringify(s));
            continue;
          }
          const expected = fill(step.expect);
          const text = await next();
          expect(matches(JSON.parse(text), expected), `${text} should match ${JSON.stringify(expected)}`).toBe(true);
          const reading = (t: string): string => {
            const r = parseWsFrame(t);
            return r.ok ? r.value.kind : r.error.kind;
          };
          // A value OpenAlgo fills in at run time (a timestamp, the user) takes the simulator's.
          const actual = JSON.parse(text) as Record<string, unknown>;
          const recorded = JSON.stringify(expected, function (this: Record<string, unknown>, k, v: unknown) {
            return v === '<any>' && this === expected ? actual[k] : v;
          });
          expect(reading(text), 'the client reads both alike').toBe(reading(recorded));
        }
        expect(socket.readyState).toBe(WebSocket.OPEN);
      } finally {
        socket.close();
        if (c.setup === 'expire-session') sim.apply({ kind: 'restore-session' });
      }
    });
  }
});
