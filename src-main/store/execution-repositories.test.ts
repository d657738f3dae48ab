import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { botId, clientOrderId, instrumentId, intentId, structureId, tradeId } from '#model/ids';
import type { Intent } from '#model/intent';
import { createOrder, type NewOrder } from '#model/order';
import { AuditRepository } from './audit-repository.ts';
import { openStore, type Store } from './database.ts';
import { FindingsRepository } from './findings-repository.ts';
import { migrate } from './migration.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { OrdersRepository } from './orders-repository.ts';
import { StructuresRepository, type StructureRecord } from './structures-repository.ts';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exec-repo-'));
  const r = openStore(path.join(dir, 't.sqlite'), 1);
  if (!r.ok) throw new Error(r.error.message);
  store = r.value;
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const X = instrumentId('NFO', 'NIFTY30DEC2526000CE');
const intent: Intent = { kind: 'place', intentId: intentId('i1'), botId: botId('b'), instrumentId: X, side: 'SELL', quantity: 75, type: 'LIMIT', product: 'NRML', limitPrice: 120, reason: 'r' };
const spec: NewOrder = { clientOrderId: clientOrderId('c1'), intentId: intentId('i1'), botId: botId('b'), instrumentId: X, side: 'SELL', type: 'LIMIT', product: 'NRML', quantity: 75, limitPrice: 120, tsInit: 5 };

describe('orders repository', () => {
  it('keeps an order with its execution fields, its event log and fills', () => {
    const repo = new OrdersRepository(store.sqlite);
    const link = { structureId: structureId('s1'), legIndex: 2, role: 'entry' as const };
    repo.transaction(() => {
      repo.insertIntent(intent, 5);
      repo.insertOrder({ order: createOrder(spec), reduceOnly: true, link }, spec);
      repo.appendEvent(spec.clientOrderId, { kind: 'submitted', ts: 6 });
      repo.saveSnapshot({ order: { ...createOrder(spec), status: 'submitted', tsLast: 6 }, reduceOnly: true, link, sentAt: 6 });
      repo.insertFill({ tradeId: tradeId('t1'), clientOrderId: spec.clientOrderId, instrumentId: X, side: 'SELL', quantity: 75, price: 120, charges: 21.5, tsEvent: 7 });
    });
    expect(repo.hasIntent('i1')).toBe(true);
    expect(repo.hasFill('t1')).toBe(true);
    expect(repo.loadOrderRecords()).toEqual([{ order: { ...createOrder(spec), status: 'submitted', tsLast: 6, tradeIds: ['t1'] }, reduceOnly: true, link, sentAt: 6 }]);
    expect(repo.loadEvents().map((e) => e.kind === 'initialized' ? e.spec : e.event)).toEqual([spec, { kind: 'submitted', ts: 6 }]);
    expect(() => repo.insertFill({ tradeId: tradeId('t1'), clientOrderId: spec.clientOrderId, instrumentId: X, side: 'SELL', quantity: 75, price: 120, charges: 0, tsEvent: 8 })).toThrow(/UNIQUE/);
  });

  it('refuses to update an order it does not hold', () => {
    expect(() => new OrdersRepository(store.sqlite).saveSnapshot({ order: createOrder(spec), reduceOnly: false })).toThrow(/not in the store/);
  });

  it('gives orders written before migration 5 the new columns with safe defaults', async () => {
    const file = path.join(dir, 'v4.sqlite');
    const old = new BetterSqlite3(file);
    migrate(old, MIGRATIONS.slice(0, 4), 1);
    old.prepare("INSERT INTO orders (client_order_id, instrument_id, side, type, product, quantity, status, ts_init, ts_last) VALUES ('c0', 'NFO:X', 'BUY', 'MARKET', 'MIS', 75, 'filled', 1, 1)").run();
    old.close();
    const r = openStore(file, 2);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.sqlite.prepare('SELECT reduce_only, sent_at, structure_id, leg_role FROM orders').get()).toEqual({ reduce_only: 0, sent_at: null, structure_id: null, leg_role: null });
    await r.value.close();
  });
});

describe('structures, findings and audit repositories', () => {
  it('round-trips a structure and its legs, and updates status and attempts', () => {
    new OrdersRepository(store.sqlite).insertIntent(intent, 5);
    const repo = new StructuresRepository(store.sqlite);
    const s: StructureRecord = {
      structureId: structureId('s1'),
      intentId: intentId('i1'),
      botId: botId('b'),
      kind: 'iron-condor',
      product: 'NRML',
      policy: { kind: 'unwind', legTimeoutMs: 5000 },
      status: 'entering',
      marginBlocked: 1234.5,
      legs: [{ index: 0, instrumentId: X, side: 'BUY', quantity: 75, type: 'LIMIT', limitPrice: 30, attempts: 0, exitAttempts: 0 }],
      tsInit: 5,
      tsLast: 5,
    };
    repo.insert(s);
    const next = { ...s, status: 'orphaned' as const, reason: 'stuck', marginBlocked: 0, legs: [{ ...s.legs[0]!, attempts: 1, exitAttempts: 3 }], tsLast: 9 };
    repo.update(next);
    expect(repo.loadAll()).toEqual([next]);
  });

  it('raises and resolves findings once', () => {
    const repo = new FindingsRepository(store.sqlite);
    repo.insert({ findingId: 'f1', kind: 'overfill', severity: 'critical', botId: botId('b'), subject: 'c1', message: 'm', details: { tradeId: 't' }, blocking: true, status: 'open', tsRaised: 3 });
    expect(repo.open()).toHaveLength(1);
    expect(repo.resolve('f1', 'checked at the broker', 4)).toBe(true);
    expect(repo.resolve('f1', 'again', 5)).toBe(false);
    expect(repo.open()).toEqual([]);
    expect(repo.all()).toMatchObject([{ status: 'resolved', resolution: 'checked at the broker', tsResolved: 4, details: { tradeId: 't' } }]);
  });

  it('streams audit entries in order within a range', () => {
    const repo = new AuditRepository(store.sqlite);
    for (let ts = 0; ts < 5; ts++) repo.append({ ts, kind: 'start', actor: 'trader', payload: '{}' });
    expect([...repo.entries({ fromTs: 1, toTs: 4 })].map((e) => e.ts)).toEqual([1, 2, 3]);
    expect(repo.count()).toBe(5);
  });
});
