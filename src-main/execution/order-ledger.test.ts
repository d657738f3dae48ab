import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { clientOrderId, instrumentId, structureId } from '#model/ids';
import { createOrder, type OrderStatus } from '#model/order';
import { openStore, type Store } from '#store/database';
import { AuditRepository } from '#store/audit-repository';
import { OrdersRepository, type OrderRecord } from '#store/orders-repository';
import { AuditTrail } from './audit.ts';
import { OrderLedger } from './order-ledger.ts';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

function ledger(): OrderLedger {
  const opened = openStore(':memory:', 0);
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  return new OrderLedger(new OrdersRepository(store.sqlite), new AuditTrail(new AuditRepository(store.sqlite), new SimClock(0)));
}

const record = (id: string, status: OrderStatus): OrderRecord => ({
  order: { ...createOrder({ clientOrderId: clientOrderId(id), instrumentId: instrumentId('NFO', 'NIFTY01DEC2626000CE'), side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 75, tsInit: 0 }), status },
  reduceOnly: false,
});

describe('the ledger’s open orders', () => {
  it('are the orders not yet terminal, oldest first, kept as records change', () => {
    const l = ledger();
    expect(l.hasOpen()).toBe(false);
    l.restore([record('a', 'filled'), record('b', 'accepted'), record('c', 'cancelled'), record('d', 'submitted')], []);
    expect(l.hasOpen()).toBe(true);
    expect(l.open().map((r) => r.order.clientOrderId)).toEqual(['b', 'd']);
    l.restore([record('b', 'cancelled'), record('e', 'initialized')], []);
    expect(l.open().map((r) => r.order.clientOrderId)).toEqual(['d', 'e']);
    expect(l.open().map((r) => r.order.clientOrderId)).toEqual(l.all().filter((r) => !['filled', 'cancelled'].includes(r.order.status)).map((r) => r.order.clientOrderId));
    l.restore([record('d', 'rejected'), record('e', 'filled')], []);
    expect(l.hasOpen()).toBe(false);
    expect(l.open()).toEqual([]);
  });
});

describe('the ledger’s orders of a structure', () => {
  it('are its linked orders, oldest first, the latest record of each, as filtering every order would give', () => {
    const l = ledger();
    const linked = (id: string, status: OrderStatus, structure: string, legIndex: number): OrderRecord => ({ ...record(id, status), link: { structureId: structureId(structure), legIndex, role: 'entry' } });
    l.restore([linked('a', 'filled', 's1', 0), record('b', 'accepted'), linked('c', 'accepted', 's2', 0), linked('d', 'submitted', 's1', 1)], []);
    l.restore([linked('a', 'filled', 's1', 0), linked('d', 'filled', 's1', 1), linked('e', 'initialized', 's2', 1)], []);
    const byFilter = (s: string): OrderRecord[] => l.all().filter((r) => r.link?.structureId === s);
    expect(l.ofStructure(structureId('s1')).map((r) => [r.order.clientOrderId, r.order.status])).toEqual([
      ['a', 'filled'],
      ['d', 'filled'],
    ]);
    expect(l.ofStructure(structureId('s1'))).toEqual(byFilter('s1'));
    expect(l.ofStructure(structureId('s2'))).toEqual(byFilter('s2'));
    expect(l.ofStructure(structureId('s9'))).toEqual([]);
  });
});
