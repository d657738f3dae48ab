import { describe, expect, it } from 'vitest';
import type { Fill } from '#model/fill';
import type { Finding } from '#model/finding';
import { botId, brokerOrderId, clientOrderId, instrumentId, intentId, structureId, tradeId } from '#model/ids';
import type { Order, OrderSide } from '#model/order';
import type { OrderRecord } from '#store/orders-repository';
import type { StructureRecord } from '#store/structures-repository';
import { checkInvariants, type SoakLimits } from './invariants.ts';
import type { SimBooks, SimOrderFact, SimTradeFact } from './sim-books.ts';
import type { StoreBooks } from './store-books.ts';

/**
 * Each invariant on hand-made books: a short straddle (two SELL legs of 1 lot) entered and held, the
 * simulator and the store agreeing, then one thing broken at a time.
 */
const CE = instrumentId('NFO', 'NIFTY20DEC2626000CE');
const PE = instrumentId('NFO', 'NIFTY20DEC2626000PE');
const LOT = 65;
const S = structureId('s-1');
const BOT = 'soak-a';
const T0 = 1_000_000;
const LIMITS: SoakLimits = { bots: { [BOT]: { maxLots: 4, maxPositions: 1 } }, maxOrdersPerSecond: 10, lotSize: () => LOT };

function order(n: number, instrument: typeof CE, side: OrderSide, leg: number, role: 'entry' | 'exit', filled = LOT): OrderRecord {
  const o: Order = {
    clientOrderId: clientOrderId(`c${n}`),
    brokerOrderId: brokerOrderId(`b${n}`),
    intentId: intentId('i-1'),
    botId: botId(BOT),
    instrumentId: instrument,
    side,
    type: 'MARKET',
    product: 'NRML',
    quantity: LOT,
    status: filled === LOT ? 'filled' : 'accepted',
    filledQuantity: filled,
    avgFillPrice: filled ? 100 : 0,
    tradeIds: filled ? [tradeId(`t${n}`)] : [],
    tsInit: T0,
    tsLast: T0,
  };
  return { order: o, sentAt: T0, reduceOnly: role === 'exit', link: { structureId: S, legIndex: leg, role } };
}

const fill = (n: number, r: OrderRecord, price = 100): Fill => ({
  tradeId: tradeId(`t${n}`),
  clientOrderId: r.order.clientOrderId,
  brokerOrderId: r.order.brokerOrderId!,
  instrumentId: r.order.instrumentId,
  side: r.order.side,
  quantity: LOT,
  price,
  charges: 0,
  tsEvent: T0,
});

const simOrder = (r: OrderRecord, at = T0, id: string = r.order.brokerOrderId!): SimOrderFact => ({
  orderId: id,
  instrumentId: r.order.instrumentId,
  side: r.order.side,
  quantity: r.order.quantity,
  type: 'MARKET',
  price: 0,
  product: 'NRML',
  status: 'complete',
  strategy: BOT,
  at,
});
const simTrade = (r: OrderRecord, price = 100, id: string = r.order.brokerOrderId!): SimTradeFact => ({ orderId: id, instrumentId: r.order.instrumentId, side: r.order.side, quantity: LOT, price });

const structure = (status: StructureRecord['status']): StructureRecord => ({
  structureId: S,
  intentId: intentId('i-1'),
  botId: botId(BOT),
  kind: 'straddle',
  product: 'NRML',
  policy: { kind: 'unwind', legTimeoutMs: 1000 },
  status,
  marginBlocked: 0,
  legs: [CE, PE].map((instrumentId, index) => ({ index, instrumentId, side: 'SELL' as const, quantity: LOT, type: 'MARKET' as const, attempts: 1, exitAttempts: 0 })),
  tsInit: T0,
  tsLast: T0,
});

const finding = (message: string, details: Record<string, unknown> = {}): Finding => ({
  findingId: 'f-1',
  kind: 'orphaned-structure',
  severity: 'critical',
  subject: 'other',
  message,
  details,
  blocking: true,
  status: 'open',
  tsRaised: T0,
});

/** The straddle held: both legs filled at the simulator and in the store. */
function held(): { sim: SimBooks; store: StoreBooks } {
  const ce = order(1, CE, 'SELL', 0, 'entry');
  const pe = order(2, PE, 'SELL', 1, 'entry');
  return {
    sim: {
      orders: [simOrder(ce), simOrder(pe)],
      trades: [simTrade(ce), simTrade(pe)],
      positions: [
        { instrumentId: CE, product: 'NRML', quantity: -LOT },
        { instrumentId: PE, product: 'NRML', quantity: -LOT },
      ],
    },
    store: { orders: [ce, pe], fills: [fill(1, ce), fill(2, pe)], structures: [structure('open')], findings: [] },
  };
}

