import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { createOpenAlgoClient } from '#openalgo/client';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { createSteadyFeed } from '#openalgo-sim/steady-feed';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import type { BrokerOrderRow, BrokerResult, PlaceOrderRequest } from '#execution/broker';
import { OpenAlgoBroker } from './openalgo-broker.ts';
import { startLoopbackProxy, type LoopbackProxy } from './testing/loopback-proxy.ts';
import { openSimBroker, simCall } from './testing/harness.ts';
import type { OpenAlgoTradingMode } from './mode-guard.ts';

/**
 * The simulator's fault injection seen through the adapter, over real loopback HTTP: what each failure
 * becomes as a Broker error, that nothing is ever sent twice, and what the books show afterwards.
 */
let sim: OpenAlgoSim | undefined;
let proxy: LoopbackProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await sim?.close();
  proxy = undefined;
  sim = undefined;
});

/** A simulator whose market stands still until the test moves it (`sim.market.setPrice`). */
async function still(mode: OpenAlgoTradingMode = 'live'): Promise<OpenAlgoSim> {
  const clock = new WallClock();
  sim = await startTestSim({ feed: createSteadyFeed({ clock, seed: 5, intervalMs: 3_600_000, prices: {} }), analyze: mode === 'analyzer' }, clock);
  return sim;
}

async function value<T>(r: BrokerResult<T>): Promise<T> {
  const got = await r;
  if (!got.ok) throw new Error(`${got.error.kind}: ${got.error.message}`);
  return got.value;
}

