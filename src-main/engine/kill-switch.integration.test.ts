import { afterEach, describe, expect, it } from 'vitest';
import type { TradingState } from '#risk/ports';
import { botId, intentId } from '#model/ids';
import { CONDOR_BOT, TradingHarness } from './testing/trading-harness.ts';

let h: TradingHarness | undefined;
const OTHER_BOT = botId('volatility-expander');
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const audit = (kind: string): { actor: string; payload: string }[] =>
  h!.store.sqlite.prepare('SELECT actor, payload FROM audit_log WHERE kind = ? ORDER BY seq').all(kind) as { actor: string; payload: string }[];

/** A straddle and an iron condor, both filled, plus a resting limit order of the straddle bot. */
async function openBook(): Promise<void> {
  h = await TradingHarness.open();
  await h.submit(h.straddle());
  await h.submit(h.ironCondor());
  const ce = h.option(0, 'CE');
  const mark = h.engine.trading.positions().positions.find((p) => p.instrumentId === ce)!.mark!;
  const below = Math.round(mark * 0.8 * 20) / 20;
  await h.submit({ kind: 'place', intentId: intentId('resting-1'), botId: OTHER_BOT, instrumentId: ce, side: 'BUY', quantity: 65, type: 'LIMIT', limitPrice: below, product: 'NRML', reason: 'a fifth below the market: rests' });
  const t = h.engine.trading;
  expect(t.positions().positions.filter((p) => p.netQuantity !== 0)).toHaveLength(6);
  expect(t.orders().filter((r) => r.order.status === 'accepted')).toHaveLength(1);
  // Past the order-rate window of the entries (10 orders a second), as a real press would be.
  await h.advance(2000);
}

async function expectFlatAfterKill(stateBefore: TradingState): Promise<void> {
  const t = h!.engine.trading;
  expect(t.risk().state.state).toBe(stateBefore);
  const report = await h!.until(t.kill('button'));
  expect(report).toMatchObject({ flat: true, joined: false, state: 'halted', cancelled: 1, structuresClosed: 2, left: [] });
  // "Flat in under a second" on the engine clock; the wall time is measured by `npm run bench execution`.
  expect(report.engineMs).toBeLessThan(1000);
  expect(t.positions().positions).toEqual([]);
  expect(t.orders().every((r) => ['filled', 'cancelled', 'denied', 'rejected'].includes(r.order.status))).toBe(true);
  expect(t.risk().state).toMatchObject({ state: 'halted' });
  expect(h!.engine.core.manager.structures().map((s) => s.status)).toEqual(['closed', 'closed']);
}

describe('kill switch against the paper broker in simulation', () => {
  it('from active: cancels, closes a straddle and an iron condor hedge last, stops the bots, halts, in under 1 s of engine time', async () => {
    await openBook();
    await expectFlatAfterKill('active');
    const t = h!.engine.trading;
    // Hedge last: every short of the condor is bought back before either wing is sold.
    const condorFills = t.fills().filter((f) => t.ownerOf(f.clientOrderId) === CONDOR_BOT);
    const closes = condorFills.slice(4);
    expect(closes.map((f) => f.side)).toEqual(['BUY', 'BUY', 'SELL', 'SELL']);
    expect(audit('kill')[0]).toMatchObject({ actor: 'trader' });
    expect(JSON.parse(audit('kill')[0]!.payload)).toMatchObject({ source: 'button', stateBefore: 'active' });
  });

  it('from reducing', async () => {
    await openBook();
    h!.engine.core.ledger.restrict('reducing', 'trader restricts', h!.clock.now());
    await expectFlatAfterKill('reducing');
  });

  it('from halted (the halt lets only the kill switch close)', async () => {
    await openBook();
    h!.engine.core.ledger.restrict('halted', 'trader halts', h!.clock.now());
    await expectFlatAfterKill('halted');
  });

  it('closes the positions of a bot blocked by an open finding, which may not trade otherwise', async () => {
    await openBook();
    const manager = h!.engine.core.manager;
    manager.findings.raise({ kind: 'ambiguous-outcome', severity: 'critical', botId: CONDOR_BOT, subject: 'test', message: 'blocked for the test', blocking: true });
    const refused = await manager.submit({ kind: 'flatten', intentId: intentId('blocked-flatten'), botId: CONDOR_BOT, reason: 'the bot itself may not' });
    expect(!refused.ok && refused.error.kind).toBe('bot-blocked');
    await expectFlatAfterKill('active');
  });

  it('is idempotent: a second press joins the first, a press on a flat book sends nothing', async () => {
    await openBook();
    const t = h!.engine.trading;
    const first = t.kill('button');
    const second = t.kill('shortcut');
    const [a, b] = await h!.until(Promise.all([first, second]));
    expect(a.joined).toBe(false);
    expect(b).toMatchObject({ joined: true, flat: true, closeOrders: a.closeOrders });
    const orders = t.orders().length;
    const again = await h!.until(t.kill('http-api'));
    expect(again).toMatchObject({ flat: true, joined: false, cancelled: 0, closeOrders: 0, structuresClosed: 0 });
    expect(t.orders()).toHaveLength(orders);
    expect(audit('kill').filter((e) => !JSON.parse(e.payload).done)).toHaveLength(3);
  });

  it('keeps anything from opening while halted: an entry after the kill is recorded as denied by the trading state', async () => {
    await openBook();
    const t = h!.engine.trading;
    await h!.until(t.kill('button'));
    const r = await h!.until(t.submit(h!.straddle('straddle-after-kill')));
    expect(!r.ok && r.error.kind).toBe('risk-denied');
    expect(!r.ok && r.error.message).toMatch(/trading-state/);
    const denied = h!.engine.core.manager.structures().find((s) => s.structureId === 'straddle-after-kill');
    expect(denied).toMatchObject({ status: 'denied', reason: expect.stringMatching(/^risk trading-state/) });
  });
});