describe('soak invariants', () => {
  it('agreeing books break nothing', () => {
    const { sim, store } = held();
    expect(checkInvariants(sim, store, LIMITS)).toEqual({ counts: { duplicates: 0, lostFills: 0, orphansUnreported: 0, positionMismatches: 0, limitBreaches: 0 }, violations: [] });
  });

  it('an order at the simulator that no store order claims is a duplicate (and its fill is lost, its position unexplained)', () => {
    const { sim, store } = held();
    const ce = store.orders[0]!;
    const again = { ...sim, orders: [...sim.orders, simOrder(ce, T0 + 10, 'b9')], trades: [...sim.trades, simTrade(ce, 100, 'b9')], positions: [{ instrumentId: CE, product: 'NRML', quantity: -2 * LOT }, sim.positions[1]!] };
    const { counts, violations } = checkInvariants(again, store, LIMITS);
    expect(counts).toEqual({ duplicates: 1, lostFills: 1, orphansUnreported: 1, positionMismatches: 1, limitBreaches: 0 });
    expect(violations.find((v) => v.kind === 'duplicates')?.detail).toContain('order b9 at the simulator');
  });

  it('a leg whose own orders filled more than the leg asked is a duplicate even when every order is claimed', () => {
    const { sim, store } = held();
    const second = order(3, CE, 'SELL', 0, 'entry');
    const { counts } = checkInvariants(
      { ...sim, orders: [...sim.orders, simOrder(second)], trades: [...sim.trades, simTrade(second)], positions: [{ instrumentId: CE, product: 'NRML', quantity: -2 * LOT }, sim.positions[1]!] },
      { ...store, orders: [...store.orders, second], fills: [...store.fills, fill(3, second)] },
      { ...LIMITS, bots: { [BOT]: { maxLots: 10, maxPositions: 1 } } },
    );
    expect(counts.duplicates).toBe(1);
    expect(counts.positionMismatches).toBe(0);
  });

  it('a simulator trade the store does not hold is a lost fill; the price must match to the paisa', () => {
    const { sim, store } = held();
    expect(checkInvariants(sim, { ...store, fills: [store.fills[0]!] }, LIMITS).counts.lostFills).toBe(1);
    expect(checkInvariants({ ...sim, trades: [simTrade(store.orders[0]!, 100.05), sim.trades[1]!] }, store, LIMITS).counts.lostFills).toBe(1);
  });

  it('a naked short no open structure explains is an orphan unless an open finding names it', () => {
    const { sim, store } = held();
    const unwound = { ...store, structures: [structure('unwinding')] };
    const { counts, violations } = checkInvariants(sim, unwound, LIMITS);
    expect(counts.orphansUnreported).toBe(2);
    expect(violations[0]!.detail).toContain('a naked short');
    expect(checkInvariants(sim, { ...unwound, findings: [finding('still held', { held: [{ instrumentId: CE }, { instrumentId: PE }] })] }, LIMITS).counts.orphansUnreported).toBe(0);
    expect(checkInvariants(sim, { ...unwound, findings: [finding('still held: SELL 65 NFO:NIFTY20DEC2626000CE')] }, LIMITS).counts.orphansUnreported).toBe(1);
  });

  it('an open structure whose leg the simulator does not hold is a missing leg, reported or not', () => {
    const { sim, store } = held();
    const { counts, violations } = checkInvariants({ ...sim, positions: [sim.positions[0]!] }, store, LIMITS);
    expect(counts.orphansUnreported).toBe(1);
    expect(violations.find((v) => v.kind === 'orphansUnreported')?.detail).toContain('a missing leg');
    expect(counts.positionMismatches).toBe(1);
  });

  it('per-bot lots and structures over their limit when the run settled, and an 11th order within a second, are breaches', () => {
    const { sim, store } = held();
    expect(checkInvariants(sim, store, { ...LIMITS, bots: { [BOT]: { maxLots: 1, maxPositions: 1 } } }).counts.limitBreaches).toBe(1);
    // Settled after the first leg only: within one lot; the end (two lots) is judged too.
    expect(checkInvariants(sim, store, { ...LIMITS, bots: { [BOT]: { maxLots: 1, maxPositions: 1 } } }, [1]).violations.map((v) => v.detail)).toEqual([`bot ${BOT} held 2 lots when the run settled (limit 1)`]);
    const many: SimOrderFact[] = Array.from({ length: 11 }, (_, i) => ({ ...sim.orders[0]!, orderId: `x${i}`, status: 'rejected', at: T0 + i * 90 }));
    const crowded = checkInvariants({ ...sim, orders: [...sim.orders, ...many] }, store, LIMITS);
    expect(crowded.violations.filter((v) => v.kind === 'limitBreaches').map((v) => v.detail)).toContain('12 orders reached the simulator within one second (limit 10)');
    const spaced = many.map((o, i) => ({ ...o, at: T0 + 2000 + i * 101 }));
    expect(checkInvariants({ ...sim, orders: [...sim.orders, ...spaced] }, store, LIMITS).counts.duplicates).toBe(11);
    expect(checkInvariants({ ...sim, orders: [...sim.orders, ...spaced] }, store, LIMITS).violations.filter((v) => v.kind === 'limitBreaches')).toEqual([]);
  });
  it('a transient over the lot limit while a structure legs in is no breach; the settled book is judged', () => {
    const { sim, store } = held();
    // A hedge bought and sold again before the run settled: three lots for a moment, two when settled.
    const hedge = order(5, instrumentId('NFO', 'NIFTY20DEC2625500PE'), 'BUY', 0, 'entry');
    const trades = [simTrade(hedge), ...sim.trades, { ...simTrade(hedge), side: 'SELL' as const }];
    const limits = { ...LIMITS, bots: { [BOT]: { maxLots: 2, maxPositions: 1 } } };
    expect(checkInvariants({ ...sim, orders: [...sim.orders, simOrder(hedge)], trades }, { ...store, orders: [...store.orders, hedge] }, limits, [4]).counts.limitBreaches).toBe(0);
    expect(checkInvariants({ ...sim, orders: [...sim.orders, simOrder(hedge)], trades }, { ...store, orders: [...store.orders, hedge] }, limits, [3]).counts.limitBreaches).toBe(1);
  });
});
