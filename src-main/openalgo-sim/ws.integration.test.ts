import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { createOpenAlgoWsClient, type OpenAlgoWsClient, type WsRefusal, type WsStatus } from '#openalgo/ws-client';
import { WsMode, type WsTick } from '#openalgo/wire/ws';
import type { OpenAlgoSim } from './server.ts';
import { startTestSim, TEST_API_KEY } from './test-support.ts';

/** The WebSocket feed client against the simulator over real loopback sockets. */
const clock = new WallClock();
let sim: OpenAlgoSim | undefined;
let client: OpenAlgoWsClient | undefined;

afterEach(async () => {
  client?.stop();
  await sim?.close();
  sim = undefined;
  client = undefined;
});

function waitFor(pred: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = setInterval(() => {
      if (pred()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - t0 > timeoutMs) {
        clearInterval(poll);
        reject(new Error('condition not met in time'));
      }
    }, 10);
  });
}

async function connect(opts: Partial<Parameters<typeof createOpenAlgoWsClient>[0]> = {}, simOpts = {}): Promise<{ ticks: WsTick[]; statuses: WsStatus[] }> {
  sim = await startTestSim(simOpts, clock);
  client = createOpenAlgoWsClient({ url: sim.wsUrl, apiKey: TEST_API_KEY, clock, reconnectInitialMs: 50, reconnectMaxMs: 400, stallMs: 400, ...opts });
  const ticks: WsTick[] = [];
  const statuses: WsStatus[] = [];
  client.onTick((t) => ticks.push(t));
  client.onStatus((s) => statuses.push(s));
  client.start();
  await waitFor(() => client!.status().state === 'connected');
  return { ticks, statuses };
}

