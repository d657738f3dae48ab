import { afterEach, describe, expect, it } from 'vitest';
import { botId, intentId, type BotId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { OrderManager } from './order-manager.ts';
import { NOT_SENT_REASON } from './resume.ts';
import { ExecutionHarness } from './testing/execution-harness.ts';
import { FaultyBroker } from './testing/faulty-broker.ts';
import { CE_26000, PE_26000 } from './testing/fixtures.ts';
import { NOT_PLACED_REASON } from './unknown-outcome.ts';

const A = botId('bot-a');
const B = botId('bot-b');
let n = 0;
const place = (bot: BotId, extra: Partial<Extract<Intent, { kind: 'place' }>> = {}): Intent => ({
  kind: 'place',
  intentId: intentId(`r-${++n}`),
  botId: bot,
  instrumentId: CE_26000.id,
  side: 'BUY',
  quantity: 75,
  type: 'MARKET',
  product: 'NRML',
  reason: 'test',
  ...extra,
});

let h: ExecutionHarness;
let f: FaultyBroker;
afterEach(() => h?.close());

/** Everything a restart must bring back, as plain data. */
function state(m: OrderManager) {
  return {
    orders: m.orders(),
    fills: [...m.fills()],
    perBot: m.positions.byBot(),
    perInstrument: m.positions.byInstrument(),
    structures: m.structures(),
    findings: m.findings.open(),
  };
}

describe('rebuild from the store after a restart (real SQLite file, closed and reopened)', () => {
  it('orders, fills and positions per bot and per instrument come back identical', async () => {
    h = new ExecutionHarness({ wrap: (p) => (f = new FaultyBroker(p)) });
    const m = h.manager;
    await m.submit(place(A, { quantity: 3750 }));
    await m.submit(place(B, { side: 'SELL', quantity: 150 }));
    h.quotes.set({ ...h.quotes.quote(PE_26000.id)!, askQty: 75 });
    await m.submit(place(A, { instrumentId: PE_26000.id, quantity: 225 }));
    await m.submit(place(B, { type: 'LIMIT', limitPrice: 110 }));
    const resting = m.orders().at(-1)!.order.clientOrderId;
    await m.submit({ kind: 'modify', intentId: intentId('rm-1'), botId: B, clientOrderId: resting, limitPrice: 111, reason: 'x' });
    await m.submit(place(A, { side: 'SELL', quantity: 75 }));
    await h.flush();
    const before = state(m);
    expect(before.orders.length).toBe(7);
    expect(before.fills.length).toBe(6);
    expect(before.orders.map((o) => o.order.status)).toContain('partially-filled');
    expect(before.perInstrument.map((p) => p.netQuantity)).toEqual([3750 - 150 - 75, 75]);

    const reopened = await h.reopen();
    expect(state(reopened)).toEqual(before);
    expect(reopened.findings.open()).toEqual([]);
  });

  it('a bot blocked by an open finding is still blocked after the restart', async () => {
    h = new ExecutionHarness({ wrap: (p) => (f = new FaultyBroker(p)) });
    f.placeFaults.push('lose-answer');
    const pending = h.manager.submit(place(A, { type: 'LIMIT', limitPrice: 125, side: 'SELL' }));
    await h.paper.place({ strategy: 'manual', instrumentId: CE_26000.id, side: 'SELL', quantity: 75, type: 'LIMIT', limitPrice: 125, product: 'NRML' });
    await pending;
    await h.advance(1000);
    expect(h.manager.isBotBlocked(A)).toBe(true);
    const reopened = await h.reopen();
    expect(reopened.isBotBlocked(A)).toBe(true);
    expect(reopened.isBotBlocked(B)).toBe(false);
  });

  it('resume: orders written but never sent are denied; the one in flight becomes an unknown outcome settled by the book', async () => {
    h = new ExecutionHarness({ wrap: (p) => (f = new FaultyBroker(p)) });
    f.hold();
    void h.manager.submit(place(A, { quantity: 3750 }));
    await h.flush();
    expect(h.manager.orders().map((o) => o.order.status)).toEqual(['submitted', 'initialized', 'initialized']);
    const reopened = await h.reopen();
    expect(reopened.orders().map((o) => o.order.status)).toEqual(['submitted', 'initialized', 'initialized']);
    reopened.resume();
    expect(reopened.orders().map((o) => [o.order.status, o.order.reason])).toEqual([
      ['unknown', 'the engine stopped while the order was being sent'],
      ['denied', NOT_SENT_REASON],
      ['denied', NOT_SENT_REASON],
    ]);
    await h.advance(31_000);
    expect(reopened.orders()[0]?.order).toMatchObject({ status: 'rejected', reason: NOT_PLACED_REASON });
  });

  it('resume: an order that reached the broker before the crash is adopted from the book', async () => {
    h = new ExecutionHarness({ wrap: (p) => (f = new FaultyBroker(p)) });
    f.hold();
    void h.manager.submit(place(A, { side: 'SELL', type: 'LIMIT', limitPrice: 125 }));
    await h.flush();
    const reopened = await h.reopen();
    await h.paper.place({ strategy: 'bot-a', instrumentId: CE_26000.id, side: 'SELL', quantity: 75, type: 'LIMIT', limitPrice: 125, product: 'NRML' });
    reopened.resume();
    await h.advance(1000);
    expect(reopened.orders()[0]?.order).toMatchObject({ status: 'accepted', brokerOrderId: 'paper-1' });
  });

  it('an orders row that disagrees with its event log is reported, and the log wins', async () => {
    h = new ExecutionHarness();
    await h.manager.submit(place(A));
    await h.flush();
    const id = h.manager.orders()[0]!.order.clientOrderId;
    h.store.sqlite.prepare("UPDATE orders SET status = 'cancelled', filled_quantity = 0 WHERE client_order_id = ?").run(id);
    const reopened = await h.reopen();
    expect(reopened.order(id)?.order).toMatchObject({ status: 'filled', filledQuantity: 75 });
    expect(reopened.findings.open()).toMatchObject([{ kind: 'ledger-mismatch', subject: id, botId: A, blocking: true }]);
    expect((await h.reopen('s3')).findings.open()).toHaveLength(1);
  });

  it('a corrupt event row stops the rebuild with a clear error instead of guessing', async () => {
    h = new ExecutionHarness();
    await h.manager.submit(place(A));
    await h.flush();
    h.store.sqlite.prepare("UPDATE order_events SET payload = '{\"kind\":\"filled\"}' WHERE kind = 'filled'").run();
    await expect(h.reopen()).rejects.toThrow(/order_events #\d+ \(ord-[^)]+\): bad 'filled' event/);
  });
});
