import { describe, expect, it } from 'vitest';
import { clientOrderId, intentId, structureId } from '#model/ids';
import { createOrder, type OrderStatus } from '#model/order';
import type { StructurePolicy, StructureStatus } from '#model/structure';
import type { OrderRecord } from '#store/orders-repository';
import type { StructureLegRecord, StructureRecord } from '#store/structures-repository';
import { botId } from '#model/ids';
import { CE_26000, CE_26500, PE_25500, PE_26000 } from '../testing/fixtures.ts';
import { chasedPrice, planStructure } from './structure-planner.ts';
import type { LegProgress } from './structure-progress.ts';

const COMPLETE: StructurePolicy = { kind: 'complete', maxRetries: 2, chaseStepTicks: 2, chaseBandPct: 5, legTimeoutMs: 10_000 };
const UNWIND: StructurePolicy = { kind: 'unwind', legTimeoutMs: 10_000 };

/** Iron condor: legs 0, 1 are the wings (BUY), 2, 3 the shorts (SELL). */
const LEGS: StructureLegRecord[] = [
  { index: 0, instrumentId: PE_25500.id, side: 'BUY', quantity: 75, type: 'LIMIT', limitPrice: 35.5, attempts: 0, exitAttempts: 0 },
  { index: 1, instrumentId: CE_26500.id, side: 'BUY', quantity: 75, type: 'LIMIT', limitPrice: 30.5, attempts: 0, exitAttempts: 0 },
  { index: 2, instrumentId: PE_26000.id, side: 'SELL', quantity: 75, type: 'LIMIT', limitPrice: 110, attempts: 0, exitAttempts: 0 },
  { index: 3, instrumentId: CE_26000.id, side: 'SELL', quantity: 75, type: 'LIMIT', limitPrice: 120, attempts: 0, exitAttempts: 0 },
];

function structure(status: StructureStatus, policy: StructurePolicy, legs: Partial<StructureLegRecord>[] = []): StructureRecord {
  return {
    structureId: structureId('s-1'),
    intentId: intentId('s-1'),
    botId: botId('b'),
    kind: 'iron-condor',
    product: 'NRML',
    policy,
    status,
    marginBlocked: 0,
    legs: LEGS.map((l, i) => ({ ...l, ...legs[i] })),
    tsInit: 0,
    tsLast: 0,
  };
}

function working(status: OrderStatus, sentAt: number): OrderRecord {
  const order = { ...createOrder({ clientOrderId: clientOrderId(`o-${sentAt}`), instrumentId: CE_26000.id, side: 'SELL', type: 'MARKET', product: 'NRML', quantity: 75, tsInit: sentAt }), status };
  return { order, sentAt, reduceOnly: false };
}

function progress(s: StructureRecord, state: Partial<Omit<LegProgress, 'leg'>>[]): LegProgress[] {
  return s.legs.map((leg, i) => {
    const p = state[i] ?? {};
    const entryFilled = p.entryFilled ?? 0;
    const exitFilled = p.exitFilled ?? 0;
    return { leg, entryFilled, exitFilled, held: entryFilled - exitFilled, workingEntries: p.workingEntries ?? [], workingExits: p.workingExits ?? [] };
  });
}

const plan = (s: StructureRecord, state: Partial<Omit<LegProgress, 'leg'>>[], now = 1000, unwindRetries = 3) =>
  planStructure({ structure: s, progress: progress(s, state), now, tickSize: () => 0.05, unwindRetries });

