import { afterEach, describe, expect, it } from 'vitest';
import { istMidnight } from '#core/time-ist';
import { CE_26000, PE_26000, quote } from '#execution/testing/fixtures';
import { PaperBroker } from '#execution/brokers/paper/paper-broker';
import { paperSnapshotFromStore } from './paper-seed.ts';
import { BOT_A, ReconcileHarness } from './testing/reconcile-harness.ts';
import { place, submit } from './testing/scenarios.ts';

let h: ReconcileHarness;
afterEach(() => h?.close());

const books = async (paper: PaperBroker) => {
  const [rows, trades, positions] = await Promise.all([paper.orderBook(), paper.tradeBook(), paper.positionBook()]);
  if (!rows.ok || !trades.ok || !positions.ok) throw new Error('book read failed');
  return { rows: rows.value, trades: trades.value, positions: positions.value };
};

describe('paper broker re-seeded from the store', () => {
  it('shows the books it had (rows, trades, positions with their P&L), keeps working orders working, and numbers new ids after the old', async () => {
    h = new ReconcileHarness();
    await submit(h, place(BOT_A, { quantity: 150 }));
    await submit(h, place(BOT_A, { side: 'SELL', quantity: 75 }));
    await submit(h, place(BOT_A, { instrumentId: PE_26000.id, type: 'LIMIT', limitPrice: 100 }));
    await submit(h, place(BOT_A, { instrumentId: PE_26000.id, type: 'SL-M', side: 'SELL', triggerPrice: 90 }));
    const before = await books(h.paper);
    const snapshot = paperSnapshotFromStore(h.manager.orders(), h.manager.fills(), istMidnight(h.clock.now()));
    h.down();
    h.paper.close();
    const paper = new PaperBroker({ clock: h.clock, quotes: h.quotes, instruments: h.instruments, config: { cash: 50_000_000 } });
    expect(paper.restore(snapshot)).toEqual({ ok: true, value: undefined });
    const after = await books(paper);
    expect(after.rows).toEqual(before.rows.map((r) => expect.objectContaining({ ...r, strategy: 'bot-a' })));
    expect(after.trades).toEqual(before.trades);
    expect(after.positions.map((p) => [p.instrumentId, p.quantity, p.avgPrice])).toEqual(before.positions.map((p) => [p.instrumentId, p.quantity, p.avgPrice]));
    expect(paper.restore(snapshot)).toMatchObject({ ok: false, error: expect.stringContaining('empty') });

    h.quotes.set(quote(PE_26000.id, 99, 99.5, h.clock.now()));
    const rows = (await books(paper)).rows;
    expect(rows.find((r) => r.price === 100)).toMatchObject({ status: 'complete', filledQuantity: 75 });
    expect(rows.find((r) => r.type === 'SL-M')).toMatchObject({ status: 'trigger-pending' });
    const next = await paper.place({ strategy: 'x', instrumentId: CE_26000.id, side: 'BUY', quantity: 75, type: 'MARKET', product: 'NRML' });
    expect(next.ok && next.value.brokerOrderId).toBe('paper-5');
    const t = (await books(paper)).trades.map((x) => x.tradeId);
    expect(new Set(t).size).toBe(t.length);
    paper.close();
  });
});
