import { afterEach, describe, expect, it } from 'vitest';
import { CE_26000, CE_26500, NIFTY_FUT, PE_25500, PE_26000 } from '#execution/testing/fixtures';
import { brokerOrderId } from '#model/ids';
import { emptyPosition } from '#model/position';
import type { Finding } from '#model/finding';
import { BOT_A, BOT_B, ReconcileHarness } from './testing/reconcile-harness.ts';
import { HEDGES, condor, place, recordPlaces, submit } from './testing/scenarios.ts';

let h: ReconcileHarness;
afterEach(() => h?.close());

const only = (kind: string): Finding => {
  const found = h.reconciler.findings().filter((f) => f.kind === kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const repairIds = (f: Finding) => h.reconciler.proposeRepairs(f.findingId).map((r) => r.id);

async function apply(f: Finding, repairId: string) {
  const r = await h.reconciler.applyRepair(f.findingId, repairId);
  if (!r.ok) throw new Error(r.error);
  await h.flush();
  return r.value;
}

async function booksAgree(): Promise<void> {
  expect(h.storeBook()).toEqual(await h.brokerBook());
  const again = await h.reconciler.run('start');
  expect(again).toMatchObject({ ok: true, raised: [], open: [] });
}

describe('repairs: orders the store does not know', () => {
  it('adopts a bot-tagged order for its bot and flattens an outside one; books equal; nothing sent twice', async () => {
    h = new ReconcileHarness();
    await submit(h, place(BOT_A));
    h.down();
    const tagged = await h.outside({ instrumentId: PE_26000.id, side: 'SELL', strategy: 'bot-a' });
    const manual = await h.outside({ instrumentId: CE_26500.id, side: 'BUY', quantity: 150 });
    await h.restart();
    const r = await h.reconciler.run('start');
    expect(r.raised.map((f) => [f.kind, f.subject, f.botId, f.blocking])).toEqual([
      ['unknown-broker-order', tagged, BOT_A, true],
      ['unknown-broker-order', manual, undefined, true],
    ]);
    expect(h.manager.isBotBlocked(BOT_A)).toBe(true);
    expect(h.reconciler.isClear()).toBe(false);
    const [a, m] = r.raised;
    expect(repairIds(a!)).toEqual(['adopt-bot:bot-a', 'adopt-bot:bot-b', 'adopt-trader', 'flatten']);
    expect(repairIds(m!)).toEqual(['adopt-bot:bot-a', 'adopt-bot:bot-b', 'adopt-trader']);

    const adopted = await apply(a!, 'adopt-bot:bot-a');
    expect(h.manager.order(adopted.adopted[0]!)?.order).toMatchObject({ botId: BOT_A, brokerOrderId: tagged, status: 'filled', filledQuantity: 75 });
    expect(h.manager.positions.botPosition(BOT_A, PE_26000.id, 'NRML').netQuantity).toBe(-75);
    expect(h.manager.isBotBlocked(BOT_A)).toBe(false);

    const brokerOrders = await h.brokerOrders();
    const sent = recordPlaces(h);
    // The short is adopted now, so the long may be sold: nothing leaves a short uncovered.
    expect(repairIds(m!)).toContain('flatten');
    const flat = await apply(m!, 'flatten');
    expect(flat.sent).toHaveLength(1);
    expect(sent).toEqual([`SELL 150 ${CE_26500.id}`]);
    expect(await h.brokerOrders()).toBe(brokerOrders + 1);
    expect((await h.reconciler.applyRepair(m!.findingId, 'flatten')).ok).toBe(false);
    expect(sent).toHaveLength(1);
    expect(h.manager.positions.botPosition(undefined, CE_26500.id, 'NRML').netQuantity).toBe(0);
    await booksAgree();
    const audit = h.store.sqlite.prepare("SELECT actor FROM audit_log WHERE kind = 'repair'").pluck().all();
    expect(audit).toEqual(['trader', 'trader']);
  });

  it('leaves rows the order manager may still adopt for an unknown outcome to it: no second finding, nothing adopted', async () => {
    h = new ReconcileHarness();
    h.broker.placeFaults.push('lose-answer');
    await submit(h, place(BOT_A, { type: 'LIMIT', limitPrice: 100 }));
    await h.outside({ instrumentId: CE_26000.id, side: 'BUY', type: 'LIMIT', limitPrice: 100 });
    expect(h.manager.orders()[0]!.order.status).toBe('unknown');
    const r = await h.reconciler.run('start');
    expect(r.awaitingResolver).toEqual(['paper-1', 'paper-2']);
    expect(r.unknownOrders).toEqual([]);
    expect(h.reconciler.findings()).toEqual([]);
    expect(h.manager.findings.open().map((f) => f.kind)).toEqual(['ambiguous-outcome']);
    expect(h.manager.orders()).toHaveLength(1);
  });
});

describe('repairs: working orders', () => {
  it('cancels a working order placed outside the terminal: adopted as the trader’s, cancelled at the broker, once', async () => {
    h = new ReconcileHarness();
    h.down();
    const id = await h.outside({ instrumentId: PE_26000.id, side: 'BUY', type: 'LIMIT', limitPrice: 90 });
    await h.restart();
    await h.reconciler.run('start');
    const f = only('unknown-broker-order');
    expect(f.details).toMatchObject({ working: true, filled: 0 });
    expect(repairIds(f)).toEqual(['adopt-bot:bot-a', 'adopt-bot:bot-b', 'adopt-trader', 'cancel']);
    const out = await apply(f, 'cancel');
    expect(out.cancelled).toEqual(out.adopted);
    expect(h.broker.calls.cancel).toBe(1);
    expect(h.manager.order(out.adopted[0]!)?.order).toMatchObject({ status: 'cancelled', brokerOrderId: id });
    expect(await h.paper.orderStatus(brokerOrderId(id), 'manual')).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect((await h.reconciler.applyRepair(f.findingId, 'cancel')).ok).toBe(false);
    expect(h.broker.calls.cancel).toBe(1);
    await booksAgree();
  });

  it('a working order the broker does not have today is reported; accepting the broker’s book marks it cancelled', async () => {
    h = new ReconcileHarness();
    await submit(h, place(BOT_A, { type: 'LIMIT', limitPrice: 100 }));
    const lost = h.manager.orders()[0]!.order;
    await h.restart({ freshPaper: true, alterSeed: (s) => ({ ...s, orders: s.orders.filter((o) => o.brokerOrderId !== lost.brokerOrderId) }) });
    await h.reconciler.run('start');
    const f = only('order-not-at-broker');
    expect(f).toMatchObject({ severity: 'warning', blocking: false, botId: BOT_A, subject: lost.clientOrderId });
    expect(repairIds(f)).toEqual(['adopt-broker']);
    await apply(f, 'adopt-broker');
    expect(h.manager.order(lost.clientOrderId)?.order.status).toBe('cancelled');
    await booksAgree();
  });
});

describe('repairs: positions', () => {
  it('a position no bot owns (the broker carries it in) is adopted as the trader’s at the broker’s average price', async () => {
    h = new ReconcileHarness();
    await submit(h, place(BOT_A));
    await h.restart({ freshPaper: true, alterSeed: (s) => ({ ...s, positions: [...s.positions, { product: 'NRML', position: { ...emptyPosition(NIFTY_FUT.id), netQuantity: -75, avgPrice: 26050 } }] }) });
    const r = await h.reconciler.run('start');
    expect(r.gaps).toMatchObject([{ instrumentId: NIFTY_FUT.id, store: 0, broker: -75, unowned: -75, storeExcess: 0 }]);
    const f = only('unowned-position');
    expect(f).toMatchObject({ severity: 'critical', blocking: true, subject: `${NIFTY_FUT.id}|NRML` });
    expect(f.botId).toBeUndefined();
    expect(repairIds(f)).toEqual(['adopt-bot:bot-a', 'adopt-bot:bot-b', 'adopt-trader', 'flatten']);
    const sent = recordPlaces(h);
    await apply(f, 'adopt-trader');
    expect(sent).toEqual([]);
    expect(h.manager.positions.botPosition(undefined, NIFTY_FUT.id, 'NRML')).toMatchObject({ netQuantity: -75, avgPrice: 26050 });
    expect(h.store.sqlite.prepare('SELECT trade_id FROM fills WHERE trade_id LIKE ?').pluck().all('adj:%')).toEqual([`adj:${f.findingId}`]);
    expect(h.store.sqlite.prepare('SELECT resolution FROM findings WHERE finding_id = ?').pluck().get(f.findingId)).toBe("repaired (Adopt as your own); the broker's books agree");
    await booksAgree();
  });

  it('units the store holds and the broker does not are recorded as closed for their owner', async () => {
    h = new ReconcileHarness();
    await submit(h, place(BOT_A, { quantity: 150 }));
    await submit(h, place(BOT_B, { instrumentId: PE_26000.id }));
    await h.restart({ freshPaper: true, alterSeed: (s) => ({ ...s, positions: s.positions.map((p) => (p.position.instrumentId === CE_26000.id ? { ...p, position: { ...p.position, netQuantity: 75 } } : p)) }) });
    await h.reconciler.run('start');
    const f = only('position-mismatch');
    expect(f).toMatchObject({ botId: BOT_A, details: { store: 150, broker: 75, storeExcess: 75, owners: [{ botId: BOT_A, loose: 150 }] } });
    expect(repairIds(f)).toEqual(['adopt-broker']);
    const sent = recordPlaces(h);
    await apply(f, 'adopt-broker');
    expect(sent).toEqual([]);
    expect(h.manager.positions.botPosition(BOT_A, CE_26000.id, 'NRML').netQuantity).toBe(75);
    expect(h.manager.isBotBlocked(BOT_A)).toBe(false);
    await booksAgree();
  });
});

describe('repairs: structures', () => {
  it('an orphan short whose hedges never filled at the broker is critical and blocking; complete buys the hedges, and nothing else', async () => {
    h = new ReconcileHarness();
    await submit(h, condor());
    const hedgeOrders = new Set(h.manager.orders().filter((o) => o.order.side === 'BUY').map((o) => o.order.brokerOrderId as string));
    await h.restart({
      freshPaper: true,
      alterSeed: (s) => ({
        orders: s.orders.filter((o) => !hedgeOrders.has(o.brokerOrderId)),
        trades: s.trades.filter((t) => !hedgeOrders.has(t.brokerOrderId)),
        positions: s.positions.filter((p) => !(HEDGES as readonly string[]).includes(p.position.instrumentId)),
      }),
    });
    const r = await h.reconciler.run('start');
    expect(r.structures[0]).toMatchObject({ naked: true, missing: true });
    const f = only('naked-short');
    expect(f).toMatchObject({ severity: 'critical', blocking: true, botId: BOT_A });
    expect(r.open.map((x) => x.kind)).toEqual(['naked-short']);
    expect(h.manager.isBotBlocked(BOT_A)).toBe(true);
    expect(repairIds(f)).toEqual(['complete', 'flatten']);
    const sent = recordPlaces(h);
    await apply(f, 'complete');
    expect(sent).toEqual([`BUY 75 ${PE_25500.id}`, `BUY 75 ${CE_26500.id}`]);
    const s = h.manager.structures()[0]!;
    expect(s.status).toBe('open');
    expect(h.manager.findings.open()).toEqual([]);
    expect(h.manager.isBotBlocked(BOT_A)).toBe(false);
    expect((await h.reconciler.applyRepair(f.findingId, 'complete')).ok).toBe(false);
    expect(sent).toHaveLength(2);
    await booksAgree();
  });

  it('hedges sold at the broker by its RMS: flatten adopts those orders, buys the shorts back first and sells nothing', async () => {
    h = new ReconcileHarness();
    await submit(h, condor());
    h.down();
    for (const id of HEDGES) await h.outside({ instrumentId: id, side: 'SELL', strategy: 'rms' });
    await h.restart();
    const r = await h.reconciler.run('start');
    expect(r.raised.map((f) => f.kind).sort()).toEqual(['naked-short', 'unknown-broker-order', 'unknown-broker-order']);
    const unknown = h.reconciler.findings().filter((f) => f.kind === 'unknown-broker-order');
    // Only through the structure (or bought back): adopted on their own, the structure would count hedges it lacks.
    expect(unknown.map(repairIds)).toEqual([['flatten'], ['flatten']]);
    const f = only('naked-short');
    const sent = recordPlaces(h);
    const out = await apply(f, 'flatten');
    expect(out.adopted).toHaveLength(2);
    expect(sent).toEqual([`BUY 75 ${PE_26000.id}`, `BUY 75 ${CE_26000.id}`]);
    expect(h.manager.structures()[0]!.status).toBe('closed');
    expect(h.reconciler.findings()).toEqual([]);
    expect(await h.brokerBook()).toEqual({});
    await booksAgree();
  });

  it('a short leg bought back outside: the structure is missing a leg (not naked); accepting it sends nothing', async () => {
    h = new ReconcileHarness();
    await submit(h, condor());
    h.down();
    await h.outside({ instrumentId: CE_26000.id, side: 'BUY' });
    await h.restart();
    await h.reconciler.run('start');
    const f = only('structure-missing-leg');
    expect(f.details['legs']).toContainEqual(expect.objectContaining({ instrumentId: CE_26000.id, side: 'SELL', held: 75, missing: 75, actual: 0 }));
    expect(repairIds(f)).toEqual(['complete', 'flatten', 'adopt-broker']);
    const sent = recordPlaces(h);
    await apply(f, 'adopt-broker');
    expect(sent).toEqual([]);
    expect(h.manager.structures()[0]).toMatchObject({ status: 'open' });
    expect(h.manager.positions.botPosition(BOT_A, CE_26000.id, 'NRML').netQuantity).toBe(0);
    await booksAgree();
  });
});