describe('structure planner: entry is hedge-first', () => {
  it('sends only the BUY legs first', () => {
    expect(plan(structure('entering', COMPLETE), [])).toEqual([
      { kind: 'send-entry', legIndex: 0, quantity: 75, limitPrice: 35.5, retry: false },
      { kind: 'send-entry', legIndex: 1, quantity: 75, limitPrice: 30.5, retry: false },
    ]);
  });

  it('waits while a hedge is only partly filled, and sends no short', () => {
    const s = structure('entering', COMPLETE, [{ attempts: 1 }, { attempts: 1 }]);
    expect(plan(s, [{ entryFilled: 75 }, { entryFilled: 25, workingEntries: [working('partially-filled', 900)] }])).toEqual([]);
  });

  it('sends the SELL legs once every hedge is completely filled', () => {
    const s = structure('entering', COMPLETE, [{ attempts: 1 }, { attempts: 1 }]);
    expect(plan(s, [{ entryFilled: 75 }, { entryFilled: 75 }]).map((x) => x.kind === 'send-entry' && x.legIndex)).toEqual([2, 3]);
  });

  it('becomes open when every leg is filled', () => {
    const s = structure('entering', COMPLETE, [{ attempts: 1 }, { attempts: 1 }, { attempts: 1 }, { attempts: 1 }]);
    expect(plan(s, [{ entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75 }])).toEqual([{ kind: 'become', status: 'open', reason: 'every leg filled' }]);
  });

  it('cancels a leg still working after the leg timeout', () => {
    const s = structure('entering', COMPLETE, [{ attempts: 1 }]);
    const w = working('accepted', 0);
    expect(plan(s, [{ workingEntries: [w] }], 10_000)).toContainEqual({ kind: 'cancel', clientOrderId: w.order.clientOrderId });
    expect(plan(s, [{ workingEntries: [w] }], 9_999).filter((x) => x.kind === 'cancel')).toEqual([]);
  });

  it('complete policy: re-sends the unfilled rest at a chased price, within the retries', () => {
    const s = structure('entering', COMPLETE, [{ attempts: 1 }, { attempts: 1 }, { attempts: 2 }, { attempts: 1 }]);
    expect(plan(s, [{ entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 0 }, { entryFilled: 75 }])).toEqual([
      { kind: 'send-entry', legIndex: 2, quantity: 75, limitPrice: 109.8, retry: true },
    ]);
  });

  it('complete policy: unwinds once the retries are spent', () => {
    const s = structure('entering', COMPLETE, [{ attempts: 3 }]);
    expect(plan(s, [{ entryFilled: 25 }])).toEqual([{ kind: 'become', status: 'unwinding', reason: 'leg 0 still short of 50 after 3 attempt(s): unwinding the filled legs' }]);
  });

  it('completing a structure (a hedge found missing, recorded as exited): buys the hedge again before any short, and counts what is held', () => {
    const s = structure('entering', UNWIND, [{ attempts: 0 }, { attempts: 1 }, { attempts: 1 }, { attempts: 1 }]);
    const missingHedge = [{ entryFilled: 75, exitFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75 }];
    expect(plan(s, missingHedge)).toEqual([{ kind: 'send-entry', legIndex: 0, quantity: 75, limitPrice: 35.5, retry: false }]);
    const refilled = [{ entryFilled: 150, exitFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75 }];
    expect(plan(structure('entering', UNWIND, [{ attempts: 1 }, { attempts: 1 }, { attempts: 1 }, { attempts: 1 }]), refilled)).toEqual([{ kind: 'become', status: 'open', reason: 'every leg filled' }]);
  });

  it('unwind policy: unwinds at the first failure', () => {
    const s = structure('entering', UNWIND, [{ attempts: 1 }, { attempts: 1 }, { attempts: 1 }]);
    expect(plan(s, [{ entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 0 }])).toEqual([{ kind: 'become', status: 'unwinding', reason: 'leg 2 failed (75 unfilled): unwinding the filled legs' }]);
  });
});

