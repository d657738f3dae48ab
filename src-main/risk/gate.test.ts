import { describe, expect, it } from 'vitest';
import { structureId } from '#model/ids';
import { BOOK_CHECKS, LEG_CHECKS } from './gate.ts';
import type { OrderProposal, StructureProposal } from './pre-trade.ts';
import type { RiskEvent } from './risk-events.ts';
import { APPROVAL_MS } from './structure-approvals.ts';
import { BOT_A, harness, limitsWith, niftyOption, proposal, T0, type Harness } from './test-support.ts';

const shortCall = niftyOption(23_300, 'CE');
const shortPut = niftyOption(22_700, 'PE');
const longCall = niftyOption(23_600, 'CE');
const longPut = niftyOption(22_400, 'PE');
const IC = structureId('ic-1');

function priced(h: Harness): Harness {
  h.market.marks.set(shortCall.id, 50);
  h.market.marks.set(shortPut.id, 45);
  h.market.marks.set(longCall.id, 15);
  h.market.marks.set(longPut.id, 12);
  return h;
}

const leg = (instrument: typeof shortCall, side: 'BUY' | 'SELL', price: number, over: Partial<OrderProposal> = {}): OrderProposal =>
  proposal({ instrument, side, referencePrice: price, limitPrice: price, botId: BOT_A, structureId: IC, ...over });

/** Hedge first: the wings are bought before the shorts are sold. */
const condorLegs = (over: Partial<OrderProposal> = {}): OrderProposal[] => [
  leg(longCall, 'BUY', 15, over),
  leg(longPut, 'BUY', 12, over),
  leg(shortCall, 'SELL', 50, over),
  leg(shortPut, 'SELL', 45, over),
];
const condor = (over: Partial<OrderProposal> = {}): StructureProposal => ({ botId: BOT_A, structureId: IC, legs: condorLegs(over), ts: T0 });

/**
 * Worst losses at ±3 % spot and ±5 IV points (shock.ts): the whole condor ₹11,761; wings plus the short
 * call ₹14,686; the short call alone ₹28,228. The limit sits between the first two.
 */
const limits = limitsWith({ shock: { spotPct: 3, ivPoints: 5, spotSteps: 3, maxLoss: 13_000 } });

