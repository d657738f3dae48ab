import { afterEach, describe, expect, it } from 'vitest';
import { botId, brokerOrderId, clientOrderId, intentId, type ClientOrderId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { PlaceOrderRequest } from './broker.ts';
import { ExecutionHarness } from './testing/execution-harness.ts';
import { FaultyBroker } from './testing/faulty-broker.ts';
import { CE_26000 } from './testing/fixtures.ts';
import { NOT_PLACED_REASON } from './unknown-outcome.ts';

const BOT = botId('bot-u');
let n = 0;
const place = (extra: Partial<Extract<Intent, { kind: 'place' }>> = {}): Intent => ({
  kind: 'place',
  intentId: intentId(`u-${++n}`),
  botId: BOT,
  instrumentId: CE_26000.id,
  side: 'SELL',
  quantity: 75,
  type: 'LIMIT',
  limitPrice: 119,
  product: 'NRML',
  reason: 'test',
  ...extra,
});
/** The same terms as `place()`, placed at the broker by someone else (the trader in the broker's app). */
const foreign: PlaceOrderRequest = { strategy: 'manual', instrumentId: CE_26000.id, side: 'SELL', quantity: 75, type: 'LIMIT', limitPrice: 119, product: 'NRML' };

let h: ExecutionHarness;
let f: FaultyBroker;
afterEach(() => h?.close());

function setup(): void {
  h = new ExecutionHarness({ wrap: (p) => (f = new FaultyBroker(p)) });
}

async function submit(intent: Intent): Promise<ClientOrderId> {
  const r = await h.manager.submit(intent);
  if (!r.ok) throw new Error(r.error.message);
  await h.flush();
  return clientOrderId(r.value.orders[0]!);
}

const events = (id: ClientOrderId): string[] =>
  (h.store.sqlite.prepare('SELECT kind FROM order_events WHERE client_order_id = ? ORDER BY seq').all(id) as { kind: string }[]).map((r) => r.kind);

describe('unknown outcome: settled from the order book, never by sending again', () => {
  it('found: the one new unclaimed matching row is adopted, with its fills', async () => {
    setup();
    f.placeFaults.push('lose-answer');
    const id = await submit(place());
    expect(h.manager.order(id)?.order.status).toBe('unknown');
    await h.advance(1000);
    expect(h.manager.order(id)?.order).toMatchObject({ status: 'filled', brokerOrderId: 'paper-1', filledQuantity: 75 });
    expect(events(id)).toEqual(['initialized', 'submitted', 'outcome-unknown', 'accepted', 'filled']);
    expect(f.calls.place).toBe(1);
    expect(h.manager.positions.botPosition(BOT, CE_26000.id, 'NRML').netQuantity).toBe(-75);
  });

  it('found: a resting order is adopted and later fills reach it', async () => {
    setup();
    f.placeFaults.push('lose-answer');
    const id = await submit(place({ limitPrice: 125 }));
    await h.advance(1000);
    expect(h.manager.order(id)?.order).toMatchObject({ status: 'accepted', brokerOrderId: 'paper-1' });
    h.quotes.set({ ...h.quotes.quote(CE_26000.id)!, bid: 125, ask: 125.5 });
    await h.flush();
    expect(h.manager.order(id)?.order.status).toBe('filled');
  });

  it('ignores identical rows placed before the send', async () => {
    setup();
    await h.paper.place(foreign);
    h.clock.advanceBy(5000);
    f.placeFaults.push('lose-answer');
    const id = await submit(place({ limitPrice: 125 }));
    await h.advance(1000);
    expect(h.manager.order(id)?.order).toMatchObject({ status: 'accepted', brokerOrderId: 'paper-2' });
  });

  it('not found: waits its bounded time, then rules the order not placed; nothing is re-sent', async () => {
    setup();
    f.placeFaults.push('lost-before');
    const id = await submit(place());
    await h.advance(29_000);
    expect(h.manager.order(id)?.order.status).toBe('unknown');
    await h.advance(2000);
    expect(h.manager.order(id)?.order).toMatchObject({ status: 'rejected', reason: NOT_PLACED_REASON });
    expect(f.calls.place).toBe(1);
    expect(f.calls.orderBook).toBeGreaterThanOrEqual(30);
  });

  it('not found is ruled only on a book read made after the wait: failed reads keep it unknown', async () => {
    setup();
    f.placeFaults.push('lost-before');
    const id = await submit(place());
    f.failBookReads = 40;
    await h.advance(35_000);
    expect(h.manager.order(id)?.order.status).toBe('unknown');
    await h.advance(10_000);
    expect(h.manager.order(id)?.order.status).toBe('rejected');
  });

  it('ambiguous: two matching rows block the bot and ask the trader; the trader picks one', async () => {
    setup();
    f.placeFaults.push('lose-answer');
    const pending = h.manager.submit(place({ limitPrice: 125 }));
    await h.paper.place({ ...foreign, limitPrice: 125 });
    await pending;
    const id = h.manager.orders()[0]!.order.clientOrderId;
    await h.advance(1000);
    expect(h.manager.order(id)?.order.status).toBe('unknown');
    const [finding] = h.manager.findings.open();
    expect(finding).toMatchObject({ kind: 'ambiguous-outcome', botId: BOT, subject: id, blocking: true, details: { candidates: ['paper-1', 'paper-2'] } });
    expect(finding?.message).toMatch(/choose the broker order that is ours, or say it was not placed/);
    expect(h.manager.isBotBlocked(BOT)).toBe(true);
    const refused = await h.manager.submit(place());
    expect(!refused.ok && refused.error.kind).toBe('bot-blocked');
    await h.advance(60_000);
    expect(h.manager.order(id)?.order.status).toBe('unknown');
    expect(h.manager.findings.open()).toHaveLength(1);

    expect(h.manager.resolveUnknownOutcome(id, brokerOrderId('paper-1')).ok).toBe(true);
    expect(h.manager.order(id)?.order).toMatchObject({ status: 'accepted', brokerOrderId: 'paper-1' });
    expect(h.manager.isBotBlocked(BOT)).toBe(false);
    expect(h.manager.findings.open()).toEqual([]);
    expect(f.calls.place).toBe(1);
  });

  it('ambiguous: the trader may say it was not placed', async () => {
    setup();
    f.placeFaults.push('lose-answer');
    const pending = h.manager.submit(place({ limitPrice: 125 }));
    await h.paper.place({ ...foreign, limitPrice: 125 });
    await pending;
    const id = h.manager.orders()[0]!.order.clientOrderId;
    await h.advance(1000);
    expect(h.manager.resolveUnknownOutcome(id, 'not-placed').ok).toBe(true);
    expect(h.manager.order(id)?.order).toMatchObject({ status: 'rejected', reason: 'not placed (the trader said so)' });
    expect(h.manager.isBotBlocked(BOT)).toBe(false);
    expect(h.manager.resolveUnknownOutcome(id, 'not-placed').ok).toBe(false);
    const audit = h.store.sqlite.prepare("SELECT actor FROM audit_log WHERE kind = 'finding-resolved'").all();
    expect(audit).toEqual([{ actor: 'trader' }]);
  });

  it('ambiguous: two unresolved orders with the same terms cannot share one row', async () => {
    setup();
    f.placeFaults.push('lose-answer', 'lost-before');
    const a = await submit(place({ limitPrice: 125 }));
    const b = await submit(place({ limitPrice: 125 }));
    await h.advance(1000);
    expect([h.manager.order(a)?.order.status, h.manager.order(b)?.order.status]).toEqual(['unknown', 'unknown']);
    expect(h.manager.findings.open().map((x) => x.subject)).toEqual([a, b]);
    expect(h.manager.resolveUnknownOutcome(b, 'not-placed').ok).toBe(true);
    expect(h.manager.order(b)?.order.status).toBe('rejected');
    expect(h.manager.isBotBlocked(BOT)).toBe(true);
  });

  it('waits while another order with the same terms is still in flight, then adopts the row left over', async () => {
    setup();
    f.placeFaults.push('lose-answer');
    const a = await submit(place({ limitPrice: 125 }));
    f.hold();
    const second = h.manager.submit(place({ limitPrice: 125 }));
    await h.flush();
    await h.advance(3000);
    expect(h.manager.order(a)?.order.status).toBe('unknown');
    f.release();
    await second;
    await h.advance(1000);
    expect(h.manager.orders().map((o) => [o.order.status, o.order.brokerOrderId])).toEqual([
      ['accepted', 'paper-1'],
      ['accepted', 'paper-2'],
    ]);
    expect(h.manager.findings.open()).toEqual([]);
  });

  it('a cancel whose answer is lost is settled when the book shows it cancelled', async () => {
    setup();
    const id = await submit(place({ limitPrice: 125 }));
    f.cancelFaults.push('lose-answer');
    f.mutePushes = true;
    await h.manager.submit({ kind: 'cancel', intentId: intentId('uc-1'), botId: BOT, clientOrderId: id, reason: 'x' });
    expect(h.manager.order(id)?.order.status).toBe('pending-cancel');
    await h.advance(1000);
    expect(h.manager.order(id)?.order.status).toBe('cancelled');
  });

  it('a cancel lost before reaching the broker is given up after its wait: the order works on', async () => {
    setup();
    const id = await submit(place({ limitPrice: 125 }));
    f.cancelFaults.push('lost-before');
    await h.manager.submit({ kind: 'cancel', intentId: intentId('uc-2'), botId: BOT, clientOrderId: id, reason: 'x' });
    await h.advance(31_000);
    expect(h.manager.order(id)?.order).toMatchObject({ status: 'accepted', reason: expect.stringMatching(/not confirmed/) });
  });

  it('a modify whose answer is lost is settled when the book shows the new terms', async () => {
    setup();
    const id = await submit(place({ limitPrice: 125 }));
    f.modifyFaults.push('lose-answer');
    f.mutePushes = true;
    await h.manager.submit({ kind: 'modify', intentId: intentId('um-1'), botId: BOT, clientOrderId: id, limitPrice: 124, reason: 'x' });
    expect(h.manager.order(id)?.order.status).toBe('pending-update');
    await h.advance(1000);
    expect(h.manager.order(id)?.order).toMatchObject({ status: 'accepted', limitPrice: 124 });
  });
});
