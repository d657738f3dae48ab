import { describe, expect, it } from 'vitest';
import { botId, brokerOrderId, clientOrderId, intentId, structureId, tradeId, type InstrumentId } from '#model/ids';
import { createOrder, type OrderSide } from '#model/order';
import { emptyPosition } from '#model/position';
import type { OrderRecord } from '#store/orders-repository';
import type { StructureRecord } from '#store/structures-repository';
import type { BrokerOrderRow, BrokerPosition, BrokerTrade } from '../broker.ts';
import type { BotPosition } from '../positions.ts';
import { CE_26000, CE_26500, NIFTY_FUT, PE_25500, PE_26000 } from '../testing/fixtures.ts';
import { matchBrokerOrders, type UnknownBrokerOrder } from './broker-orders.ts';
import { checkPositions } from './position-check.ts';

const A = botId('bot-a');
const B = botId('bot-b');
let n = 0;

function filled(instrumentId: InstrumentId, side: OrderSide, quantity: number, link?: OrderRecord['link'], bot = A): OrderRecord {
  const o = createOrder({ clientOrderId: clientOrderId(`o-${++n}`), botId: bot, instrumentId, side, type: 'MARKET', product: 'NRML', quantity, tsInit: 0 });
  return { order: { ...o, status: 'filled', filledQuantity: quantity, brokerOrderId: brokerOrderId(`b-${n}`) }, reduceOnly: false, ...(link ? { link } : {}) };
}

const sid = structureId('s-1');
const LEGS = [
  { instrumentId: PE_25500.id, side: 'BUY' as const },
  { instrumentId: CE_26500.id, side: 'BUY' as const },
  { instrumentId: PE_26000.id, side: 'SELL' as const },
  { instrumentId: CE_26000.id, side: 'SELL' as const },
];
const condor = (id = sid, status: StructureRecord['status'] = 'open'): StructureRecord => ({
  structureId: id,
  intentId: intentId(id),
  botId: A,
  kind: 'iron-condor',
  product: 'NRML',
  policy: { kind: 'unwind', legTimeoutMs: 1000 },
  status,
  marginBlocked: 0,
  legs: LEGS.map((l, index) => ({ ...l, index, quantity: 75, type: 'MARKET', attempts: 1, exitAttempts: 0 })),
  tsInit: 0,
  tsLast: 0,
});
const condorOrders = (id = sid): OrderRecord[] => LEGS.map((l, legIndex) => filled(l.instrumentId, l.side, 75, { structureId: id, legIndex, role: 'entry' }));

/** Bot positions as the ledger folds them from these orders. */
function positionsOf(orders: readonly OrderRecord[]): BotPosition[] {
  const out = new Map<string, BotPosition>();
  for (const r of orders) {
    const o = r.order;
    const k = `${o.botId}|${o.instrumentId}`;
    const prev = out.get(k)?.position ?? emptyPosition(o.instrumentId);
    const q = o.side === 'BUY' ? o.filledQuantity : -o.filledQuantity;
    out.set(k, { ...(o.botId ? { botId: o.botId } : {}), product: 'NRML', position: { ...prev, netQuantity: prev.netQuantity + q } });
  }
  return [...out.values()];
}

const broker = (entries: [InstrumentId, number][]): BrokerPosition[] => entries.map(([instrumentId, quantity]) => ({ instrumentId, product: 'NRML', quantity, avgPrice: 10 }));
const outside = (instrumentId: InstrumentId, side: OrderSide, quantity: number): UnknownBrokerOrder => ({
  row: { brokerOrderId: brokerOrderId(`x-${++n}`), instrumentId, side, quantity, type: 'MARKET', product: 'NRML', price: 0, triggerPrice: 0, status: 'complete', filledQuantity: quantity, avgPrice: 10 },
  trades: [],
  filled: side === 'BUY' ? quantity : -quantity,
  working: false,
});
const check = (orders: OrderRecord[], structures: StructureRecord[], book: BrokerPosition[], unknown: UnknownBrokerOrder[] = []) =>
  checkPositions({ orders, positions: positionsOf(orders), structures, broker: book, unknown, inScope: () => true });
const condorBook = (over: Partial<Record<InstrumentId, number>> = {}): BrokerPosition[] =>
  broker(LEGS.map((l) => [l.instrumentId, over[l.instrumentId] ?? (l.side === 'BUY' ? 75 : -75)]));

