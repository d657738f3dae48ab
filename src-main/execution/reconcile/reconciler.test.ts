import { afterEach, describe, expect, it } from 'vitest';
import { intentId, type BotId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { StructureLegSpec } from '#model/structure';
import { CE_26000, CE_26500, PE_25500, PE_26000, quote } from '#execution/testing/fixtures';
import type { ReconcileReport } from './reconciler.ts';
import { BOT_A, ReconcileHarness } from './testing/reconcile-harness.ts';

let h: ReconcileHarness;
afterEach(() => h?.close());

let n = 0;
const place = (bot: BotId, extra: Partial<Extract<Intent, { kind: 'place' }>> = {}): Intent => ({
  kind: 'place',
  intentId: intentId(`rc-${++n}`),
  botId: bot,
  instrumentId: CE_26000.id,
  side: 'BUY',
  quantity: 75,
  type: 'MARKET',
  product: 'NRML',
  reason: 'test',
  ...extra,
});
const leg = (id: StructureLegSpec['instrumentId'], side: 'BUY' | 'SELL'): StructureLegSpec => ({ instrumentId: id, side, quantity: 75, type: 'MARKET' });
const condor = (): Intent => ({
  kind: 'enter-structure',
  intentId: intentId(`rc-${++n}`),
  botId: BOT_A,
  structure: 'iron-condor',
  product: 'NRML',
  legs: [leg(PE_26000.id, 'SELL'), leg(CE_26000.id, 'SELL'), leg(PE_25500.id, 'BUY'), leg(CE_26500.id, 'BUY')],
  policy: { kind: 'unwind', legTimeoutMs: 5000 },
  reason: 'test',
});

async function submit(intent: Intent): Promise<void> {
  const r = await h.manager.submit(intent);
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  await h.flush();
}

/** Everything that must not move when nothing is wrong. */
function state() {
  return { orders: h.manager.orders(), fills: [...h.manager.fills()], findings: h.manager.findings.open(), structures: h.manager.structures() };
}

const kinds = (r: ReconcileReport) => r.raised.map((f) => f.kind).sort();

describe('reconciler: a paper restart is exact (the paper book is re-seeded from the store)', () => {
  it('finds nothing after a restart with positions, a structure and a working order; the working order still fills', async () => {
    h = new ReconcileHarness();
    await submit(place(BOT_A, { quantity: 150 }));
    await submit(condor());
    await submit(place(BOT_A, { instrumentId: PE_26000.id, side: 'BUY', type: 'LIMIT', limitPrice: 100 }));
    const storeBefore = h.storeBook();
    await h.restart({ freshPaper: true });
    expect(await h.brokerBook()).toEqual({});
    const r = await h.reconciler.run('start');
    expect(r).toMatchObject({ ok: true, seeded: { orders: 6, trades: 5, positions: 4 }, raised: [], open: [] });
    expect(await h.brokerBook()).toEqual(storeBefore);
    expect(h.storeBook()).toEqual(storeBefore);
    expect(r.structures).toHaveLength(1);
    expect(r.structures[0]!.legs.map((l) => [l.side, l.held, l.actual])).toEqual([
      ['SELL', 75, 75],
      ['SELL', 75, 75],
      ['BUY', 75, 75],
      ['BUY', 75, 75],
    ]);
    h.quotes.set(quote(PE_26000.id, 99, 99.5, h.clock.now()));
    await h.advance(1000);
    expect(h.manager.orders().at(-1)!.order).toMatchObject({ status: 'filled', filledQuantity: 75 });
    expect(await h.brokerBook()).toEqual(h.storeBook());
  });

  it('expires a working day order of an earlier session (left out of the re-seeded book) and reports it', async () => {
    h = new ReconcileHarness();
    await submit(place(BOT_A, { type: 'LIMIT', limitPrice: 100 }));
    const id = h.manager.orders()[0]!.order.clientOrderId;
    h.clock.advanceTo(h.clock.now() + 24 * 3_600_000);
    await h.restart({ freshPaper: true });
    const r = await h.reconciler.run('start');
    expect(r.expired).toEqual([id]);
    expect(h.manager.order(id)?.order.status).toBe('expired');
    expect(r.open).toEqual([]);
    await submit(place(BOT_A));
    expect(h.manager.orders().at(-1)!.order).toMatchObject({ brokerOrderId: 'paper-2', status: 'filled' });
  });
});

describe('reconciler: the broker outlived the terminal (OpenAlgo)', () => {
  it('imports a fill the store lacks through the ledger; the position folds it; reported as missing-fill', async () => {
    h = new ReconcileHarness();
    await submit(place(BOT_A, { type: 'LIMIT', limitPrice: 100, quantity: 150 }));
    h.down();
    h.quotes.set(quote(CE_26000.id, 99, 100, h.clock.now()));
    expect(await h.brokerBook()).toEqual({ [`${CE_26000.id}|NRML`]: 150 });
    expect(h.storeBook()).toEqual({});
    await h.restart();
    const r = await h.reconciler.run('start');
    expect(r.importedFills).toHaveLength(1);
    expect(kinds(r)).toEqual(['missing-fill']);
    expect(r.resolved.map((f) => f.kind)).toEqual(['missing-fill']);
    expect(h.manager.positions.botPosition(BOT_A, CE_26000.id, 'NRML')).toMatchObject({ netQuantity: 150, avgPrice: 100 });
    expect(h.storeBook()).toEqual(await h.brokerBook());
    expect(r.open).toEqual([]);
  });

  it('is idempotent: a second run changes nothing and reads the books once (3 calls)', async () => {
    h = new ReconcileHarness();
    await submit(place(BOT_A));
    h.down();
    await h.outside({ instrumentId: PE_26000.id, side: 'SELL', strategy: 'bot-a' });
    await h.restart();
    const first = await h.reconciler.run('start');
    expect(kinds(first)).toEqual(['unknown-broker-order']);
    const before = state();
    const audit = (h.store.sqlite.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number);
    const calls = h.broker.calls.orderBook;
    const second = await h.reconciler.run('start');
    expect(second).toMatchObject({ ok: true, raised: [], resolved: [], brokerCalls: 3 });
    expect(h.broker.calls.orderBook - calls).toBe(1);
    expect(state()).toEqual(before);
    expect(h.store.sqlite.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(audit);
  });
});
