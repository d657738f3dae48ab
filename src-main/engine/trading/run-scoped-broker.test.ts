import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { brokerOrderId } from '#model/ids';
import { PaperBroker } from '#execution/brokers/paper/paper-broker';
import { instrumentsFrom } from '#execution/instruments';
import { QuoteBook } from '#execution/quotes';
import { CE_26000, TRADE_START, quote } from '#execution/testing/fixtures';
import type { BrokerTrade } from '#execution/broker';
import { runScopedBroker } from './run-scoped-broker.ts';

/** One process run: a fresh paper broker, as after a restart. */
function run(session: string) {
  const clock = new SimClock(TRADE_START);
  const quotes = new QuoteBook();
  quotes.set(quote(CE_26000.id, 120, 120.5, clock.now()));
  const paper = new PaperBroker({ clock, quotes, instruments: instrumentsFrom([CE_26000]), config: { cash: 10_000_000 } });
  return { paper, broker: runScopedBroker(paper, session) };
}

const buy = { strategy: 'b', instrumentId: CE_26000.id, side: 'BUY', quantity: 75, type: 'MARKET', product: 'NRML' } as const;

describe('run-scoped broker ids', () => {
  it('gives two runs of an in-memory broker different order and trade ids (a restart must not reuse `paper-1`)', async () => {
    const ids: string[] = [];
    const trades: BrokerTrade[] = [];
    for (const session of ['a1', 'b2']) {
      const { paper, broker } = run(session);
      broker.onUpdate((u) => (u.kind === 'trade' ? trades.push(u.trade) : undefined));
      const r = await broker.place(buy);
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.brokerOrderId);
      const book = await broker.orderBook();
      expect(book.ok && book.value.map((x) => x.brokerOrderId)).toEqual([r.value.brokerOrderId]);
      paper.close();
    }
    expect(ids).toEqual(['paper-1~a1', 'paper-1~b2']);
    expect(new Set(trades.map((t) => t.tradeId)).size).toBe(2);
    expect(trades.map((t) => t.brokerOrderId)).toEqual(ids);
  });

  it('answers not-found for an order of an earlier run, and reaches its own orders', async () => {
    const { paper, broker } = run('c3');
    expect(await broker.cancel(brokerOrderId('paper-1~a1'), 'b')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await broker.orderStatus(brokerOrderId('paper-1'), 'b')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const placed = await broker.place({ ...buy, type: 'LIMIT', limitPrice: 100 });
    if (!placed.ok) throw new Error(placed.error.message);
    expect(await broker.cancel(placed.value.brokerOrderId, 'b')).toEqual({ ok: true, value: undefined });
    expect(await broker.orderStatus(placed.value.brokerOrderId, 'b')).toMatchObject({ ok: true, value: { status: 'cancelled', brokerOrderId: placed.value.brokerOrderId } });
    paper.close();
  });
});