describe('position check: the store against the broker, structures leg by leg', () => {
  it('finds nothing when the broker holds every leg, with a loose position of the bot against a leg', () => {
    const orders = [...condorOrders(), filled(CE_26000.id, 'BUY', 150)];
    const r = check(orders, [condor()], condorBook({ [CE_26000.id]: 75 }));
    expect(r.gaps).toEqual([]);
    expect(r.structures[0]).toMatchObject({ missing: false, naked: false });
  });

  it('a hedge the broker does not hold is a missing leg and a naked short, not also a position gap', () => {
    const r = check(condorOrders(), [condor()], condorBook({ [CE_26500.id]: 0 }));
    expect(r.gaps).toEqual([]);
    expect(r.structures[0]).toMatchObject({ missing: true, naked: true, explainedBy: [] });
    expect(r.structures[0]!.legs[1]).toMatchObject({ held: 75, missing: 75, actual: 0 });
  });

  it('an outside order that sold the hedge and 75 more: the leg is missing, the order explains it all, no gap is left', () => {
    const sold = outside(CE_26500.id, 'SELL', 150);
    const r = check(condorOrders(), [condor()], condorBook({ [CE_26500.id]: -75 }), [sold]);
    expect(r.gaps).toEqual([]);
    expect(r.structures[0]).toMatchObject({ naked: true, explainedBy: [sold.row.brokerOrderId] });
  });

  it('a missing short leg is not naked; the oldest structure loses its leg first', () => {
    const second = structureId('s-2');
    const orders = [...condorOrders(), ...condorOrders(second)];
    const r = check(orders, [condor(), condor(second)], condorBook({ [CE_26000.id]: -75 }));
    expect(r.structures.map((s) => [s.missing, s.naked])).toEqual([
      [true, false],
      [false, false],
    ]);
  });

  it('splits what is left into units the store holds the broker lacks (with their owner) and units no bot owns', () => {
    const orders = [filled(NIFTY_FUT.id, 'BUY', 75, undefined, B)];
    const r = check(orders, [], broker([[NIFTY_FUT.id, -75]]));
    expect(r.gaps).toEqual([{ instrumentId: NIFTY_FUT.id, product: 'NRML', store: 75, broker: -75, unknownOrders: 0, unowned: -75, storeExcess: 75, owners: [{ botId: B, loose: 75 }] }]);
  });

  it('an unknown order explains the broker holding more: no gap of its own', () => {
    const r = check([], [], broker([[NIFTY_FUT.id, 75]]), [outside(NIFTY_FUT.id, 'BUY', 75)]);
    expect(r.gaps).toEqual([]);
  });
});

describe('broker orders: the book against the store', () => {
  const row = (id: string, extra: Partial<BrokerOrderRow> = {}): BrokerOrderRow => ({
    brokerOrderId: brokerOrderId(id),
    instrumentId: CE_26000.id,
    side: 'BUY',
    quantity: 75,
    type: 'LIMIT',
    product: 'NRML',
    price: 100,
    triggerPrice: 0,
    status: 'open',
    filledQuantity: 0,
    avgPrice: 0,
    placedAt: 1000,
    ...extra,
  });
  const trade = (orderId: string): BrokerTrade => ({ tradeId: tradeId(`t-${orderId}`), brokerOrderId: brokerOrderId(orderId), instrumentId: PE_26000.id, side: 'SELL', product: 'MIS', quantity: 75, price: 110 });
  const mine = filled(CE_26000.id, 'BUY', 75);
  const working = { ...filled(PE_26000.id, 'BUY', 75), sentAt: 500 };
  const workingRec: OrderRecord = { ...working, order: { ...working.order, status: 'accepted', filledQuantity: 0 } };
  const match = (rows: BrokerOrderRow[], trades: BrokerTrade[] = [], dayStart = 0) =>
    matchBrokerOrders({ orders: [mine, workingRec], rows: [row(mine.order.brokerOrderId!, { status: 'complete' }), row(workingRec.order.brokerOrderId!), ...rows], trades, skewMs: 2000, inScope: (id) => id !== NIFTY_FUT.id, bots: new Set(['bot-a']), dayStart });

  it('reports unclaimed working rows (the strategy tag naming a bot) and trades without a row; leaves out finished empty rows and other exchanges', () => {
    const r = match([row('u1', { strategy: 'bot-a' }), row('u2', { status: 'cancelled' }), row('u3', { instrumentId: NIFTY_FUT.id })], [trade('u4')]);
    expect(r.unknown.map((u) => [u.row.brokerOrderId, u.tagBot, u.working, u.filled])).toEqual([
      ['u1', A, true, 0],
      ['u4', undefined, false, -75],
    ]);
    expect(r.unknown[1]!.row).toMatchObject({ status: 'complete', side: 'SELL', quantity: 75, product: 'MIS', avgPrice: 110 });
    expect(r.absent).toEqual([]);
  });

  it('a working order of ours missing from the book: expired when sent on an earlier day, else reported', () => {
    const rows = [row(mine.order.brokerOrderId!, { status: 'complete' })];
    const today = matchBrokerOrders({ orders: [mine, workingRec], rows, trades: [], skewMs: 2000, inScope: () => true, bots: new Set(), dayStart: 0 });
    expect(today.absent.map((a) => [a.record.order.clientOrderId, a.earlierDay])).toEqual([[workingRec.order.clientOrderId, false]]);
    const later = matchBrokerOrders({ orders: [mine, workingRec], rows, trades: [], skewMs: 2000, inScope: () => true, bots: new Set(), dayStart: 1000 });
    expect(later.absent[0]!.earlierDay).toBe(true);
  });
});