describe('risk gate', () => {
  it('runs the cheap per-order checks before the book-wide ones', () => {
    expect(LEG_CHECKS.length).toBe(6);
    expect(BOOK_CHECKS.length).toBe(9);
    const h = priced(harness(limits));
    h.ledger.kill('k', T0);
    // Also outside the band and beyond the shock limit: the trading state answers first.
    const r = h.gate.check(leg(shortCall, 'SELL', 50, { limitPrice: 500, structureId: undefined, quantity: 650 }));
    expect(r).toMatchObject({ ok: false, error: { check: 'trading-state' } });
  });

  it('reports every decision as an event, refusals with their reason', () => {
    const h = priced(harness(limits));
    const events: RiskEvent[] = [];
    h.ledger.events.subscribe('risk', (e) => events.push(e));
    h.gate.check(leg(longCall, 'BUY', 15, { structureId: undefined }));
    h.gate.check(leg(shortCall, 'SELL', 50, { structureId: undefined }));
    expect(events.map((e) => e.kind)).toEqual(['order-checked', 'order-checked']);
    expect(events[0]).not.toHaveProperty('rejection');
    expect(events[1]).toMatchObject({ rejection: { check: 'shock' } });
  });

  it('accepts an iron condor as a whole that its naked short leg alone would breach', () => {
    const h = priced(harness(limits));
    expect(h.gate.check(leg(shortCall, 'SELL', 50, { structureId: undefined }))).toMatchObject({ ok: false, error: { check: 'shock' } });
    expect(h.gate.checkStructure(condor()).ok).toBe(true);
  });

  it('refuses a structure whose whole is beyond a limit, and names the leg that fails a per-leg check', () => {
    const h = priced(harness(limitsWith({ shock: { spotPct: 3, ivPoints: 5, spotSteps: 3, maxLoss: 5_000 } })));
    expect(h.gate.checkStructure(condor())).toMatchObject({ ok: false, error: { check: 'shock' } });
    const legs = condorLegs();
    legs[2] = { ...legs[2]!, limitPrice: 500 };
    expect(priced(harness(limits)).gate.checkStructure({ botId: BOT_A, structureId: IC, legs, ts: T0 })).toMatchObject({ ok: false, error: { check: 'price-band', legIndex: 2 } });
    expect(h.gate.checkStructure({ botId: BOT_A, legs: [], ts: T0 }).ok).toBe(false);
  });

  it('lets the legs of an accepted structure through one by one, within the approved quantity and time', () => {
    const h = priced(harness(limits));
    expect(h.gate.checkStructure(condor()).ok).toBe(true);
    const [wingC, wingP, shortC] = condorLegs();
    for (const p of [wingC!, wingP!]) {
      expect(h.gate.check(p).ok).toBe(true);
      h.gate.recordSent(p);
      h.portfolio.positions.push({ instrument: p.instrument, botId: BOT_A, structureId: IC, netQuantity: p.quantity, avgPrice: p.referencePrice });
    }
    // The short call goes before the short put: judged alone, wings plus short call breach the limit.
    expect(h.gate.check({ ...shortC!, structureId: undefined })).toMatchObject({ ok: false, error: { check: 'shock' } });
    expect(h.gate.check(shortC!).ok).toBe(true);
    // Twice the approved quantity is judged in full, and refused.
    expect(h.gate.check({ ...shortC!, quantity: 130 * 3 })).toMatchObject({ ok: false, error: { check: 'shock' } });
  });

  it('forgets an approval after its time, and counts working orders of the structure against it', () => {
    const h = priced(harness(limits));
    expect(h.gate.checkStructure(condor()).ok).toBe(true);
    const naked = leg(shortCall, 'SELL', 50);
    expect(h.gate.check(naked).ok).toBe(true);
    h.portfolio.openOrders.push({ clientOrderId: naked.clientOrderId!, instrument: shortCall, botId: BOT_A, structureId: IC, side: 'SELL', remainingQuantity: 65, reduceOnly: false, limitPrice: 50 });
    expect(h.gate.check(leg(shortCall, 'SELL', 50))).toMatchObject({ ok: false, error: { check: 'shock' } });
    h.portfolio.openOrders.length = 0;
    expect(h.gate.check({ ...naked, ts: T0 + APPROVAL_MS })).toMatchObject({ ok: false, error: { check: 'shock' } });
  });

  it('skips the book-wide checks when every order only reduces', () => {
    const h = priced(harness(limitsWith({ shock: { spotPct: 3, ivPoints: 5, spotSteps: 3, maxLoss: 1 } })));
    h.portfolio.positions.push(
      { instrument: longCall, botId: BOT_A, netQuantity: 65, avgPrice: 15 },
      { instrument: shortCall, botId: BOT_A, netQuantity: -65, avgPrice: 50 },
    );
    // Selling the wing first leaves a naked short: the gate does not refuse an exit, the kill plan orders them.
    expect(h.gate.check(leg(longCall, 'SELL', 15, { reduceOnly: true, structureId: undefined })).ok).toBe(true);
    const exit: StructureProposal = {
      botId: BOT_A,
      legs: [leg(shortCall, 'BUY', 50, { reduceOnly: true }), leg(longCall, 'SELL', 15, { reduceOnly: true })],
      ts: T0,
    };
    expect(h.gate.checkStructure(exit).ok).toBe(true);
  });

  it('refuses a structure leg that belongs to another owner', () => {
    const h = priced(harness(limits));
    const legs = condorLegs();
    legs[1] = { ...legs[1]!, botId: undefined };
    expect(h.gate.checkStructure({ botId: BOT_A, legs, ts: T0 })).toMatchObject({ ok: false, error: { legIndex: 1 } });
  });
});