describe('OpenAlgo WebSocket client', () => {
  it('subscribes in LTP, Quote and Depth modes and parses each', async () => {
    const { ticks } = await connect();
    client!.subscribe([{ symbol: 'NIFTY', exchange: 'NSE_INDEX' }], 1);
    client!.subscribe([{ symbol: 'RELIANCE', exchange: 'NSE' }], 2);
    client!.subscribe([{ symbol: 'SBIN', exchange: 'NSE' }], 3);
    await waitFor(() => ['NIFTY', 'RELIANCE', 'SBIN'].every((s) => ticks.some((t) => t.symbol === s)));
    const last = (s: string): WsTick => ticks.filter((t) => t.symbol === s).at(-1)!;
    expect(last('NIFTY')).toMatchObject({ mode: 1, exchange: 'NSE_INDEX' });
    expect(last('NIFTY').open).toBeUndefined();
    expect(last('RELIANCE').mode).toBe(2);
    expect(last('RELIANCE').volume).toBeGreaterThan(0);
    expect(last('SBIN')).toMatchObject({ mode: 3 });
    expect(last('SBIN').depth?.buy).toHaveLength(5);
    expect(last('SBIN').bid).toBeLessThan(last('SBIN').ask!);
  });

  it('unsubscribes with the mode inside each item, so an LTP subscription really ends', async () => {
    const { ticks } = await connect();
    client!.subscribe([{ symbol: 'NIFTY', exchange: 'NSE_INDEX' }], 1);
    await waitFor(() => ticks.length > 0);
    client!.unsubscribe([{ symbol: 'NIFTY', exchange: 'NSE_INDEX' }]);
    await new Promise((r) => setTimeout(r, 100));
    const n = ticks.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(ticks.length).toBe(n);
  });

  it('changing a symbol’s mode replaces its subscription', async () => {
    const { ticks } = await connect();
    client!.subscribe([{ symbol: 'SBIN', exchange: 'NSE' }], 1);
    client!.subscribe([{ symbol: 'SBIN', exchange: 'NSE' }], 3);
    await new Promise((r) => setTimeout(r, 150));
    ticks.length = 0;
    await waitFor(() => ticks.length >= 5);
    expect(new Set(ticks.map((t) => t.mode))).toEqual(new Set([3]));
  });

  it('reconnects after a dropped socket and resubscribes everything within 5 s', async () => {
    const { ticks, statuses } = await connect();
    client!.subscribe([{ symbol: 'NIFTY', exchange: 'NSE_INDEX' }, { symbol: 'RELIANCE', exchange: 'NSE' }], 2);
    client!.subscribe([{ symbol: 'SBIN', exchange: 'NSE' }], 3);
    await waitFor(() => ticks.length > 0);
    sim!.apply({ kind: 'drop-sockets' });
    await waitFor(() => statuses.some((s) => s.state === 'reconnecting'));
    const dropAt = Date.now();
    ticks.length = 0;
    await waitFor(() => ['NIFTY', 'RELIANCE', 'SBIN'].every((s) => ticks.some((t) => t.symbol === s)), 5000);
    expect(Date.now() - dropAt).toBeLessThan(5000);
    expect(client!.status().state).toBe('connected');
    expect(ticks.find((t) => t.symbol === 'SBIN')?.mode).toBe(3);
  });

  it('the stall watchdog marks the feed stale and reconnects', async () => {
    const { ticks, statuses } = await connect({ stallMs: 300 });
    client!.subscribe([{ symbol: 'RELIANCE', exchange: 'NSE' }], 1);
    await waitFor(() => ticks.length > 0);
    sim!.apply({ kind: 'stall', on: true });
    await waitFor(() => statuses.some((s) => s.state === 'stale'));
    await waitFor(() => statuses.some((s) => s.state === 'reconnecting'));
    sim!.apply({ kind: 'stall', on: false });
    ticks.length = 0;
    await waitFor(() => ticks.length > 0 && client!.status().state === 'connected');
  });

  it('the stall watchdog stays quiet while the market is closed', async () => {
    const { statuses } = await connect({ stallMs: 100, isMarketOpen: () => false });
    client!.subscribe([{ symbol: 'RELIANCE', exchange: 'NSE' }], 1);
    sim!.apply({ kind: 'stall', on: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(statuses.some((s) => s.state === 'stale')).toBe(false);
  });

  it('a session expiry ends in "expired" with the login message, not a reconnect loop', async () => {
    const { statuses } = await connect({ stallMs: 200 });
    client!.subscribe([{ symbol: 'RELIANCE', exchange: 'NSE' }], 1);
    sim!.apply({ kind: 'expire-session' });
    await waitFor(() => client!.status().state === 'expired');
    expect(client!.status().message).toMatch(/^OpenAlgo session expired: log in to your broker in OpenAlgo/);
    const n = statuses.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(statuses.length).toBe(n);
    sim!.apply({ kind: 'restore-session' });
    client!.reconnect();
    await waitFor(() => client!.status().state === 'connected');
  });

  it('close code 4401 gives the expired status', async () => {
    sim = await startTestSim({ authGraceMs: 150 }, clock);
    sim.apply({ kind: 'ignore-auth', on: true });
    client = createOpenAlgoWsClient({ url: sim.wsUrl, apiKey: TEST_API_KEY, clock, authTimeoutMs: 5000 });
    client.start();
    await waitFor(() => client!.status().state === 'expired');
    expect(client.status().message).toContain('OpenAlgo session expired: log in to your broker in OpenAlgo');
    expect(client.status().message).toContain('4401');
    sim.apply({ kind: 'ignore-auth', on: false });
    client.reconnect();
    await waitFor(() => client!.status().state === 'connected');
  });

  it('answers protocol pings: survives several ping rounds', async () => {
    const { ticks } = await connect({}, { pingIntervalMs: 50 });
    client!.subscribe([{ symbol: 'RELIANCE', exchange: 'NSE' }], 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(client!.status().state).toBe('connected');
    expect(ticks.length).toBeGreaterThan(0);
  });

  it('ignores malformed frames and keeps streaming', async () => {
    const errors: string[] = [];
    const { ticks } = await connect({ onProtocolError: (m) => errors.push(m) });
    client!.subscribe([{ symbol: 'RELIANCE', exchange: 'NSE' }], 2);
    sim!.apply({ kind: 'ws-malformed', count: 50 });
    sim!.apply({ kind: 'rates', rates: { wsMalformed: 0.3 } });
    await waitFor(() => errors.length >= 50 && ticks.length >= 5);
    expect(client!.status().state).toBe('connected');
  });
});

/** A connected client whose refusals, protocol problems and ticked symbols are collected. */
async function connectCounting() {
  const refusals: WsRefusal[] = [];
  const problems: string[] = [];
  const { ticks: all } = await connect({ onProtocolError: (m) => problems.push(m) });
  const c = client!;
  c.onRefusal((r) => refusals.push(r));
  const ticks = { has: (k: string): boolean => all.some((t) => `${t.exchange}:${t.symbol}` === k) };
  return { s: sim!, c, refusals, problems, ticks };
}

const RELIANCE = { symbol: 'RELIANCE', exchange: 'NSE' };
const SBIN = { symbol: 'SBIN', exchange: 'NSE' };
const NIFTY = { symbol: 'NIFTY', exchange: 'NSE_INDEX' };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('subscribe acknowledgements', () => {
  it('a partial ack reports each refused symbol with its code and mode; the others stream', async () => {
    const { s, c, refusals, ticks, problems } = await connectCounting();
    s.apply({ kind: 'ws-refuse', symbols: ['NSE:SBIN'], code: 'SUBSCRIPTION_ERROR', message: 'token not found at the broker' });
    c.subscribe([RELIANCE, SBIN, NIFTY], WsMode.quote);
    await waitFor(() => refusals.length === 1);
    expect(refusals[0]).toEqual({ action: 'subscribe', ...SBIN, mode: WsMode.quote, code: 'SUBSCRIPTION_ERROR', message: 'token not found at the broker', wholeRequest: false });
    expect([...c.refused().keys()]).toEqual(['NSE:SBIN']);
    await waitFor(() => ticks.has('NSE:RELIANCE') && ticks.has('NSE_INDEX:NIFTY'));
    expect(ticks.has('NSE:SBIN')).toBe(false);
    expect(problems).toEqual([]);
  });

  it('a refused symbol is not asked again until it is subscribed again or the socket reconnects', async () => {
    const { s, c, refusals } = await connectCounting();
    s.apply({ kind: 'ws-refuse', symbols: ['NSE:SBIN'], code: 'SUBSCRIPTION_ERROR' });
    c.subscribe([SBIN, RELIANCE], WsMode.ltp);
    await waitFor(() => refusals.length === 1);
    c.subscribe([RELIANCE], WsMode.ltp);
    await sleep(200);
    expect(refusals).toHaveLength(1);

    // Naming it again is a retry: refused again, reported again.
    c.subscribe([SBIN], WsMode.ltp);
    await waitFor(() => refusals.length === 2);

    // A reconnect resubscribes everything; with the refusal lifted it streams.
    s.apply({ kind: 'ws-refuse', symbols: [] });
    s.apply({ kind: 'drop-sockets' });
    await waitFor(() => c.status().state === 'connected' && s.ws.subscriptions().includes('NSE:SBIN'));
    await waitFor(() => c.refused().size === 0);
    expect(refusals).toHaveLength(2);
  });

  it('silence from symbols that were all refused is no stall: no reconnect loop', async () => {
    const { s, c, refusals } = await connectCounting();
    const statuses: WsStatus[] = [];
    c.onStatus((st) => statuses.push(st));
    s.apply({ kind: 'ws-refuse', symbols: ['NSE:SBIN'] });
    c.subscribe([SBIN], WsMode.ltp);
    await waitFor(() => refusals.length === 1);
    // Four times the 400 ms stall limit.
    await sleep(1600);
    expect(statuses).toEqual([]);
    expect(c.status().state).toBe('connected');
  });

  it('capacity refusals carry MAX_CAPACITY_REACHED', async () => {
    const { s, c, refusals } = await connectCounting();
    s.apply({ kind: 'ws-capacity', max: 2 });
    c.subscribe([RELIANCE, SBIN, NIFTY], WsMode.depth);
    await waitFor(() => refusals.length === 1);
    expect(refusals[0]).toMatchObject({ ...NIFTY, mode: WsMode.depth, code: 'MAX_CAPACITY_REACHED' });
  });

  it('an error answer to the whole request refuses every symbol in it', async () => {
    const { s, c, refusals, problems } = await connectCounting();
    s.apply({ kind: 'ws-fail-subscribe', code: 'BROKER_ERROR', message: 'Broker adapter not found' });
    c.subscribe([RELIANCE, SBIN], WsMode.quote);
    c.subscribe([NIFTY], WsMode.ltp);
    await waitFor(() => refusals.length === 2);
    expect(refusals.map((r) => [r.symbol, r.code, r.wholeRequest])).toEqual([
      ['RELIANCE', 'BROKER_ERROR', true],
      ['SBIN', 'BROKER_ERROR', true],
    ]);
    await waitFor(() => s.ws.subscriptions().includes('NSE_INDEX:NIFTY'));
    await sleep(100);
    expect(refusals).toHaveLength(2);
    expect(problems).toEqual([]);
  });

  it('a malformed ack, or one for no request, is a protocol problem and never a crash', async () => {
    const { s, c, refusals, problems, ticks } = await connectCounting();
    s.apply({ kind: 'ws-raw', text: '{"type":"subscribe","status":"partial","subscriptions":"all of them","request_id":"s1"}' });
    s.apply({ kind: 'ws-raw', text: '{"type":"subscribe","status":"success","subscriptions":[],"request_id":"s999"}' });
    await waitFor(() => problems.length === 2);
    expect(problems[0]).toMatch(/^bad subscribe ack: subscriptions /);
    expect(problems[1]).toMatch(/subscribe ack for no request waiting \(request_id s999\)/);
    c.subscribe([RELIANCE], WsMode.ltp);
    await waitFor(() => ticks.has('NSE:RELIANCE'));
    expect(refusals).toEqual([]);
    expect(c.status().state).toBe('connected');
  });
});
