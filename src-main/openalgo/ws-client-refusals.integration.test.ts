import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { WsMode } from './wire/ws.ts';
import { createOpenAlgoWsClient, type OpenAlgoWsClient, type WsRefusal } from './ws-client.ts';

/** Subscribe acks from the OpenAlgo simulator over a real loopback socket: what OpenAlgo refuses is reported, not lost. */
let sim: OpenAlgoSim | undefined;
let client: OpenAlgoWsClient | undefined;
afterEach(async () => {
  client?.stop();
  await sim?.close();
  sim = undefined;
  client = undefined;
});

const until = async (what: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const RELIANCE = { symbol: 'RELIANCE', exchange: 'NSE' };
const SBIN = { symbol: 'SBIN', exchange: 'NSE' };
const NIFTY = { symbol: 'NIFTY', exchange: 'NSE_INDEX' };

async function connect() {
  sim = await startTestSim();
  const refusals: WsRefusal[] = [];
  const problems: string[] = [];
  const ticks = new Set<string>();
  const c = createOpenAlgoWsClient({ url: sim.wsUrl, apiKey: TEST_API_KEY, clock: new WallClock(), reconnectInitialMs: 50, onProtocolError: (m) => problems.push(m) });
  client = c;
  c.onRefusal((r) => refusals.push(r));
  c.onTick((t) => ticks.add(`${t.exchange}:${t.symbol}`));
  c.start();
  await until(() => c.status().state === 'connected');
  return { sim, c, refusals, problems, ticks };
}

describe('subscribe acknowledgements', () => {
  it('a partial ack reports each refused symbol with its code and mode; the others stream', async () => {
    const { sim: s, c, refusals, ticks, problems } = await connect();
    s.apply({ kind: 'ws-refuse', symbols: ['NSE:SBIN'], code: 'SUBSCRIPTION_ERROR', message: 'token not found at the broker' });
    c.subscribe([RELIANCE, SBIN, NIFTY], WsMode.quote);
    await until(() => refusals.length === 1);
    expect(refusals[0]).toEqual({ action: 'subscribe', ...SBIN, mode: WsMode.quote, code: 'SUBSCRIPTION_ERROR', message: 'token not found at the broker', wholeRequest: false });
    expect([...c.refused().keys()]).toEqual(['NSE:SBIN']);
    await until(() => ticks.has('NSE:RELIANCE') && ticks.has('NSE_INDEX:NIFTY'));
    expect(ticks.has('NSE:SBIN')).toBe(false);
    expect(problems).toEqual([]);
  });

  it('a refused symbol is not asked again until it is subscribed again or the socket reconnects', async () => {
    const { sim: s, c, refusals } = await connect();
    s.apply({ kind: 'ws-refuse', symbols: ['NSE:SBIN'], code: 'SUBSCRIPTION_ERROR' });
    c.subscribe([SBIN, RELIANCE], WsMode.ltp);
    await until(() => refusals.length === 1);
    c.subscribe([RELIANCE], WsMode.ltp);
    await sleep(200);
    expect(refusals).toHaveLength(1);

    // Naming it again is a retry: refused again, reported again.
    c.subscribe([SBIN], WsMode.ltp);
    await until(() => refusals.length === 2);

    // A reconnect resubscribes everything; with the refusal lifted it streams.
    s.apply({ kind: 'ws-refuse', symbols: [] });
    s.apply({ kind: 'drop-sockets' });
    await until(() => c.status().state === 'connected' && s.ws.subscriptions().includes('NSE:SBIN'));
    await until(() => c.refused().size === 0);
    expect(refusals).toHaveLength(2);
  });

  it('capacity refusals carry MAX_CAPACITY_REACHED', async () => {
    const { sim: s, c, refusals } = await connect();
    s.apply({ kind: 'ws-capacity', max: 2 });
    c.subscribe([RELIANCE, SBIN, NIFTY], WsMode.depth);
    await until(() => refusals.length === 1);
    expect(refusals[0]).toMatchObject({ ...NIFTY, mode: WsMode.depth, code: 'MAX_CAPACITY_REACHED' });
  });

  it('an error answer to the whole request refuses every symbol in it', async () => {
    const { sim: s, c, refusals, problems } = await connect();
    s.apply({ kind: 'ws-fail-subscribe', code: 'BROKER_ERROR', message: 'Broker adapter not found' });
    c.subscribe([RELIANCE, SBIN], WsMode.quote);
    c.subscribe([NIFTY], WsMode.ltp);
    await until(() => refusals.length === 2);
    expect(refusals.map((r) => [r.symbol, r.code, r.wholeRequest])).toEqual([
      ['RELIANCE', 'BROKER_ERROR', true],
      ['SBIN', 'BROKER_ERROR', true],
    ]);
    await until(() => s.ws.subscriptions().includes('NSE_INDEX:NIFTY'));
    await sleep(100);
    expect(refusals).toHaveLength(2);
    expect(problems).toEqual([]);
  });

  it('a malformed ack, or one for no request, is a protocol problem and never a crash', async () => {
    const { sim: s, c, refusals, problems, ticks } = await connect();
    s.apply({ kind: 'ws-raw', text: '{"type":"subscribe","status":"partial","subscriptions":"all of them","request_id":"s1"}' });
    s.apply({ kind: 'ws-raw', text: '{"type":"subscribe","status":"success","subscriptions":[],"request_id":"s999"}' });
    await until(() => problems.length === 2);
    expect(problems[0]).toMatch(/^bad subscribe ack: subscriptions /);
    expect(problems[1]).toMatch(/subscribe ack for no request waiting \(request_id s999\)/);
    c.subscribe([RELIANCE], WsMode.ltp);
    await until(() => ticks.has('NSE:RELIANCE'));
    expect(refusals).toEqual([]);
    expect(c.status().state).toBe('connected');
  });
});
