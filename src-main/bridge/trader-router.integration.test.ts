import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { botId, intentId } from '#model/ids';
import { TradingHarness } from '#engine/testing/trading-harness';
import { commands, type CommandName, type CommandOutput } from '#contract/channels';
import type { BridgeResult } from '#contract/dto';
import type { FindingDto, OrderDto, PositionsDto } from '#contract/trading-dto';
import { paperTrading } from '#engine/trading-wiring';
import { createRouter, type Router } from './router.ts';

const BOT = botId('volatility-expander');
let h: TradingHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Invokes like the UI, and checks a success against the command's output schema. */
async function invoke<C extends CommandName>(router: Router, channel: C, input: unknown): Promise<BridgeResult<CommandOutput<C>>> {
  const r = await h!.until(router.invoke(channel, input));
  if (r.ok) commands[channel].output.parse(r.value);
  return r as BridgeResult<CommandOutput<C>>;
}

function latest<T>(router: Router, stream: 'positions' | 'orders'): T {
  let got: unknown;
  const r = router.subscribe(stream, {}, { snapshot: (d) => (got = d), delta: () => undefined });
  if (!r.ok) throw new Error(r.error.message);
  r.value();
  return got as T;
}

describe("the trader's actions on the book, over the router on a real engine and SQLite file", () => {
  it('closes a loose position at market through risk, and says so when there is nothing left to close', async () => {
    h = await TradingHarness.open();
    const router = createRouter(h.engine, silentLogger());
    const ce = h.option(1, 'CE');
    await h.submit({ kind: 'place', intentId: intentId('buy-1'), botId: BOT, instrumentId: ce, side: 'BUY', quantity: 130, type: 'MARKET', product: 'NRML', reason: 'test' });
    expect(latest<PositionsDto>(router, 'positions').positions).toEqual([expect.objectContaining({ instrumentId: ce, netQuantity: 130 })]);

    const closed = await invoke(router, 'position:close', { botId: BOT, instrumentId: ce, product: 'NRML' });
    expect(closed.ok).toBe(true);
    await h.advance(2000);
    expect(latest<PositionsDto>(router, 'positions').positions).toEqual([]);
    const close = latest<OrderDto[]>(router, 'orders').find((o) => closed.ok && o.clientOrderId === closed.value.orders[0]);
    expect(close).toMatchObject({ side: 'SELL', quantity: 130, type: 'MARKET', reduceOnly: true, status: 'filled', botId: BOT });

    const again = await invoke(router, 'position:close', { botId: BOT, instrumentId: ce, product: 'NRML' });
    expect(!again.ok && again.error).toMatchObject({ kind: 'not-found', message: expect.stringContaining('holds no NRML position') });
    const audited = h.store.sqlite.prepare("SELECT actor FROM audit_log WHERE kind = 'trader:order'").all();
    expect(audited).toEqual([{ actor: 'trader' }]);
  });

  it("draws a structure's payoff and shock table from the engine's valuation, then exits the structure hedge-last", async () => {
    h = await TradingHarness.open();
    const router = createRouter(h.engine, silentLogger());
    await h.submit(h.ironCondor());
    await h.advance(2000);
    const view = latest<PositionsDto>(router, 'positions');
    const condor = view.structures.find((s) => s.structureId === 'condor-1')!;
    expect(condor.status).toBe('open');

    const p = await invoke(router, 'structure:payoff', { structureId: 'condor-1' });
    if (!p.ok) throw new Error(p.error.message);
    const { points, breakevens, shock, spot } = p.value;
    expect(points.length).toBeGreaterThan(50);
    // An iron condor: a flat top between the short strikes, capped losses beyond the wings, two breakevens.
    expect(breakevens).toHaveLength(2);
    expect(breakevens[0]!).toBeLessThan(spot);
    expect(breakevens[1]!).toBeGreaterThan(spot);
    const worst = Math.min(...points.map((x) => x.atExpiry));
    expect(points[0]!.atExpiry).toBeCloseTo(worst, 0);
    expect(points.at(-1)!.atExpiry).toBeCloseTo(points.at(-2)!.atExpiry, 6);
    // T+0 at today's spot is the P&L the positions view marks.
    const mid = points.reduce((b, x) => (Math.abs(x.spot - spot) < Math.abs(b.spot - spot) ? x : b));
    expect(mid.now).toBeCloseTo(condor.unrealizedPnl!, -1);
    expect(shock.spotPcts).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    expect(shock.pnl[3]![1]).toBeCloseTo(0, 6);

    const book = await invoke(router, 'risk:shock', {});
    expect(book.ok && book.value.pnl[0]![1]).toBeCloseTo(shock.pnl[0]![1]!, 6);

    const stream: PositionsDto[] = [];
    const sub = router.subscribe('positions', {}, { snapshot: () => undefined, delta: (d) => stream.push(d as PositionsDto) });
    if (!sub.ok) throw new Error(sub.error.message);
    h.engine.core.heartbeat(); // the engine's once-a-second beat (the harness's clock runs no engine timers)
    const exit = await invoke(router, 'structure:close', { structureId: 'condor-1' });
    expect(exit.ok).toBe(true);
    await h.advance(5000);
    expect(latest<PositionsDto>(router, 'positions').positions).toEqual([]);
    // The last fill is published while the structure is still exiting; the engine second's heartbeat
    // publishes the closed book once more, so no structure is left showing as exiting.
    h.engine.core.heartbeat();
    expect(stream.at(-1)).toMatchObject({ positions: [], structures: [] });
    sub.value();
    const exits = latest<OrderDto[]>(router, 'orders').filter((o) => o.structure?.role === 'exit');
    expect(exits.map((o) => o.side)).toEqual(['BUY', 'BUY', 'SELL', 'SELL']);
    const twice = await invoke(router, 'structure:close', { structureId: 'condor-1' });
    expect(!twice.ok && twice.error.kind).toBe('invalid-state');
    const none = await invoke(router, 'structure:payoff', { structureId: 'condor-1' });
    expect(!none.ok && none.error.kind).toBe('not-found');
  });

  it("draws one position's payoff and the whole book's on an underlying, T+0 at spot equal to the marked P&L", async () => {
    h = await TradingHarness.open();
    const router = createRouter(h.engine, silentLogger());
    await h.submit(h.ironCondor());
    const ce = h.option(1, 'CE');
    await h.submit({ kind: 'place', intentId: intentId('buy-1'), botId: BOT, instrumentId: ce, side: 'BUY', quantity: 130, type: 'MARKET', product: 'NRML', reason: 'test' });
    await h.advance(2000);
    const view = latest<PositionsDto>(router, 'positions');
    const loose = view.positions.find((x) => x.instrumentId === ce && x.structureId === undefined)!;
    const condor = view.structures.find((s) => s.structureId === 'condor-1')!;
    const atSpot = (points: readonly { spot: number; now: number }[], spot: number) => points.reduce((b, x) => (Math.abs(x.spot - spot) < Math.abs(b.spot - spot) ? x : b));

    const one = await invoke(router, 'book:payoff', { kind: 'position', botId: BOT, instrumentId: ce, product: 'NRML' });
    if (!one.ok) throw new Error(one.error.message);
    // A long call: the loss at expiry is the premium paid, on the left; one breakevens above the strike.
    expect(one.value.points[0]!.atExpiry).toBeCloseTo(-loose.avgPrice * 130, 0);
    expect(one.value.breakevens).toHaveLength(1);
    expect(atSpot(one.value.points, one.value.spot).now).toBeCloseTo(loose.unrealizedPnl!, -1);
    expect(one.value.underlyings).toEqual(['NIFTY']);

    const all = await invoke(router, 'book:payoff', { kind: 'portfolio' });
    if (!all.ok) throw new Error(all.error.message);
    expect(atSpot(all.value.points, all.value.spot).now).toBeCloseTo(loose.unrealizedPnl! + condor.unrealizedPnl!, -1);
    expect(all.value).toMatchObject({ underlying: 'NIFTY', underlyings: ['NIFTY'] });
    expect(all.value.shock.pnl[3]![1]).toBeCloseTo(0, 6);

    const none = await invoke(router, 'book:payoff', { kind: 'portfolio', underlying: 'BANKNIFTY' });
    expect(!none.ok && none.error).toMatchObject({ kind: 'not-found', message: 'the book holds nothing on BANKNIFTY' });
    const bad = await router.invoke('book:payoff', { kind: 'portfolio', underlying: 'nifty; drop' });
    expect(!bad.ok && bad.error.kind).toBe('invalid-input');
  });

  it('closes single legs of a structure through risk, shorts before their hedges, and the structure says so until it closes', async () => {
    h = await TradingHarness.open();
    const router = createRouter(h.engine, silentLogger());
    await h.submit(h.ironCondor());
    await h.advance(2000);
    const condor = () => latest<PositionsDto>(router, 'positions').structures.find((s) => s.structureId === 'condor-1');
    const legOf = (side: 'BUY' | 'SELL', right: 'CE' | 'PE') => condor()!.legs.find((l) => l.side === side && l.instrumentId.endsWith(right))!;
    const shortCe = legOf('SELL', 'CE');
    const hedgeCe = legOf('BUY', 'CE');

    const naked = await invoke(router, 'structure:close-leg', { structureId: 'condor-1', legIndex: hedgeCe.index });
    expect(!naked.ok && naked.error).toMatchObject({ kind: 'invalid-state', message: expect.stringContaining('would leave them naked') });

    const closed = await invoke(router, 'structure:close-leg', { structureId: 'condor-1', legIndex: shortCe.index });
    expect(closed.ok).toBe(true);
    await h.advance(2000);
    expect(condor()).toMatchObject({ status: 'open', reason: expect.stringContaining(`leg ${shortCe.index} (SELL ${shortCe.instrumentId}) closed`) });
    expect(legOf('SELL', 'CE').held).toBe(0);
    expect(latest<PositionsDto>(router, 'positions').positions.map((p) => p.instrumentId)).not.toContain(shortCe.instrumentId);
    const exit = latest<OrderDto[]>(router, 'orders').find((o) => closed.ok && o.clientOrderId === closed.value.orders[0]);
    expect(exit).toMatchObject({ side: 'BUY', quantity: 65, type: 'MARKET', reduceOnly: true, status: 'filled', structure: { role: 'exit', legIndex: shortCe.index } });
    const again = await invoke(router, 'structure:close-leg', { structureId: 'condor-1', legIndex: shortCe.index });
    expect(!again.ok && again.error.message).toContain('holds nothing to close');

    // The rest one by one: the put short, then both hedges; with nothing left the structure closes.
    for (const leg of [legOf('SELL', 'PE'), hedgeCe, legOf('BUY', 'PE')]) {
      const r = await invoke(router, 'structure:close-leg', { structureId: 'condor-1', legIndex: leg.index });
      expect(r.ok ? 'ok' : r.error.message).toBe('ok');
      await h.advance(2000);
    }
    h.engine.core.heartbeat();
    expect(condor()).toBeUndefined();
    expect(latest<PositionsDto>(router, 'positions').positions).toEqual([]);
    const audited = h.store.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'trader:order'").get() as { n: number };
    // Every attempt is audited as the trader's, refused ones too: two refusals and four closes.
    expect(audited.n).toBe(6);
  });

  it('modifies and cancels a working limit order; a finished one is refused with its state', async () => {
    h = await TradingHarness.open();
    const router = createRouter(h.engine, silentLogger());
    const ce = h.option(2, 'CE');
    await h.submit({ kind: 'place', intentId: intentId('buy-1'), botId: BOT, instrumentId: ce, side: 'BUY', quantity: 65, type: 'MARKET', product: 'NRML', reason: 'test' });
    const mark = latest<PositionsDto>(router, 'positions').positions[0]!.avgPrice;
    const limit = Math.round(mark * 0.9 * 20) / 20;
    await h.submit({ kind: 'place', intentId: intentId('rest-1'), botId: BOT, instrumentId: ce, side: 'BUY', quantity: 65, type: 'LIMIT', limitPrice: limit, product: 'NRML', reason: 'test' });
    const resting = latest<OrderDto[]>(router, 'orders').find((o) => o.intentId === 'rest-1')!;
    expect(resting.status).toBe('accepted');

    const lower = Math.round(mark * 0.85 * 20) / 20;
    const modified = await invoke(router, 'order:modify', { clientOrderId: resting.clientOrderId, limitPrice: lower });
    if (!modified.ok) throw new Error(modified.error.message);
    expect(modified.ok).toBe(true);
    await h.advance(1000);
    expect(latest<OrderDto[]>(router, 'orders').find((o) => o.clientOrderId === resting.clientOrderId)).toMatchObject({ limitPrice: lower, status: 'accepted' });

    const nothing = await invoke(router, 'order:modify', { clientOrderId: resting.clientOrderId });
    expect(!nothing.ok && nothing.error).toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('give a new quantity') });

    const cancelled = await invoke(router, 'order:cancel', { clientOrderId: resting.clientOrderId });
    expect(cancelled.ok).toBe(true);
    await h.advance(1000);
    expect(latest<OrderDto[]>(router, 'orders').find((o) => o.clientOrderId === resting.clientOrderId)!.status).toBe('cancelled');
    const again = await invoke(router, 'order:cancel', { clientOrderId: resting.clientOrderId });
    expect(!again.ok && again.error).toMatchObject({ kind: 'invalid-state', message: expect.stringContaining('is cancelled') });
    // The order history's transitions come from the engine's event log, the modification's prices included.
    const steps = await invoke(router, 'order:steps', { clientOrderId: resting.clientOrderId });
    if (!steps.ok) throw new Error(steps.error.message);
    expect(steps.value.map((x) => x.kind)).toEqual(['initialized', 'submitted', 'accepted', 'update-requested', 'updated', 'cancel-requested', 'cancelled']);
    expect(steps.value[0]!.detail).toBe(`BUY 65 LIMIT @ ${limit.toFixed(2)}`);
    expect(steps.value[4]!.detail).toBe(`limit ${lower.toFixed(2)}`);
    const unknown = await invoke(router, 'order:cancel', { clientOrderId: 'no-such-order' });
    expect(!unknown.ok && unknown.error.kind).toBe('not-found');
  });

  it("shows a reconciliation finding with its repairs and carries out the one the trader picks", async () => {
    let paper: ReturnType<ReturnType<typeof paperTrading>['broker']>['broker'] | undefined;
    h = await TradingHarness.open({
      trading: (clock, config) => {
        const base = paperTrading(config, clock, 's1', true);
        return {
          ...base,
          broker: (parts) => {
            const built = base.broker(parts);
            paper = built.broker;
            return built;
          },
        };
      },
    });
    const router = createRouter(h.engine, silentLogger());
    const findings: FindingDto[] = [];
    const sub = router.subscribe('findings', {}, { snapshot: () => undefined, delta: (d) => findings.push(d as FindingDto) });
    if (!sub.ok) throw new Error(sub.error.message);
    // An order placed at the broker behind the terminal's back: no order of the store claims it.
    const placed = await h.until(paper!.place({ strategy: 'terminal', instrumentId: h.option(2, 'CE'), side: 'BUY', quantity: 65, type: 'MARKET', product: 'NRML' }));
    expect(placed.ok).toBe(true);
    await h.advance(6000);
    await h.until(h.engine.core.recovered());
    await h.until(h.engine.core.recovered());
    const raised = findings.find((f) => f.kind === 'unknown-broker-order' && f.status === 'open');
    expect(raised).toMatchObject({ source: 'reconciliation' });
    expect(raised!.repairs!.map((r) => r.id)).toContain('adopt-trader');
    expect(raised!.repairs!.every((r) => (r.description ?? '').length > 0)).toBe(true);

    const r = await invoke(router, 'finding:repair', { findingId: raised!.findingId, repairId: 'adopt-trader' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.some((f) => f.findingId === raised!.findingId)).toBe(false);
    const audited = h.store.sqlite.prepare("SELECT actor FROM audit_log WHERE kind = 'repair'").all();
    expect(audited).toEqual([{ actor: 'trader' }]);
    sub.value();
  });

  it('refuses a repair of a finding that is not open', async () => {
    h = await TradingHarness.open();
    const router = createRouter(h.engine, silentLogger());
    const r = await invoke(router, 'finding:repair', { findingId: 'f-404', repairId: 'flatten' });
    expect(!r.ok && r.error).toMatchObject({ kind: 'invalid-state', message: expect.stringContaining('no open reconciliation finding f-404') });
  });
});
