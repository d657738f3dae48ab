import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { createOpenAlgoClient, type OpenAlgoClient } from '#openalgo/client';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { createSteadyFeed } from '#openalgo-sim/steady-feed';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import type { PlaceOrderRequest } from '#execution/broker';
import { connectOpenAlgoBroker } from './openalgo-broker.ts';
import { startLoopbackProxy, type LoopbackProxy } from './testing/loopback-proxy.ts';
import { openSimBroker, simCall } from './testing/harness.ts';

/**
 * Live vs analyze mode: OpenAlgo's analyze switch is global to the instance, so the adapter checks it on
 * opening and on every answer, and never lets an order or a book cross from one mode to the other.
 */
let sim: OpenAlgoSim | undefined;
let proxy: LoopbackProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await sim?.close();
  proxy = undefined;
  sim = undefined;
});

async function start(analyze: boolean): Promise<{ sim: OpenAlgoSim; client: OpenAlgoClient; clock: WallClock }> {
  const clock = new WallClock();
  sim = await startTestSim({ feed: createSteadyFeed({ clock, seed: 9, intervalMs: 3_600_000, prices: {} }), analyze }, clock);
  return { sim, client: createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock }), clock };
}

const order = (s: OpenAlgoSim): PlaceOrderRequest => {
  const call = simCall(s, 'NIFTY', 26_000);
  return { strategy: 'bot-mode', instrumentId: call.id, side: 'BUY', quantity: call.lotSize, type: 'MARKET', product: 'NRML' };
};

describe('OpenAlgo broker: live and analyze mode', () => {
  it('a live broker refuses to open on an OpenAlgo in analyze mode, saying why', async () => {
    const { client, clock } = await start(true);
    const r = await connectOpenAlgoBroker({ client, clock, mode: 'live' });
    expect(r.ok ? '' : [r.error.kind, r.error.message]).toEqual(['mode-mismatch', expect.stringContaining('OpenAlgo is in analyze (sandbox) mode')]);
  });

  it('an analyzer broker refuses a live OpenAlgo, unless told to switch it to analyze mode', async () => {
    const { sim: s, client, clock } = await start(false);
    const refused = await connectOpenAlgoBroker({ client, clock, mode: 'analyzer' });
    expect(refused.ok ? '' : [refused.error.kind, refused.error.message]).toEqual(['mode-mismatch', expect.stringContaining('real money')]);
    expect(s.book.analyze).toBe(false);
    const switched = await connectOpenAlgoBroker({ client, clock, mode: 'analyzer', switchToAnalyzer: true });
    expect(switched.ok && switched.value.name).toBe('openalgo-analyzer');
    expect(s.book.analyze).toBe(true);
  });

  it('never switches OpenAlgo to live', async () => {
    const { sim: s, client, clock } = await start(true);
    const r = await connectOpenAlgoBroker({ client, clock, mode: 'live', switchToAnalyzer: true });
    expect(r.ok).toBe(false);
    expect(s.book.analyze).toBe(true);
  });

  it('a live broker whose OpenAlgo is switched to analyze refuses its answers until OpenAlgo is live again', async () => {
    const { sim: s } = await start(false);
    const { broker, client } = await openSimBroker(s.host, 'live', TEST_API_KEY);
    await client.analyzerToggle({ mode: true });
    const placed = await broker.place(order(s));
    expect(placed.ok ? '' : [placed.error.kind, placed.error.message]).toEqual(['unavailable', expect.stringContaining('analyze (sandbox) mode')]);
    const book = await broker.orderBook();
    expect(book.ok ? '' : book.error.kind).toBe('unavailable');
    const positions = await broker.positionBook();
    expect(positions.ok ? '' : positions.error.kind).toBe('unavailable');
    await client.analyzerToggle({ mode: false });
    expect((await broker.orderBook()).ok).toBe(true);
    expect((await broker.place(order(s))).ok).toBe(true);
  });

  it('an analyzer broker checks the switch before each placement: no order reaches a live OpenAlgo', async () => {
    const { sim: s } = await start(true);
    const { broker, client } = await openSimBroker(s.host, 'analyzer', TEST_API_KEY);
    expect((await broker.place(order(s))).ok).toBe(true);
    await client.analyzerToggle({ mode: false });
    const r = await broker.place(order(s));
    expect(r.ok ? '' : [r.error.kind, r.error.message]).toEqual(['unavailable', expect.stringContaining('OpenAlgo is in live mode')]);
    expect(s.requestCount('placeorder')).toBe(1);
  });

  it('an analyzer order that OpenAlgo placed live after all is reported on every later call', async () => {
    const { sim: s } = await start(true);
    // OpenAlgo leaves analyze mode between the adapter's check and its placement.
    proxy = await startLoopbackProxy(s.host, {
      before: (path) => {
        if (path === 'placeorder') s.book.analyze = false;
      },
    });
    const { broker } = await openSimBroker(proxy.host, 'analyzer', TEST_API_KEY);
    const r = await broker.place(order(s));
    expect(r.ok && r.value.brokerOrderId).toBe(s.book.orders[0]!.orderid);
    s.book.analyze = true;
    const book = await broker.orderBook();
    expect(book.ok ? '' : [book.error.kind, book.error.message]).toEqual(['unavailable', expect.stringContaining(`order ${s.book.orders[0]!.orderid} was placed LIVE`)]);
    const again = await broker.place(order(s));
    expect(again.ok).toBe(false);
    expect(s.requestCount('placeorder')).toBe(1);
  });
});