describe('structure planner: closing is hedge-last', () => {
  it('cancels working entries before closing anything', () => {
    const w = working('accepted', 500);
    expect(plan(structure('unwinding', UNWIND), [{ entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 30, workingEntries: [w] }])).toEqual([{ kind: 'cancel', clientOrderId: w.order.clientOrderId }]);
  });

  it('buys back the shorts before any hedge is sold', () => {
    expect(plan(structure('unwinding', UNWIND), [{ entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 30 }, { entryFilled: 75 }])).toEqual([
      { kind: 'send-exit', legIndex: 2, quantity: 30, retry: false },
      { kind: 'send-exit', legIndex: 3, quantity: 75, retry: false },
    ]);
  });

  it('holds the hedges while a short buy-back is still working', () => {
    expect(plan(structure('exiting', UNWIND), [{ entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75, exitFilled: 75 }, { entryFilled: 75, exitFilled: 0, workingExits: [working('accepted', 900)] }])).toEqual([]);
  });

  it('sells the hedges once every short is flat, then reports unwound or closed', () => {
    const flatShorts = [{ entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75, exitFilled: 75 }, { entryFilled: 0 }];
    expect(plan(structure('unwinding', UNWIND), flatShorts).map((x) => x.kind === 'send-exit' && x.legIndex)).toEqual([0, 1]);
    const flat = [{ entryFilled: 75, exitFilled: 75 }, { entryFilled: 75, exitFilled: 75 }, { entryFilled: 75, exitFilled: 75 }, {}];
    expect(plan(structure('unwinding', UNWIND), flat)).toEqual([{ kind: 'become', status: 'unwound', reason: 'every leg flat' }]);
    expect(plan(structure('exiting', UNWIND), flat)).toEqual([{ kind: 'become', status: 'closed', reason: 'every leg flat' }]);
  });

  it('leaves an open structure alone while a leg is held, and closes it once the trader closed every leg on its own', () => {
    const oneLeft = [{ entryFilled: 75, exitFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75, exitFilled: 75 }, { entryFilled: 75, exitFilled: 75 }];
    expect(plan(structure('open', UNWIND), oneLeft)).toEqual([]);
    const closing = [{ entryFilled: 75, exitFilled: 75 }, { entryFilled: 75, exitFilled: 0, workingExits: [working('accepted', 900)] }, { entryFilled: 75, exitFilled: 75 }, { entryFilled: 75, exitFilled: 75 }];
    expect(plan(structure('open', UNWIND), closing)).toEqual([]);
    const flat = [{ entryFilled: 75, exitFilled: 75 }, { entryFilled: 75, exitFilled: 75 }, { entryFilled: 75, exitFilled: 75 }, { entryFilled: 75, exitFilled: 75 }];
    expect(plan(structure('open', UNWIND), flat)).toEqual([{ kind: 'become', status: 'exiting', reason: 'every leg closed on its own' }]);
  });

  it('declares the structure orphaned when a leg cannot be closed within the retries', () => {
    const s = structure('unwinding', UNWIND, [{}, {}, { exitAttempts: 3 }]);
    expect(plan(s, [{ entryFilled: 75 }, { entryFilled: 75 }, { entryFilled: 75 }])).toEqual([
      { kind: 'become', status: 'orphaned', reason: `could not close leg 2 after 3 attempt(s); still held: BUY 75 ${PE_25500.id}, BUY 75 ${CE_26500.id}, SELL 75 ${PE_26000.id}` },
    ]);
  });

  it('plans nothing for open, orphaned or finished structures', () => {
    for (const status of ['open', 'orphaned', 'closed', 'unwound', 'denied'] as const) expect(plan(structure(status, UNWIND), [{ entryFilled: 75 }])).toEqual([]);
  });
});

describe('chased price', () => {
  it('moves toward the market by whole ticks and stops at the band', () => {
    expect([1, 2, 3].map((r) => chasedPrice(110, 'SELL', r, 2, 5, 0.05))).toEqual([109.9, 109.8, 109.7]);
    expect([1, 2].map((r) => chasedPrice(30.5, 'BUY', r, 2, 5, 0.05))).toEqual([30.6, 30.7]);
    expect(chasedPrice(30.5, 'BUY', 50, 2, 5, 0.05)).toBe(32);
    expect(chasedPrice(110, 'SELL', 500, 2, 5, 0.05)).toBe(104.5);
    expect(chasedPrice(0.1, 'SELL', 5, 1, 100, 0.05)).toBe(0.05);
  });
});
