import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tradable } from '#model/instrument';
import type { Broker, BrokerOrderRow, BrokerUpdate, PlaceOrderRequest } from '#execution/broker';

/** What a broker implementation gives the contract suite to drive it. */
export interface BrokerContractHarness {
  readonly broker: Broker;
  /** A tradable option with a two-sided market. */
  readonly instrument: Tradable;
  /** The current touch of `instrument`: a limit buy far below `bid` rests; a market buy fills. */
  touch(): { readonly bid: number; readonly ask: number };
  /** Lets latency, timers and pushed updates run their course. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
};

/**
 * The Broker contract: every implementation (paper now, OpenAlgo live and analyzer later) registers
 * it with its own harness. It pins what the order manager relies on: ids, the strategy tag, book rows,
 * stable trade ids, trades that add up to the row, pushed updates, typed refusals.
 */
export function registerBrokerContract(name: string, make: () => Promise<BrokerContractHarness>): void {
  describe(`Broker contract: ${name}`, () => {
    let h: BrokerContractHarness;
    let pushed: BrokerUpdate[];
    beforeEach(async () => {
      h = await make();
      pushed = [];
      h.broker.onUpdate((u) => pushed.push(u));
    });
    afterEach(() => h.close());

    const lot = (): number => h.instrument.lotSize;
    const order = (extra: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({
      strategy: 'bot-contract',
      instrumentId: h.instrument.id,
      side: 'BUY',
      quantity: lot(),
      type: 'MARKET',
      product: 'NRML',
      ...extra,
    });
    const row = async (id: string): Promise<BrokerOrderRow> => {
      const found = value(await h.broker.orderBook()).find((r) => r.brokerOrderId === id);
      if (!found) throw new Error(`order ${id} is not in the book`);
      return found;
    };
    const restingPrice = (): number => Math.max(h.instrument.tickSize, Math.round((h.touch().bid * 0.9) / h.instrument.tickSize) * h.instrument.tickSize);

    it('fills a market buy: a complete row with the strategy tag and price 0, trades that add up, a position', async () => {
      const { brokerOrderId } = value(await h.broker.place(order({ quantity: 2 * lot() })));
      await h.settle();
      const r = await row(brokerOrderId);
      expect(r).toMatchObject({ strategy: 'bot-contract', instrumentId: h.instrument.id, side: 'BUY', quantity: 2 * lot(), type: 'MARKET', product: 'NRML', status: 'complete', price: 0 });
      const trades = value(await h.broker.tradeBook()).filter((t) => t.brokerOrderId === brokerOrderId);
      expect(trades.reduce((s, t) => s + t.quantity, 0)).toBe(r.filledQuantity);
      expect(r.avgPrice).toBeCloseTo(trades.reduce((s, t) => s + t.price * t.quantity, 0) / r.filledQuantity, 6);
      const pos = value(await h.broker.positionBook()).find((p) => p.instrumentId === h.instrument.id && p.product === 'NRML');
      expect(pos?.quantity).toBe(2 * lot());
    });

    it('keeps trade ids unique and stable across reads', async () => {
      value(await h.broker.place(order()));
      value(await h.broker.place(order({ side: 'SELL' })));
      await h.settle();
      const a = value(await h.broker.tradeBook()).map((t) => t.tradeId);
      const b = value(await h.broker.tradeBook()).map((t) => t.tradeId);
      expect(new Set(a).size).toBe(a.length);
      expect(b).toEqual(a);
    });

    it('rests a limit far from the market, modifies it, cancels it, and refuses a second cancel', async () => {
      const price = restingPrice();
      const { brokerOrderId } = value(await h.broker.place(order({ type: 'LIMIT', limitPrice: price })));
      await h.settle();
      expect(await row(brokerOrderId)).toMatchObject({ status: 'open', price, filledQuantity: 0 });
      const lower = Number((price - h.instrument.tickSize).toFixed(2));
      value(await h.broker.modify({ strategy: 'bot-contract', brokerOrderId, instrumentId: h.instrument.id, side: 'BUY', product: 'NRML', type: 'LIMIT', quantity: lot(), limitPrice: lower }));
      await h.settle();
      expect((await row(brokerOrderId)).price).toBe(lower);
      value(await h.broker.cancel(brokerOrderId, 'bot-contract'));
      await h.settle();
      expect((await row(brokerOrderId)).status).toBe('cancelled');
      const again = await h.broker.cancel(brokerOrderId, 'bot-contract');
      expect(again.ok).toBe(false);
      if (!again.ok) expect(['rejected', 'not-found']).toContain(again.error.kind);
    });

    it('answers not-found for an order it never had', async () => {
      const r = await h.broker.cancel('no-such-order' as never, 'bot-contract');
      expect(!r.ok && r.error.kind).toBe('not-found');
      const s = await h.broker.orderStatus('no-such-order' as never, 'bot-contract');
      expect(!s.ok && s.error.kind).toBe('not-found');
    });

    it('reports one order by id as the book shows it', async () => {
      const { brokerOrderId } = value(await h.broker.place(order()));
      await h.settle();
      expect(value(await h.broker.orderStatus(brokerOrderId, 'bot-contract'))).toEqual(await row(brokerOrderId));
    });

    it('refuses a quantity that is not a whole number of lots, as a typed rejection', async () => {
      const r = await h.broker.place(order({ quantity: lot() + 1 }));
      expect(!r.ok && r.error.kind).toBe('rejected');
    });

    it('pushes the row and every trade of a filled order, each trade before the row that counts it', async () => {
      const { brokerOrderId } = value(await h.broker.place(order()));
      await h.settle();
      const mine = pushed.filter((u) => (u.kind === 'trade' ? u.trade.brokerOrderId : u.row.brokerOrderId) === brokerOrderId);
      const complete = mine.findIndex((u) => u.kind === 'order' && u.row.status === 'complete');
      expect(complete).toBeGreaterThan(0);
      const tradesBefore = mine.slice(0, complete).filter((u) => u.kind === 'trade');
      expect(tradesBefore.reduce((s, u) => s + (u.kind === 'trade' ? u.trade.quantity : 0), 0)).toBe(lot());
    });
  });
}