const order = (s: OpenAlgoSim, extra: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => {
  const call = simCall(s, 'NIFTY', 26_000);
  return { strategy: 'bot-faults', instrumentId: call.id, side: 'BUY', quantity: call.lotSize, type: 'MARKET', product: 'NRML', ...extra };
};
const sameTerms = (req: PlaceOrderRequest) => (r: BrokerOrderRow) => r.instrumentId === req.instrumentId && r.side === req.side && r.quantity === req.quantity && r.type === req.type && r.product === req.product;

describe('OpenAlgo broker under injected faults', () => {
  it('a timeout after the simulator accepted the order is an unknown outcome, sent once, and the book shows the order', async () => {
    const s = await still();
    const { broker, clock } = await openSimBroker(s.host, 'live', TEST_API_KEY, { timeoutMs: 300 });
    s.apply({ kind: 'rest', path: 'placeorder', fault: { kind: 'timeout-after-accept' } });
    const req = order(s);
    const sentAt = clock.now();
    const r = await broker.place(req);
    expect(r.ok ? '' : r.error.kind).toBe('unknown-outcome');
    expect(s.requestCount('placeorder')).toBe(1);
    const rows = (await value(broker.orderBook())).filter(sameTerms(req));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'complete', filledQuantity: req.quantity });
    // Whole-second stamps: the row may read up to a second before the send, within the manager's skew.
    expect(rows[0]!.placedAt).toBeGreaterThanOrEqual(sentAt - 1000);
    expect(s.requestCount('placeorder')).toBe(1);
  });

  it('a 500 "internal error" after the order was placed (recorded fixture, via a loopback relay) is an unknown outcome, sent once', async () => {
    const s = await still();
    const internalError = readFileSync(new URL('../../../openalgo/fixtures/placeorder-internal-error.json', import.meta.url), 'utf8');
    proxy = await startLoopbackProxy(s.host, { answer: (path) => (path === 'placeorder' ? { status: 500, body: internalError } : undefined) });
    const { broker } = await openSimBroker(proxy.host, 'live', TEST_API_KEY);
    const req = order(s);
    const r = await broker.place(req);
    expect(r.ok ? '' : [r.error.kind, r.error.message]).toEqual(['unknown-outcome', expect.stringContaining('Failed to place order due to internal error')]);
    expect(s.requestCount('placeorder')).toBe(1);
    expect((await value(broker.orderBook())).filter(sameTerms(req))).toHaveLength(1);
  });

  it('a 429 is rate-limited with a retry-after; nothing was placed, a cancel still goes through, and a later try places once', async () => {
    const s = await still();
    const { broker } = await openSimBroker(s.host, 'live', TEST_API_KEY);
    s.apply({ kind: 'rest', path: 'placeorder', fault: { kind: 'status', status: 429 } });
    const req = order(s);
    const r = await broker.place(req);
    expect(r.ok ? '' : r.error.kind).toBe('rate-limited');
    const retryAfterMs = r.ok ? 0 : r.error.retryAfterMs!;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(1000);
    expect(s.book.orders).toHaveLength(0);
    const blocked = await broker.place(req);
    expect(blocked.ok ? '' : blocked.error.kind).toBe('rate-limited');
    expect(s.requestCount('placeorder')).toBe(0);
    const cancel = await broker.cancel('250101000000001' as never, 'bot-faults');
    expect(cancel.ok ? '' : cancel.error.kind).toBe('not-found');
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs + 50));
    const { brokerOrderId } = await value(broker.place(req));
    expect(s.book.orders.map((o) => o.orderid)).toEqual([brokerOrderId]);
  });

  it('an expired broker session is session-expired on writes and reads, places nothing, and recovers after the login', async () => {
    const s = await still();
    const { broker } = await openSimBroker(s.host, 'live', TEST_API_KEY);
    s.apply({ kind: 'expire-session' });
    const r = await broker.place(order(s));
    expect(r.ok ? '' : [r.error.kind, r.error.message]).toEqual(['session-expired', expect.stringContaining('log in to your broker')]);
    expect(s.book.orders).toHaveLength(0);
    const book = await broker.orderBook();
    expect(book.ok ? '' : book.error.kind).toBe('session-expired');
    s.apply({ kind: 'restore-session' });
    await value(broker.place(order(s)));
    expect(s.book.orders).toHaveLength(1);
  });

  it('a refused connection is unavailable: nothing was sent', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const clock = new WallClock();
    const broker = new OpenAlgoBroker({ client: createOpenAlgoClient({ host: `http://127.0.0.1:${port}`, apiKey: TEST_API_KEY, clock, readRetries: 0 }), clock, mode: 'live' });
    const s = await still();
    const r = await broker.place(order(s));
    expect(r.ok ? '' : r.error.kind).toBe('unavailable');
    const book = await broker.orderBook();
    expect(book.ok ? '' : book.error.kind).toBe('unavailable');
  });

  it('an instrument OpenAlgo takes no orders for is rejected before anything is sent', async () => {
    const s = await still();
    const { broker } = await openSimBroker(s.host, 'live', TEST_API_KEY);
    for (const id of ['NSE_INDEX:NIFTY', 'NFO:nifty lower case', 'XYZ:SBIN']) {
      const r = await broker.place({ ...order(s), instrumentId: id as never });
      expect(r.ok ? '' : r.error.kind).toBe('rejected');
    }
    expect(s.requestCount('placeorder')).toBe(0);
  });

  it('semi-auto mode (the answer OpenAlgo gives, via a loopback relay) is a rejection that tells the trader what to do', async () => {
    const s = await still();
    const queued = JSON.stringify({ status: 'success', message: 'Order queued for approval in Action Center', mode: 'semi_auto', pending_order_id: 12 });
    proxy = await startLoopbackProxy(s.host, { answer: (path) => (path === 'placeorder' ? { status: 200, body: queued } : undefined) });
    const { broker } = await openSimBroker(proxy.host, 'live', TEST_API_KEY);
    const r = await broker.place(order(s));
    expect(r.ok ? '' : [r.error.kind, r.error.message]).toEqual(['rejected', expect.stringContaining('Action Center (pending order 12)')]);
  });

  it('a row the port cannot express (a cover order from the broker app) is left out and reported once, the rest kept', async () => {
    const s = await still();
    const cover = { action: 'BUY', exchange: 'NSE', order_status: 'open', orderid: '251130000000777', price: 800, pricetype: 'LIMIT', product: 'CO', quantity: '1', symbol: 'SBIN', timestamp: '30-Nov-2026 10:00:00', trigger_price: 790 };
    proxy = await startLoopbackProxy(s.host, {
      answer: (path, up) => {
        if (path !== 'orderbook') return undefined;
        const body = JSON.parse(up.body) as { data: { orders: unknown[] } };
        body.data.orders.push(cover);
        return { status: up.status, body: JSON.stringify(body) };
      },
    });
    const { broker, warnings } = await openSimBroker(proxy.host, 'live', TEST_API_KEY);
    const { brokerOrderId } = await value(broker.place(order(s)));
    expect((await value(broker.orderBook())).map((r) => r.brokerOrderId)).toEqual([brokerOrderId]);
    await value(broker.orderBook());
    expect(warnings).toEqual(['OpenAlgo openalgo: left out a book row the terminal cannot use (order "251130000000777": product "CO")']);
  });

  for (const mode of ['live', 'analyzer'] as const) {
    it(`partial fills (${mode}): the row shows the filled part from the start, the rest fills later under new trade ids, a cancel keeps the part`, async () => {
      const s = await still(mode);
      const { broker } = await openSimBroker(s.host, mode, TEST_API_KEY);
      s.apply({ kind: 'rates', rates: { partialFill: 1 } });
      const req = order(s);
      const lot = req.quantity;
      const { brokerOrderId } = await value(broker.place({ ...req, quantity: 4 * lot }));
      const first = (await value(broker.orderBook())).find((r) => r.brokerOrderId === brokerOrderId)!;
      const trades = (await value(broker.tradeBook())).filter((t) => t.brokerOrderId === brokerOrderId);
      expect(first).toMatchObject({ status: 'open', quantity: 4 * lot, filledQuantity: 2 * lot, avgPrice: trades[0]!.price });
      expect(trades.map((t) => t.quantity)).toEqual([2 * lot]);

      s.market.setPrice('NSE_INDEX', 'NIFTY', 26_010);
      const done = (await value(broker.orderBook())).find((r) => r.brokerOrderId === brokerOrderId)!;
      const all = (await value(broker.tradeBook())).filter((t) => t.brokerOrderId === brokerOrderId);
      expect(done).toMatchObject({ status: 'complete', filledQuantity: 4 * lot });
      expect(all.map((t) => t.quantity)).toEqual([2 * lot, 2 * lot]);
      expect(all[0]!.tradeId).toBe(trades[0]!.tradeId);
      expect(new Set(all.map((t) => t.tradeId)).size).toBe(2);
      // To the paisa: the sandbox rounds its average price to two decimals, as OpenAlgo formats it.
      expect(Math.abs(done.avgPrice - (all[0]!.price + all[1]!.price) / 2)).toBeLessThanOrEqual(0.005 + 1e-9);

      const limit = await value(broker.place({ ...req, quantity: 4 * lot, type: 'LIMIT', limitPrice: s.market.quote('NFO', simCall(s, 'NIFTY', 26_000).symbol)!.ask + 5 }));
      await value(broker.cancel(limit.brokerOrderId, 'bot-faults'));
      const cancelled = (await value(broker.orderBook())).find((r) => r.brokerOrderId === limit.brokerOrderId)!;
      expect(cancelled).toMatchObject({ status: 'cancelled', filledQuantity: 2 * lot });
      const position = (await value(broker.positionBook())).find((p) => p.instrumentId === req.instrumentId && p.product === 'NRML');
      expect(position?.quantity).toBe(6 * lot);
    });
  }
});
