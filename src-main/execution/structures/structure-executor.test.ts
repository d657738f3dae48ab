import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '#core/clock';
import { botId, intentId, structureId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { StructureLegSpec, StructurePolicy } from '#model/structure';
import { OrderManager } from '../order-manager.ts';
import type { QuoteSource } from '../quotes.ts';
import { ExecutionHarness } from '../testing/execution-harness.ts';
import { FaultyBroker } from '../testing/faulty-broker.ts';
import { CE_26000, CE_26500, PE_25500, PE_26000 } from '../testing/fixtures.ts';
import { rejectStructuresWith, type RecordingGate } from '../testing/risk-gates.ts';

const BOT = botId('bot-s');
const COMPLETE: StructurePolicy = { kind: 'complete', maxRetries: 2, chaseStepTicks: 2, chaseBandPct: 5, legTimeoutMs: 5000 };
const UNWIND: StructurePolicy = { kind: 'unwind', legTimeoutMs: 5000 };
const leg = (instrumentId: StructureLegSpec['instrumentId'], side: 'BUY' | 'SELL', extra: Partial<StructureLegSpec> = {}): StructureLegSpec => ({ instrumentId, side, quantity: 75, type: 'MARKET', ...extra });
/** Listed shorts first on purpose: the executor must reorder them hedge-first. */
const CONDOR = [leg(PE_26000.id, 'SELL'), leg(CE_26000.id, 'SELL'), leg(PE_25500.id, 'BUY'), leg(CE_26500.id, 'BUY')];

let n = 0;
const enter = (legs: StructureLegSpec[], policy: StructurePolicy): Intent => ({
  kind: 'enter-structure',
  intentId: intentId(`st-${++n}`),
  botId: BOT,
  structure: 'iron-condor',
  product: 'NRML',
  legs,
  policy,
  reason: 'test',
});

let h: ExecutionHarness;
let f: FaultyBroker;
/** At each place: what it was, and what the structure's orders looked like then. */
let sends: { what: string; filled: Record<string, number>; marginBlocked: number }[];
afterEach(() => h?.close());

function setup(options: ConstructorParameters<typeof ExecutionHarness>[0] = {}): void {
  sends = [];
  h = new ExecutionHarness({
    ...options,
    wrap: (p) => {
      f = new FaultyBroker(p);
      const inner = f.place.bind(f);
      f.place = (req) => {
        const filled: Record<string, number> = {};
        for (const o of h.manager.orders()) filled[`${o.order.side} ${o.order.instrumentId}`] = (filled[`${o.order.side} ${o.order.instrumentId}`] ?? 0) + o.order.filledQuantity;
        sends.push({ what: `${req.side} ${req.quantity} ${req.instrumentId}${req.limitPrice !== undefined ? ` @${req.limitPrice}` : ''}`, filled, marginBlocked: h.manager.marginBlocked() });
        return inner(req);
      };
      return f;
    },
  });
}

async function entered(intent: Intent) {
  const r = await h.manager.submit(intent);
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  await h.flush();
  return structureId(r.value.structureId!);
}

const held = () => Object.fromEntries(h.manager.positions.byBot(BOT).map((p) => [p.position.instrumentId, p.position.netQuantity]));

describe('multi-leg structures', () => {
  it('enters hedge-first: wings bought and filled before either short is sent; margin blocked only while legging', async () => {
    setup();
    const id = await entered(enter(CONDOR, UNWIND));
    expect(sends.map((s) => s.what)).toEqual([`BUY 75 ${PE_25500.id}`, `BUY 75 ${CE_26500.id}`, `SELL 75 ${PE_26000.id}`, `SELL 75 ${CE_26000.id}`]);
    expect(sends[2]!.filled).toMatchObject({ [`BUY ${PE_25500.id}`]: 75, [`BUY ${CE_26500.id}`]: 75 });
    expect(sends.every((s) => s.marginBlocked > 0)).toBe(true);
    expect(h.manager.structure(id)).toMatchObject({ status: 'open', marginBlocked: 0 });
    expect(held()).toEqual({ [PE_25500.id]: 75, [CE_26500.id]: 75, [PE_26000.id]: -75, [CE_26000.id]: -75 });
    expect((h.risk as RecordingGate).structures).toHaveLength(1);
  });

  it('is refused as a whole by the structure check: nothing is sent', async () => {
    setup({ risk: rejectStructuresWith('greeks') });
    const r = await h.manager.submit(enter(CONDOR, UNWIND));
    expect(!r.ok && r.error).toMatchObject({ kind: 'risk-denied', rejection: { check: 'greeks' } });
    expect(h.manager.structures()).toMatchObject([{ status: 'denied', marginBlocked: 0 }]);
    expect(f.calls.place).toBe(0);
  });

  it('complete policy: a rejected short is re-sent at a chased price, within the band', async () => {
    setup();
    const legs = [leg(PE_26000.id, 'SELL', { type: 'LIMIT', limitPrice: 110 }), leg(PE_25500.id, 'BUY')];
    f.placeFaults.push('none', 'reject');
    await h.manager.submit(enter(legs, COMPLETE));
    await h.advance(1000);
    expect(sends.map((s) => s.what)).toEqual([`BUY 75 ${PE_25500.id}`, `SELL 75 ${PE_26000.id} @110`, `SELL 75 ${PE_26000.id} @109.9`]);
    expect(h.manager.structures()[0]).toMatchObject({ status: 'open', legs: [{ attempts: 2 }, { attempts: 1 }] });
  });

  it('a stopped order path plans nothing more: a retry whose timer fires after the stop neither writes nor sends', async () => {
    setup();
    f.placeFaults.push('none', 'reject');
    await h.manager.submit(enter([leg(PE_25500.id, 'BUY'), leg(PE_26000.id, 'SELL')], COMPLETE));
    await h.advance(100);
    expect(sends.map((s) => s.what)).toEqual([`BUY 75 ${PE_25500.id}`, `SELL 75 ${PE_26000.id}`]);
    const orders = h.manager.orders().length;
    h.manager.stop();
    await h.manager.settled();
    await h.advance(2000);
    expect(sends).toHaveLength(2);
    expect(h.manager.orders()).toHaveLength(orders);
  });

  it('complete policy: once the retries are spent it unwinds what filled', async () => {
    setup();
    f.placeFaults.push('none', 'reject', 'reject', 'reject');
    await h.manager.submit(enter([leg(PE_25500.id, 'BUY'), leg(PE_26000.id, 'SELL')], COMPLETE));
    await h.advance(3000);
    expect(sends.map((s) => s.what)).toEqual([`BUY 75 ${PE_25500.id}`, `SELL 75 ${PE_26000.id}`, `SELL 75 ${PE_26000.id}`, `SELL 75 ${PE_26000.id}`, `SELL 75 ${PE_25500.id}`]);
    expect(h.manager.structures()[0]).toMatchObject({ status: 'unwound', marginBlocked: 0 });
    expect(held()).toEqual({ [PE_25500.id]: 0 });
  });

  it('unwind policy: a rejected short unwinds at once, buying back the filled short before selling the wings', async () => {
    setup();
    h.quotes.set({ ...h.quotes.quote(CE_26000.id)!, bidQty: 0 });
    const pending = h.manager.submit(enter(CONDOR, UNWIND));
    await h.flush();
    await pending;
    // CE short rests (no bid size); it is cancelled at the leg timeout: a failed leg with nothing filled
    await h.advance(6000);
    const after = sends.slice(4).map((s) => s.what);
    expect(after).toEqual([`BUY 75 ${PE_26000.id}`, `SELL 75 ${PE_25500.id}`, `SELL 75 ${CE_26500.id}`]);
    expect(h.manager.structures()[0]?.status).toBe('unwound');
    expect(Object.values(held()).every((q) => q === 0)).toBe(true);
  });

  it.each([COMPLETE, UNWIND])('a leg partially filled then cancelled at its timeout ($kind policy)', async (policy) => {
    {
      setup();
      h.quotes.set({ ...h.quotes.quote(PE_26000.id)!, bidQty: 75 });
      const pending = h.manager.submit(enter([leg(PE_25500.id, 'BUY', { quantity: 150 }), leg(PE_26000.id, 'SELL', { quantity: 150 })], policy));
      await h.flush();
      await pending;
      const shortOrder = h.manager.orders().find((o) => o.order.side === 'SELL')!;
      expect(shortOrder.order).toMatchObject({ status: 'partially-filled', filledQuantity: 75 });
      await h.advance(5500);
      expect(h.manager.order(shortOrder.order.clientOrderId)?.order).toMatchObject({ status: 'cancelled', filledQuantity: 75 });
      h.quotes.set({ ...h.quotes.quote(PE_26000.id)!, bidQty: 1000 });
      await h.advance(2000);
      if (policy.kind === 'complete') {
        expect(h.manager.structures()[0]?.status).toBe('open');
        expect(held()).toEqual({ [PE_25500.id]: 150, [PE_26000.id]: -150 });
      } else {
        expect(h.manager.structures()[0]?.status).toBe('unwound');
        expect(sends.slice(2).map((s) => s.what)).toEqual([`BUY 75 ${PE_26000.id}`, `SELL 150 ${PE_25500.id}`]);
      }
    }
  });

  it('unwind fails: the structure is loudly orphaned, the bot blocked, and the hedge kept', async () => {
    setup();
    h.quotes.set({ ...h.quotes.quote(CE_26000.id)!, bidQty: 0 });
    const pending = h.manager.submit(enter(CONDOR, UNWIND));
    await h.flush();
    await pending;
    f.placeFaults.push('reject', 'reject', 'reject');
    await h.advance(8000);
    const s = h.manager.structures()[0]!;
    expect(s.status).toBe('orphaned');
    const [finding] = h.manager.findings.open();
    expect(finding).toMatchObject({ kind: 'orphaned-structure', severity: 'critical', blocking: true, botId: BOT, subject: s.structureId });
    expect(finding?.message).toMatch(/naked short/);
    expect(held()).toMatchObject({ [PE_25500.id]: 75, [CE_26500.id]: 75, [PE_26000.id]: -75 });
    expect(sends.slice(4).map((x) => x.what)).toEqual([`BUY 75 ${PE_26000.id}`, `BUY 75 ${PE_26000.id}`, `BUY 75 ${PE_26000.id}`]);
    expect(h.manager.isBotBlocked(BOT)).toBe(true);

    expect(h.manager.retryStructure(s.structureId).ok).toBe(true);
    await h.advance(3000);
    expect(h.manager.structures()[0]?.status).toBe('unwound');
    expect(Object.values(held()).every((q) => q === 0)).toBe(true);
    expect(h.manager.isBotBlocked(BOT)).toBe(true);
  });

  it('exits an open structure hedge-last: shorts bought back, then wings sold', async () => {
    setup();
    const id = await entered(enter(CONDOR, UNWIND));
    const r = await h.manager.submit({ kind: 'exit-structure', intentId: intentId('x-1'), botId: BOT, structureId: id, reason: 'target' });
    expect(r.ok).toBe(true);
    await h.flush();
    expect(sends.slice(4).map((s) => s.what)).toEqual([`BUY 75 ${PE_26000.id}`, `BUY 75 ${CE_26000.id}`, `SELL 75 ${PE_25500.id}`, `SELL 75 ${CE_26500.id}`]);
    expect(sends[6]!.filled).toMatchObject({ [`BUY ${PE_26000.id}`]: 75, [`BUY ${CE_26000.id}`]: 75 });
    expect(h.manager.structure(id)?.status).toBe('closed');
    expect(h.manager.orders().filter((o) => o.link?.role === 'exit').every((o) => o.reduceOnly)).toBe(true);
  });

  it('flatten exits the bot’s structures through their own hedge-last path', async () => {
    setup();
    const id = await entered(enter(CONDOR, UNWIND));
    await h.manager.submit({ kind: 'flatten', intentId: intentId('fl-1'), botId: BOT, reason: 'day end' });
    await h.flush();
    expect(h.manager.structure(id)?.status).toBe('closed');
    expect(Object.values(held()).every((q) => q === 0)).toBe(true);
    expect(sends.length).toBe(8);
  });

  it('a retry is sent even when its timer fires a moment before the clock reaches the retry instant (wall-clock timers do)', async () => {
    setup();
    h.manager.stop();
    // Node's setTimeout may fire a millisecond before Date.now() reads the instant it was set for (found by the soak, seed 300).
    const early: Clock = { now: () => h.clock.now(), setTimer: (at, fn) => h.clock.setTimer(at - 1, fn), setInterval: (p, fn) => h.clock.setInterval(p, fn) };
    const m = OrderManager.open({ clock: early, broker: h.broker, risk: h.risk, instruments: h.instruments, quotes: h.quotes, store: h.store, session: 's3', structureMargin: () => 0 });
    m.start();
    try {
      f.placeFaults.push('none', 'reject');
      await m.submit(enter([leg(PE_25500.id, 'BUY'), leg(PE_26000.id, 'SELL')], COMPLETE));
      // Millisecond steps: the re-plan runs at the instant the timer fired, as it does on a wall clock.
      await h.advance(600, 1);
      await h.advance(1400);
      expect(sends.map((s) => s.what)).toEqual([`BUY 75 ${PE_25500.id}`, `SELL 75 ${PE_26000.id}`, `SELL 75 ${PE_26000.id}`]);
      expect(m.structures()[0]?.status).toBe('open');
    } finally {
      m.stop();
    }
  });

  /** A restart whose new manager sees no quote for `ids` until they are cleared (the engine resumes before its feed quotes held legs). */
  async function restartedUnquoted(ids: readonly string[]): Promise<{ m: OrderManager; unquoted: Set<string> }> {
    await h.reopen();
    h.manager.stop();
    const unquoted = new Set<string>(ids);
    const quotes: QuoteSource = { quote: (i) => (unquoted.has(i) ? undefined : h.quotes.quote(i)), onQuote: (fn) => h.quotes.onQuote(fn) };
    const m = OrderManager.open({ clock: h.clock, broker: h.broker, risk: h.risk, instruments: h.instruments, quotes, store: h.store, session: 's3', structureMargin: () => 0 });
    m.start();
    m.resume();
    return { m, unquoted };
  }

  it('a leg not quoted yet (the feed after a restart) waits for its quote instead of spending its attempts', async () => {
    setup();
    const id = await entered(enter(CONDOR, UNWIND));
    // Found by the soak (seed 200): an exit, or a structure legging in, burnt its attempts in the moment before the quotes came.
    const { m, unquoted } = await restartedUnquoted([PE_26000.id, CE_26000.id]);
    try {
      expect((await m.submit({ kind: 'exit-structure', intentId: intentId('x-q'), botId: BOT, structureId: id, reason: 'target' })).ok).toBe(true);
      await h.advance(2000);
      expect(m.structure(id)).toMatchObject({ status: 'exiting', legs: CONDOR.map(() => ({ exitAttempts: 0 })) });
      expect(sends.slice(4)).toEqual([]);
      unquoted.clear();
      await h.advance(1000);
      expect(m.structure(id)?.status).toBe('closed');
      expect(m.findings.open()).toEqual([]);
      expect(sends.slice(4).map((s) => s.what)).toEqual([`BUY 75 ${PE_26000.id}`, `BUY 75 ${CE_26000.id}`, `SELL 75 ${PE_25500.id}`, `SELL 75 ${CE_26500.id}`]);
    } finally {
      m.stop();
    }
  });

  it('a leg that stays unquoted past its timeout fails as before: the structure is orphaned and the trader told', async () => {
    setup();
    const id = await entered(enter(CONDOR, UNWIND));
    const { m } = await restartedUnquoted([PE_26000.id]);
    try {
      await m.submit({ kind: 'exit-structure', intentId: intentId('x-q2'), botId: BOT, structureId: id, reason: 'target' });
      await h.advance(4500);
      expect(m.structure(id)?.status).toBe('exiting');
      await h.advance(3000);
      expect(m.structure(id)?.status).toBe('orphaned');
      expect(m.findings.open()).toMatchObject([{ kind: 'orphaned-structure', subject: id }]);
    } finally {
      m.stop();
    }
  });

  it('is persisted and rebuilt, and carries on after a restart mid-legging', async () => {
    setup();
    f.hold();
    void h.manager.submit(enter(CONDOR, COMPLETE));
    await h.flush();
    expect(h.manager.orders().map((o) => o.order.status)).toEqual(['submitted', 'initialized']);
    const before = h.manager.structures();
    const m = await h.reopen();
    f.abandonHeld();
    expect(m.structures()).toEqual(before);
    m.resume();
    await h.advance(32_000);
    expect(m.structures()[0]).toMatchObject({ status: 'open', legs: [{ attempts: 1 }, { attempts: 1 }, { attempts: 2 }, { attempts: 2 }] });
    expect(m.orders().slice(0, 2).map((o) => o.order.status)).toEqual(['rejected', 'denied']);
    expect(sends[0]!.what).toBe(`BUY 75 ${PE_25500.id}`);
    expect(held()).toEqual({ [PE_25500.id]: 75, [CE_26500.id]: 75, [PE_26000.id]: -75, [CE_26000.id]: -75 });
  });
});
