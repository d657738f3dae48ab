import { afterEach, describe, expect, it } from 'vitest';
import { err } from '#core/result';
import { botId, brokerOrderId, clientOrderId, intentId, tradeId, type ClientOrderId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { BrokerUpdate } from './broker.ts';
import { ExecutionHarness } from './testing/execution-harness.ts';
import { FaultyBroker } from './testing/faulty-broker.ts';
import { CE_26000, PE_26000 } from './testing/fixtures.ts';
import { allowAll, rejectWith, type RecordingGate } from './testing/risk-gates.ts';

const BOT = botId('bot-a');
let n = 0;
const place = (extra: Partial<Extract<Intent, { kind: 'place' }>> = {}): Intent => ({
  kind: 'place',
  intentId: intentId(`i-${++n}`),
  botId: BOT,
  instrumentId: CE_26000.id,
  side: 'BUY',
  quantity: 75,
  type: 'MARKET',
  product: 'NRML',
  reason: 'test',
  ...extra,
});

let h: ExecutionHarness;
afterEach(() => h?.close());

const events = (id: ClientOrderId): string[] =>
  (h.store.sqlite.prepare('SELECT kind FROM order_events WHERE client_order_id = ? ORDER BY seq').all(id) as { kind: string }[]).map((r) => r.kind);

async function submitted(intent: Intent): Promise<ClientOrderId[]> {
  const r = await h.manager.submit(intent);
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  await h.flush();
  return r.value.orders.map(clientOrderId);
}

describe('order manager: each transition as the manager drives it', () => {
  it('market order: initialized → submitted → accepted → filled, a fill, a position', async () => {
    h = new ExecutionHarness();
    const [id] = await submitted(place({ quantity: 150 }));
    expect(events(id!)).toEqual(['initialized', 'submitted', 'accepted', 'filled']);
    expect(h.manager.order(id!)?.order).toMatchObject({ status: 'filled', filledQuantity: 150, avgFillPrice: 120.5 });
    expect(h.manager.fills()).toHaveLength(1);
    expect(h.manager.positions.botPosition(BOT, CE_26000.id, 'NRML')).toMatchObject({ netQuantity: 150, avgPrice: 120.5 });
    expect(h.manager.positions.instrument(CE_26000.id).netQuantity).toBe(150);
  });

  it('writes the intent and its order to SQLite before the broker hears of it', async () => {
    const seen: string[] = [];
    h = new ExecutionHarness({
      wrap: (paper) => {
        const f = new FaultyBroker(paper);
        const inner = f.place.bind(f);
        f.place = async (req) => {
          const row = h.store.sqlite.prepare('SELECT o.status, i.kind FROM orders o JOIN intents i ON i.intent_id = o.intent_id').get() as { status: string; kind: string };
          seen.push(`${row.kind}:${row.status}`);
          return inner(req);
        };
        return f;
      },
    });
    await submitted(place());
    expect(seen).toEqual(['place:submitted']);
  });

  it('limit order rests (accepted), is modified (pending-update → accepted) and cancelled', async () => {
    h = new ExecutionHarness();
    const [id] = await submitted(place({ type: 'LIMIT', limitPrice: 100 }));
    expect(h.manager.order(id!)?.order.status).toBe('accepted');
    const m = await h.manager.submit({ kind: 'modify', intentId: intentId('m-1'), botId: BOT, clientOrderId: id!, limitPrice: 101, reason: 'chase' });
    expect(m.ok).toBe(true);
    expect(h.manager.order(id!)?.order).toMatchObject({ status: 'accepted', limitPrice: 101 });
    const c = await h.manager.submit({ kind: 'cancel', intentId: intentId('c-1'), botId: BOT, clientOrderId: id!, reason: 'done' });
    expect(c.ok).toBe(true);
    await h.flush();
    expect(events(id!)).toEqual(['initialized', 'submitted', 'accepted', 'update-requested', 'updated', 'cancel-requested', 'cancelled']);
  });

  it('a modify the broker refuses leaves the order as it was (update-rejected)', async () => {
    h = new ExecutionHarness({ wrap: (p) => new FaultyBroker(p) });
    const [id] = await submitted(place({ type: 'LIMIT', limitPrice: 100 }));
    (h.broker as FaultyBroker).modifyFaults.push('reject');
    const m = await h.manager.submit({ kind: 'modify', intentId: intentId('m-2'), botId: BOT, clientOrderId: id!, limitPrice: 101, reason: 'x' });
    expect(!m.ok && m.error.kind).toBe('not-allowed');
    expect(h.manager.order(id!)?.order).toMatchObject({ status: 'accepted', limitPrice: 100, reason: 'rejected: RMS: rejected by the test' });
  });

  it('a cancel the broker refuses (already filled) returns the order: cancel-rejected', async () => {
    h = new ExecutionHarness({ wrap: (p) => new FaultyBroker(p) });
    const [id] = await submitted(place({ type: 'LIMIT', limitPrice: 100 }));
    (h.broker as FaultyBroker).cancelFaults.push('reject');
    await h.manager.submit({ kind: 'cancel', intentId: intentId('c-2'), botId: BOT, clientOrderId: id!, reason: 'x' });
    expect(events(id!).slice(-2)).toEqual(['cancel-requested', 'cancel-rejected']);
    expect(h.manager.order(id!)?.order.status).toBe('accepted');
  });

  it('stop order: accepted while the trigger is pending, triggered when the price reaches it, then filled', async () => {
    h = new ExecutionHarness();
    await submitted(place());
    const [id] = await submitted(place({ side: 'SELL', type: 'SL-M', triggerPrice: 115 }));
    expect(h.manager.order(id!)?.order.status).toBe('accepted');
    h.quotes.set({ ...h.quotes.quote(CE_26000.id)!, ltp: 114.9, bid: 114.8, ask: 115 });
    await h.flush();
    expect(events(id!)).toEqual(['initialized', 'submitted', 'accepted', 'triggered', 'filled']);
    expect(h.manager.positions.botPosition(BOT, CE_26000.id, 'NRML').netQuantity).toBe(0);
  });

  it('broker rejection: submitted → rejected, with the broker reason', async () => {
    h = new ExecutionHarness({ paper: { cash: 1000 } });
    const [id] = await submitted(place());
    expect(h.manager.order(id!)?.order).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^rejected: insufficient margin/) });
  });

  it('risk refusal: the orders are written as denied and nothing is sent', async () => {
    h = new ExecutionHarness({ risk: rejectWith('daily-loss'), wrap: (p) => new FaultyBroker(p) });
    const r = await h.manager.submit(place({ quantity: 3750 }));
    expect(!r.ok && r.error).toMatchObject({ kind: 'risk-denied', rejection: { check: 'daily-loss' } });
    expect(h.manager.orders().map((o) => o.order.status)).toEqual(['denied', 'denied', 'denied']);
    expect((h.broker as FaultyBroker).calls.place).toBe(0);
  });

  it('slices above the freeze quantity (1800 for NIFTY on 1 Dec 2025): 3750 → 1800 + 1800 + 150, each checked and sent', async () => {
    h = new ExecutionHarness();
    const ids = await submitted(place({ quantity: 3750 }));
    expect(ids.map((id) => h.manager.order(id)?.order.quantity)).toEqual([1800, 1800, 150]);
    expect(ids.map((id) => h.manager.order(id)?.order.status)).toEqual(['filled', 'filled', 'filled']);
    expect((h.risk as RecordingGate).checked.map((p) => p.quantity)).toEqual([1800, 1800, 150]);
    expect((h.risk as RecordingGate).structures.map((s) => s.legs.map((l) => l.clientOrderId))).toEqual([ids]);
    expect((h.risk as RecordingGate).sent).toHaveLength(3);
    expect(h.manager.positions.botPosition(BOT, CE_26000.id, 'NRML').netQuantity).toBe(3750);
  });

  it('stops sending the slices of an intent once one is refused or left without an answer', async () => {
    h = new ExecutionHarness({ wrap: (p) => new FaultyBroker(p) });
    const f = h.broker as FaultyBroker;
    f.placeFaults.push('none', 'lost-before');
    const ids = await submitted(place({ quantity: 5400 + 75 }));
    expect(ids.map((id) => h.manager.order(id)?.order.status)).toEqual(['filled', 'unknown', 'denied', 'denied']);
    expect(h.manager.order(ids[2]!)?.order.reason).toBe(`not sent: order ${ids[1]} before it was left without an answer`);
    expect(f.calls.place).toBe(2);
  });

  it('waits out an order-rate refusal (the gate\'s retry-after) instead of dropping the intent, a bounded number of times', async () => {
    let refusals = 2;
    const gate = allowAll();
    const rateLimited: RecordingGate = {
      ...gate,
      check: (p) => (refusals-- > 0 ? err({ check: 'order-rate', reason: '10 orders in the last second', retryAfterMs: 400 }) : gate.check(p)),
    };
    h = new ExecutionHarness({ risk: rateLimited, wrap: (p) => new FaultyBroker(p) });
    const pending = h.manager.submit(place());
    await h.flush();
    await h.advance(700);
    expect((h.broker as FaultyBroker).calls.place).toBe(0);
    await h.advance(200);
    expect((await pending).ok).toBe(true);
    expect(h.manager.orders()[0]?.order.status).toBe('filled');
    refusals = 100;
    const intent = place();
    const refused = h.manager.submit(intent);
    await h.flush();
    const duplicate = await h.manager.submit(intent);
    expect(!duplicate.ok && duplicate.error.kind).toBe('duplicate-intent');
    await h.advance(3000);
    const r = await refused;
    expect(!r.ok && r.error).toMatchObject({ kind: 'risk-denied', rejection: { check: 'order-rate' } });
    expect((h.broker as FaultyBroker).calls.place).toBe(1);
  });

  it('partial fills: a market order takes the displayed size, then fills on later quotes', async () => {
    h = new ExecutionHarness();
    h.quotes.set({ ...h.quotes.quote(PE_26000.id)!, askQty: 75 });
    const [id] = await submitted(place({ instrumentId: PE_26000.id, quantity: 225 }));
    expect(h.manager.order(id!)?.order).toMatchObject({ status: 'partially-filled', filledQuantity: 75 });
    h.quotes.set({ ...h.quotes.quote(PE_26000.id)!, ask: 111, askQty: 150 });
    await h.flush();
    expect(h.manager.order(id!)?.order).toMatchObject({ status: 'filled', filledQuantity: 225 });
    expect(h.manager.order(id!)?.order.avgFillPrice).toBeCloseTo((75 * 110.5 + 150 * 111) / 225, 9);
  });

  it('a partially filled order cancelled keeps its fills: cancelled with 75 of 150', async () => {
    h = new ExecutionHarness();
    h.quotes.set({ ...h.quotes.quote(PE_26000.id)!, askQty: 75 });
    const [id] = await submitted(place({ instrumentId: PE_26000.id, quantity: 150 }));
    await h.manager.submit({ kind: 'cancel', intentId: intentId('c-3'), botId: BOT, clientOrderId: id!, reason: 'enough' });
    await h.flush();
    expect(h.manager.order(id!)?.order).toMatchObject({ status: 'cancelled', filledQuantity: 75 });
    expect(h.manager.positions.botPosition(BOT, PE_26000.id, 'NRML').netQuantity).toBe(75);
  });

  it('ignores a fill reported twice (pushed twice, then read again from the trade book)', async () => {
    h = new ExecutionHarness({ wrap: (p) => Object.assign(new FaultyBroker(p), { duplicatePushes: true }) });
    const [id] = await submitted(place());
    expect(await h.manager.syncNow()).toBe(true);
    expect(await h.manager.syncNow()).toBe(false);
    await h.advance(1000);
    expect(await h.manager.syncNow()).toBe(true);
    expect(h.manager.fills()).toHaveLength(1);
    expect(h.store.sqlite.prepare('SELECT COUNT(*) AS n FROM fills').get()).toEqual({ n: 1 });
    expect(h.manager.order(id!)?.order.filledQuantity).toBe(75);
    expect(h.manager.findings.open()).toEqual([]);
  });

  it('refuses an overfill and a fill on a filled order: neither is applied, the bot is blocked with a finding', async () => {
    const pushes: ((u: BrokerUpdate) => void)[] = [];
    h = new ExecutionHarness({
      wrap: (p) => {
        const f = new FaultyBroker(p);
        const sub = f.onUpdate.bind(f);
        f.onUpdate = (handler) => {
          pushes.push(handler);
          return sub(handler);
        };
        return f;
      },
    });
    h.quotes.set({ ...h.quotes.quote(PE_26000.id)!, askQty: 75 });
    const [partial] = await submitted(place({ instrumentId: PE_26000.id, quantity: 150 }));
    const [id] = await submitted(place());
    const trade = (order: ClientOrderId, t: string, quantity: number) =>
      pushes[0]!({ kind: 'trade', trade: { tradeId: tradeId(t), brokerOrderId: h.manager.order(order)!.order.brokerOrderId!, instrumentId: h.manager.order(order)!.order.instrumentId, side: 'BUY', product: 'NRML', quantity, price: 121 } });
    trade(partial!, 'bogus-1', 150);
    trade(id!, 'bogus-2', 75);
    trade(id!, 'bogus-2', 75);
    expect(h.manager.order(partial!)?.order.filledQuantity).toBe(75);
    expect(h.manager.order(id!)?.order.filledQuantity).toBe(75);
    expect(h.manager.fills()).toHaveLength(2);
    expect(h.manager.findings.open()).toMatchObject([
      { kind: 'overfill', botId: BOT, blocking: true, subject: partial },
      { kind: 'unexpected-fill', botId: BOT, blocking: true, subject: id },
    ]);
    expect(h.manager.isBotBlocked(BOT)).toBe(true);
    const blocked = await h.manager.submit(place());
    expect(!blocked.ok && blocked.error.kind).toBe('bot-blocked');
  });

  it('never sends one intent twice', async () => {
    h = new ExecutionHarness({ wrap: (p) => new FaultyBroker(p) });
    const intent = place();
    await submitted(intent);
    const again = await h.manager.submit(intent);
    expect(!again.ok && again.error.kind).toBe('duplicate-intent');
    expect((h.broker as FaultyBroker).calls.place).toBe(1);
  });

  it('re-sends an order refused as rate-limited (nothing was placed) after the retry-after, a bounded number of times', async () => {
    h = new ExecutionHarness({ wrap: (p) => new FaultyBroker(p) });
    const f = h.broker as FaultyBroker;
    f.placeFaults.push('rate-limit');
    const pending = h.manager.submit(place());
    await h.flush();
    await h.advance(999);
    expect(f.calls.place).toBe(1);
    await h.advance(1);
    const r = await pending;
    expect(r.ok).toBe(true);
    expect(f.calls.place).toBe(2);
    expect(h.manager.orders()[0]?.order.status).toBe('filled');
    f.placeFaults.push('rate-limit', 'rate-limit', 'rate-limit');
    const second = h.manager.submit(place());
    await h.flush();
    await h.advance(2000);
    await second;
    expect(f.calls.place).toBe(5);
    expect(h.manager.orders()[1]?.order).toMatchObject({ status: 'rejected', reason: 'rate-limited: too many requests' });
  });

  it('refuses what it cannot check: unknown instrument, no quote, a quantity that is not whole lots', async () => {
    h = new ExecutionHarness();
    const kinds = [];
    for (const intent of [place({ instrumentId: 'NFO:NOPE' as never }), place({ quantity: 70 })]) {
      const r = await h.manager.submit(intent);
      kinds.push(!r.ok && r.error.kind);
    }
    expect(kinds).toEqual(['unknown-instrument', 'invalid-order']);
    expect(h.store.sqlite.prepare('SELECT COUNT(*) AS n FROM intents').get()).toEqual({ n: 2 });
    expect(h.manager.orders()).toEqual([]);
  });

  it('only the owning bot may cancel or modify an order', async () => {
    h = new ExecutionHarness();
    const [id] = await submitted(place({ type: 'LIMIT', limitPrice: 100 }));
    const r = await h.manager.submit({ kind: 'cancel', intentId: intentId('c-x'), botId: botId('bot-b'), clientOrderId: id!, reason: 'not mine' });
    expect(!r.ok && r.error.kind).toBe('unknown-order');
  });

  it('flatten: cancels working entries and closes the position, short cover first', async () => {
    h = new ExecutionHarness({ wrap: (p) => new FaultyBroker(p) });
    await submitted(place({ side: 'SELL', quantity: 150 }));
    await submitted(place({ instrumentId: PE_26000.id, quantity: 75 }));
    const [resting] = await submitted(place({ instrumentId: PE_26000.id, type: 'LIMIT', limitPrice: 90 }));
    const placedBefore = (h.broker as FaultyBroker).placed.length;
    const r = await h.manager.submit({ kind: 'flatten', intentId: intentId('f-1'), botId: BOT, reason: 'stop' });
    expect(r.ok).toBe(true);
    await h.flush();
    expect(h.manager.order(resting!)?.order.status).toBe('cancelled');
    expect((h.broker as FaultyBroker).placed.slice(placedBefore).map((p) => `${p.side} ${p.quantity} ${p.instrumentId}`)).toEqual([`BUY 150 ${CE_26000.id}`, `SELL 75 ${PE_26000.id}`]);
    expect(h.manager.positions.byBot(BOT).map((p) => p.position.netQuantity)).toEqual([0, 0]);
    expect(h.manager.orders().filter((o) => o.order.intentId === 'f-1').every((o) => o.reduceOnly)).toBe(true);
  });

  it('learns fills from the books alone when pushes are lost, reading them at a bounded rate', async () => {
    h = new ExecutionHarness({ wrap: (p) => Object.assign(new FaultyBroker(p), { mutePushes: true }) });
    const f = h.broker as FaultyBroker;
    const [id] = await submitted(place({ type: 'LIMIT', limitPrice: 119 }));
    await submitted(place({ type: 'LIMIT', limitPrice: 100 }));
    h.quotes.set({ ...h.quotes.quote(CE_26000.id)!, bid: 118.5, ask: 118.9 });
    expect(h.manager.order(id!)?.order.status).toBe('accepted');
    await h.advance(10_000, 100);
    expect(h.manager.order(id!)?.order).toMatchObject({ status: 'filled', filledQuantity: 75, brokerOrderId: brokerOrderId('paper-1') });
    expect(f.calls.orderBook).toBe(10);
    for (let i = 0; i < 5; i++) await h.manager.syncNow();
    expect(f.calls.orderBook).toBe(10);
  });
});
