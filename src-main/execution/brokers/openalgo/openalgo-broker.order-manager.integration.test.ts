import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { botId, clientOrderId, intentId, type ClientOrderId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { OptionInstrument } from '#model/instrument';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { createSteadyFeed } from '#openalgo-sim/steady-feed';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { openStore, type Store } from '#store/database';
import { instrumentsFrom } from '#execution/instruments';
import { OrderManager } from '#execution/order-manager';
import { QuoteBook } from '#execution/quotes';
import { allowAll } from '#execution/testing/risk-gates';
import { openSimBroker, simCall } from './testing/harness.ts';

/**
 * The order manager on the OpenAlgo adapter against the simulator, over loopback HTTP and a real SQLite
 * file: the adapter's rows, derived trade ids and timestamps are what the manager's unknown-outcome
 * matching and fill accounting need.
 */
const BOT = botId('bot-oa');
let n = 0;
let sim: OpenAlgoSim | undefined;
let store: Store | undefined;
let manager: OrderManager | undefined;
let dir: string | undefined;
afterEach(async () => {
  manager?.stop();
  await store?.close();
  await sim?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  manager = undefined;
  store = undefined;
  sim = undefined;
  dir = undefined;
});

async function setup(timeoutMs = 10_000): Promise<{ s: OpenAlgoSim; m: OrderManager; call: OptionInstrument }> {
  const clock = new WallClock();
  const s = await startTestSim({ feed: createSteadyFeed({ clock, seed: 13, intervalMs: 3_600_000, prices: {} }) }, clock);
  sim = s;
  const call = simCall(s, 'NIFTY', 26_000);
  const { broker } = await openSimBroker(s.host, 'live', TEST_API_KEY, { timeoutMs });
  const quotes = new QuoteBook();
  const q = s.market.quote(call.exchange, call.symbol)!;
  quotes.set({ instrumentId: call.id, ltp: q.ltp, bid: q.bid, ask: q.ask, tsEvent: clock.now() });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openalgo-broker-'));
  const opened = openStore(path.join(dir, 'terminal.sqlite'), clock.now());
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  const m = OrderManager.open({
    clock, broker, risk: allowAll(), instruments: instrumentsFrom([call]), quotes, store, session: 's1', structureMargin: () => 0,
    config: { pollIntervalMs: 50, unknownOutcomeWaitMs: 5000 },
  });
  m.start();
  manager = m;
  return { s, m, call };
}

const place = (call: OptionInstrument, extra: Partial<Extract<Intent, { kind: 'place' }>> = {}): Intent => ({
  kind: 'place', intentId: intentId(`i-${++n}`), botId: BOT, instrumentId: call.id, side: 'BUY', quantity: call.lotSize, type: 'MARKET', product: 'NRML', reason: 'test', ...extra,
});

async function until(m: OrderManager, done: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting for the order manager');
    await m.syncNow();
    await new Promise((r) => setTimeout(r, 60));
  }
}

async function submit(m: OrderManager, intent: Intent): Promise<ClientOrderId> {
  const r = await m.submit(intent);
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return clientOrderId(r.value.orders[0]!);
}

async function simPosition(s: OpenAlgoSim, call: OptionInstrument): Promise<number> {
  return s.book.position(call.exchange, call.symbol, 'NRML')?.quantity ?? 0;
}

describe('order manager on the OpenAlgo broker', () => {
  it('a placement whose answer timed out after acceptance is adopted from the book, filled once, sent once', async () => {
    const { s, m, call } = await setup(300);
    s.apply({ kind: 'rest', path: 'placeorder', fault: { kind: 'timeout-after-accept' } });
    const id = await submit(m, place(call, { quantity: 2 * call.lotSize }));
    expect(m.order(id)?.order.status).toBe('unknown');
    await until(m, () => m.order(id)?.order.status === 'filled');
    expect(s.requestCount('placeorder')).toBe(1);
    expect(m.order(id)?.order.brokerOrderId).toBe(s.book.orders[0]!.orderid);
    expect(m.fills().map((f) => f.quantity)).toEqual([2 * call.lotSize]);
    expect(m.positions.instrument(call.id).netQuantity).toBe(await simPosition(s, call));
  });

  it('a partial fill, cancelled at once, on live rows (no fill progress of their own): the part is kept, nothing is lost', async () => {
    const { s, m, call } = await setup();
    s.apply({ kind: 'rates', rates: { partialFill: 1 } });
    const ask = s.market.quote(call.exchange, call.symbol)!.ask;
    const id = await submit(m, place(call, { quantity: 4 * call.lotSize, type: 'LIMIT', limitPrice: Math.round((ask + 5) * 20) / 20 }));
    // Cancelled at once, as a rule before the manager has read the fill: the fill must still land first.
    const cancel = await m.submit({ kind: 'cancel', intentId: intentId(`i-${++n}`), botId: BOT, clientOrderId: id, reason: 'test' });
    expect(cancel.ok).toBe(true);
    await until(m, () => m.order(id)?.order.status === 'cancelled');
    expect(m.order(id)?.order).toMatchObject({ status: 'cancelled', filledQuantity: 2 * call.lotSize });
    expect(m.fills()).toHaveLength(1);
    expect(m.positions.instrument(call.id).netQuantity).toBe(await simPosition(s, call));
    expect(m.positions.instrument(call.id).netQuantity).toBe(2 * call.lotSize);
  });
});
