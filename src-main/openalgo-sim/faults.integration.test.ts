import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { createOpenAlgoClient } from '#openalgo/client';
import { testConnection } from '#openalgo/test-connection';
import type { OpenAlgoSim } from './server.ts';
import { startTestSim, TEST_API_KEY } from './test-support.ts';

/** Fault injection seen through the client: 429, timeouts after acceptance, 500s, malformed bodies. */
let sim: OpenAlgoSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('client under injected faults', () => {
  it('a 429 backs off only that endpoint, for no longer than its one-second window', async () => {
    sim = await startTestSim();
    const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock(), timeoutMs: 5000 });
    sim.apply({ kind: 'rest', path: 'placeorder', fault: { kind: 'status', status: 429 } });
    const first = await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1 });
    expect(first.ok ? '' : [first.error.kind, first.error.retryAfterMs]).toEqual(['rate-limited', 1000]);
    const before = sim.requestCount('placeorder');
    const again = await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1 });
    expect(again.ok ? '' : again.error.kind).toBe('rate-limited');
    expect(sim.requestCount('placeorder')).toBe(before);
    const cancel = await client.cancelOrder({ strategy: 't', orderid: '1' });
    expect(cancel.ok ? '' : cancel.error.kind).toBe('not-found');
    sim.apply({ kind: 'rest', path: 'quotes', fault: { kind: 'status', status: 429 } });
    await client.quotes({ symbol: 'SBIN', exchange: 'NSE' });
    const other = await client.depth({ symbol: 'SBIN', exchange: 'NSE' });
    expect(other.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    const later = await client.quotes({ symbol: 'SBIN', exchange: 'NSE' });
    expect(later.ok).toBe(true);
  });

  it('a timeout after the order was accepted is an unknown outcome, and the order book shows the order', async () => {
    sim = await startTestSim();
    const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock(), timeoutMs: 300 });
    sim.apply({ kind: 'rest', path: 'placeorder', fault: { kind: 'timeout-after-accept' } });
    const r = await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 3 });
    expect(r.ok ? '' : [r.error.kind, r.error.cause]).toEqual(['unknown-outcome', 'timeout']);
    expect(sim.requestCount('placeorder')).toBe(1);
    const book = await client.orderBook({});
    expect(book.ok && book.value.data.orders.filter((o) => o.symbol === 'SBIN' && o.quantity === 3)).toHaveLength(1);
  });

  it('writes are never retried; reads retry 500s with backoff', async () => {
    sim = await startTestSim();
    const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock(), retryBaseMs: 10 });
    sim.apply({ kind: 'rest', path: 'placeorder', fault: { kind: 'status', status: 502, message: 'x' }, times: 1 });
    const w = await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1 });
    expect(w.ok ? '' : w.error.kind).toBe('unknown-outcome');
    sim.apply({ kind: 'rest', path: 'funds', fault: { kind: 'malformed' }, times: 1 });
    const m = await client.funds({});
    expect(m.ok ? '' : m.error.kind).toBe('protocol');
    sim.apply({ kind: 'rest', path: 'quotes', fault: { kind: 'timeout' }, times: 2 });
    const slow = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock(), retryBaseMs: 10, timeoutMs: 200 });
    const q = await slow.quotes({ symbol: 'SBIN', exchange: 'NSE' });
    expect(q.ok).toBe(true);
  });

  it('a malformed answer to an order is an unknown outcome', async () => {
    sim = await startTestSim();
    const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock() });
    sim.apply({ kind: 'rest', path: 'placeorder', fault: { kind: 'malformed' } });
    const r = await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1 });
    expect(r.ok ? '' : [r.error.kind, r.error.cause]).toEqual(['unknown-outcome', 'protocol']);
  });

  it('partial fills and broker rejections show in the order book; a failed basket leg is a partial failure', async () => {
    sim = await startTestSim();
    const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock() });
    sim.apply({ kind: 'rates', rates: { partialFill: 1 } });
    const p = await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 10 });
    const id = p.ok && 'orderid' in p.value ? p.value.orderid : '';
    const first = sim.book.orders.find((o) => o.orderid === id)!;
    expect(first.filled).toBe(5);
    await new Promise((r) => setTimeout(r, 200));
    expect(first.status).toBe('complete');
    sim.apply({ kind: 'rates', rates: { partialFill: 0, reject: 1 } });
    const rej = await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1 });
    const rid = rej.ok && 'orderid' in rej.value ? rej.value.orderid : '';
    const st = await client.orderStatus({ strategy: 't', orderid: rid });
    expect(st.ok && st.value.data.order_status).toBe('rejected');
    sim.apply({ kind: 'rates', rates: { reject: 0 } });
    const basket = await client.basketOrder({ strategy: 't', orders: [
      { exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1 },
      { exchange: 'NSE', symbol: 'UNKNOWN', action: 'BUY', quantity: 1 },
    ] });
    expect(basket.ok).toBe(false);
    if (!basket.ok) {
      expect(basket.error.kind).toBe('partial-failure');
      expect(basket.error.legs?.map((l) => l.ok)).toEqual([true, false]);
    }
  });

  it('the client keeps orders under 10/s: a burst of 25 never trips the simulator’s limiter', async () => {
    sim = await startTestSim();
    const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock() });
    const results = await Promise.all(Array.from({ length: 25 }, () => client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1 })));
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('testConnection: summary on success, session-expired after the broker session ends', async () => {
    sim = await startTestSim();
    const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: new WallClock() });
    const good = await testConnection(client);
    expect(good.ok && good.value).toMatchObject({ broker: 'simulator', analyzeMode: false, availableCash: 10_000_000 });
    sim.apply({ kind: 'expire-session' });
    const bad = await testConnection(client);
    expect(bad.ok ? '' : bad.error.kind).toBe('session-expired');
    const down = await testConnection(createOpenAlgoClient({ host: 'http://127.0.0.1:9', apiKey: 'k', clock: new WallClock(), readRetries: 0 }));
    expect(down.ok ? '' : down.error.kind).toBe('network');
  });
});
