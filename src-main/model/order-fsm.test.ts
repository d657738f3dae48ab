import { describe, expect, it } from 'vitest';
import { brokerOrderId, clientOrderId, instrumentId, tradeId } from './ids.ts';
import { createOrder, isTerminal, OrderStatus, TERMINAL_ORDER_STATUSES, type Order } from './order.ts';
import { applyOrderEvent, ORDER_TRANSITIONS, type OrderEvent, type OrderEventKind } from './order-fsm.ts';

const base = createOrder({
  clientOrderId: clientOrderId('c-1'),
  instrumentId: instrumentId('NFO', 'NIFTY30DEC2526000CE'),
  side: 'SELL',
  type: 'LIMIT',
  product: 'NRML',
  quantity: 130,
  limitPrice: 120,
  tsInit: 1,
});

const inStatus = (status: OrderStatus, filledQuantity = 0): Order => ({ ...base, status, filledQuantity, avgFillPrice: filledQuantity ? 100 : 0 });

const sample: Record<OrderEventKind, OrderEvent> = {
  denied: { kind: 'denied', reason: 'daily loss limit', ts: 2 },
  submitted: { kind: 'submitted', ts: 2 },
  'outcome-unknown': { kind: 'outcome-unknown', reason: 'timeout', ts: 2 },
  accepted: { kind: 'accepted', brokerOrderId: brokerOrderId('b-1'), ts: 2 },
  rejected: { kind: 'rejected', reason: 'margin', ts: 2 },
  triggered: { kind: 'triggered', ts: 2 },
  'update-requested': { kind: 'update-requested', ts: 2 },
  updated: { kind: 'updated', limitPrice: 118, ts: 2 },
  'update-rejected': { kind: 'update-rejected', reason: 'x', ts: 2 },
  'cancel-requested': { kind: 'cancel-requested', ts: 2 },
  'cancel-rejected': { kind: 'cancel-rejected', reason: 'x', ts: 2 },
  cancelled: { kind: 'cancelled', ts: 2 },
  expired: { kind: 'expired', ts: 2 },
  filled: { kind: 'filled', tradeId: tradeId('t-1'), quantity: 65, price: 121, ts: 2 },
};

const statuses = Object.values(OrderStatus);
const events = Object.keys(sample) as OrderEventKind[];

describe('order state machine', () => {
  describe.each(statuses)('from %s', (status) => {
    it.each(events)('%s is legal exactly when the table says so', (kind) => {
      const r = applyOrderEvent(inStatus(status), sample[kind]);
      const expected = ORDER_TRANSITIONS[status][kind];
      if (expected === undefined) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error.kind).toBe('illegal-transition');
      } else {
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.status).toBe(expected);
      }
    });
  });

  it('terminal states accept nothing, and they are exactly the statuses with no way out', () => {
    expect([...TERMINAL_ORDER_STATUSES].sort()).toEqual(['cancelled', 'denied', 'expired', 'filled', 'rejected']);
    for (const s of statuses) expect(Object.keys(ORDER_TRANSITIONS[s]).length === 0).toBe(isTerminal(s));
  });

  it('walks a full life: submit, accept, two partial fills to filled, with a VWAP average', () => {
    let o: Order = base;
    for (const e of [
      sample.submitted,
      sample.accepted,
      { kind: 'filled', tradeId: tradeId('t-1'), quantity: 65, price: 120, ts: 3 },
      { kind: 'filled', tradeId: tradeId('t-2'), quantity: 65, price: 121, ts: 4 },
    ] satisfies OrderEvent[]) {
      const r = applyOrderEvent(o, e);
      if (!r.ok) throw new Error(r.error.message);
      o = r.value;
    }
    expect(o.status).toBe('filled');
    expect(o.filledQuantity).toBe(130);
    expect(o.avgFillPrice).toBeCloseTo(120.5, 12);
    expect(o.brokerOrderId).toBe('b-1');
    expect(o.tsLast).toBe(4);
  });

  it('rejects a fill reported twice (same trade id)', () => {
    const once = applyOrderEvent(inStatus('accepted'), sample.filled);
    if (!once.ok) throw new Error('first fill');
    const twice = applyOrderEvent(once.value, sample.filled);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.kind).toBe('duplicate-fill');
  });

  it('rejects an overfill', () => {
    const r = applyOrderEvent(inStatus('accepted'), { kind: 'filled', tradeId: tradeId('t-9'), quantity: 195, price: 1, ts: 2 });
    expect(!r.ok && r.error.kind).toBe('overfill');
  });

  it('rejects a fill with a non-positive quantity or price', () => {
    const r = applyOrderEvent(inStatus('accepted'), { kind: 'filled', tradeId: tradeId('t-9'), quantity: 0, price: 1, ts: 2 });
    expect(!r.ok && r.error.kind).toBe('invalid-event');
  });

  it('returns a refused cancel to partially-filled when part was filled', () => {
    const r = applyOrderEvent(inStatus('pending-cancel', 65), sample['cancel-rejected']);
    expect(r.ok && r.value.status).toBe('partially-filled');
  });

  it('resolves an unknown outcome into a fill by reconciliation', () => {
    const r = applyOrderEvent(inStatus('unknown'), { kind: 'filled', tradeId: tradeId('t-1'), quantity: 130, price: 120, ts: 5 });
    expect(r.ok && r.value.status).toBe('filled');
  });

  it('an update that leaves the quantity at the filled amount completes the order', () => {
    const r = applyOrderEvent(inStatus('pending-update', 65), { kind: 'updated', quantity: 65, ts: 3 });
    expect(r.ok && r.value.status).toBe('filled');
    const below = applyOrderEvent(inStatus('pending-update', 65), { kind: 'updated', quantity: 60, ts: 3 });
    expect(!below.ok && below.error.kind).toBe('invalid-event');
  });

  it('never mutates the input order', () => {
    const o = inStatus('accepted');
    const copy = structuredClone(o);
    applyOrderEvent(o, sample.filled);
    expect(o).toEqual(copy);
  });

  it('validates new orders', () => {
    expect(() => createOrder({ ...base, quantity: 0 })).toThrow(/positive integer/);
    expect(() => createOrder({ ...base, type: 'LIMIT', limitPrice: undefined })).toThrow(/limit price/);
    expect(() => createOrder({ ...base, type: 'SL-M', triggerPrice: undefined })).toThrow(/trigger price/);
  });
});
