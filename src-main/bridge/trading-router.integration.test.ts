import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { silentLogger } from '#core/log';
import { botId, intentId } from '#model/ids';
import { TradingHarness } from '#engine/testing/trading-harness';
import { streams } from '#contract/channels';
import { killReportDto, riskDto, type OrderDto, type PositionsDto, type RiskDto, type TradeDto } from '#contract/trading-dto';
import { createRouter, type Router } from './router.ts';

const BOT = botId('volatility-expander');
let h: TradingHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Subscribes like a UI: every snapshot and delta checked against the contract's schemas. */
function follow<S extends 'orders' | 'trades' | 'positions' | 'risk'>(router: Router, stream: S) {
  const got = { snapshots: [] as unknown[], deltas: [] as unknown[] };
  const schema = streams[stream];
  const r = router.subscribe(stream, {}, {
    snapshot: (d) => got.snapshots.push((schema.snapshot as z.ZodType).parse(d)),
    delta: (d) => got.deltas.push((schema.delta as z.ZodType).parse(d)),
  });
  if (!r.ok) throw new Error(r.error.message);
  return { got, stop: r.value };
}

async function invoke(router: Router, channel: string, input: unknown) {
  const p = router.invoke(channel, input);
  return h!.until(p);
}

describe('trading over the bridge router, on a real engine and SQLite file', () => {
  it('a submitted intent flows to an order, a fill and a position the router streams', async () => {
    h = await TradingHarness.open();
    const router = createRouter(h.engine, silentLogger());
    const orders = follow(router, 'orders');
    const trades = follow(router, 'trades');
    const positions = follow(router, 'positions');
    expect(orders.got.snapshots).toEqual([[]]);
    expect((positions.got.snapshots[0] as PositionsDto).positions).toEqual([]);

    const ce = h.option(1, 'CE');
    await h.submit({ kind: 'place', intentId: intentId('buy-1'), botId: BOT, instrumentId: ce, side: 'BUY', quantity: 65, type: 'MARKET', product: 'NRML', reason: 'test' });

    const statuses = (orders.got.deltas as OrderDto[]).map((o) => o.status);
    expect(statuses).toEqual(['initialized', 'submitted', 'accepted', 'filled']);
    const trade = trades.got.deltas[0] as TradeDto;
    expect(trade).toMatchObject({ botId: BOT, instrumentId: ce, side: 'BUY', quantity: 65 });
    expect(trade.charges).toBeGreaterThan(0);
    const view = positions.got.deltas.at(-1) as PositionsDto;
    expect(view.positions).toEqual([expect.objectContaining({ botId: BOT, instrumentId: ce, netQuantity: 65, avgPrice: trade.price, greeks: expect.any(Object) })]);
    expect(view.positions[0]!.greeks!.deltaLots).toBeGreaterThan(0);

    const fresh = follow(router, 'positions');
    expect((fresh.got.snapshots[0] as PositionsDto).positions[0]).toMatchObject({ netQuantity: 65 });
    orders.stop();
  });

  it('kill, then resume, through the commands; every action audited with the trader as actor', async () => {
    h = await TradingHarness.open();
    const router = createRouter(h.engine, silentLogger());
    await h.submit(h.straddle());
    await h.advance(2000);
    const risk = follow(router, 'risk');
    const killed = await invoke(router, 'risk:kill', { source: 'shortcut' });
    expect(killed.ok && killReportDto.parse(killed.value)).toMatchObject({ flat: true, source: 'shortcut', state: 'halted' });
    expect((risk.got.deltas.at(-1) as RiskDto).state).toBe('halted');
    const bad = await invoke(router, 'risk:resume', { reason: '  ' });
    expect(!bad.ok && bad.error.kind).toBe('invalid-input');
    const resumed = await invoke(router, 'risk:resume', { reason: 'checked the book' });
    expect(resumed.ok && riskDto.parse(resumed.value).state).toBe('active');
    const arm = await invoke(router, 'trading:arm', { broker: 'x', host: 'y', rememberToday: false });
    expect(!arm.ok && arm.error.kind).toBe('not-available');
    const actions = h.store.sqlite.prepare("SELECT kind, actor FROM audit_log WHERE kind IN ('kill', 'resume') ORDER BY seq").all();
    expect(actions).toEqual([
      { kind: 'kill', actor: 'trader' },
      { kind: 'kill', actor: 'engine' },
      { kind: 'resume', actor: 'trader' },
    ]);
  });

  it('a restart on the same data folder brings back orders, fills, positions and the risk state', async () => {
    h = await TradingHarness.open();
    await h.submit(h.straddle());
    await h.submit({ kind: 'place', intentId: intentId('buy-1'), botId: BOT, instrumentId: h.option(4, 'CE'), side: 'BUY', quantity: 65, type: 'MARKET', product: 'NRML', reason: 'test' });
    await h.advance(2000);
    h.engine.core.ledger.restrict('reducing', 'trader restricts before the restart', h.clock.now());
    const before = snapshots(createRouter(h.engine, silentLogger()));
    const dayStart = h.engine.core.ledger.figures(0, h.clock.now()).dayStartPnl;

    await h.restart('s2');
    const after = snapshots(createRouter(h.engine, silentLogger()));
    expect(after.orders).toEqual(before.orders);
    expect(after.trades).toEqual(before.trades);
    const held = (p: PositionsDto) => p.positions.map((x) => [x.botId, x.instrumentId, x.structureId, x.netQuantity, x.avgPrice]);
    expect(held(after.positions)).toEqual(held(before.positions));
    expect(after.positions.structures.map((s) => [s.structureId, s.status])).toEqual([['straddle-1', 'open']]);
    expect(after.positions.realizedPnl).toBe(before.positions.realizedPnl);
    expect(after.positions.charges).toBe(before.positions.charges);
    expect(after.risk).toMatchObject({ state: 'reducing', cause: 'trader', dayKey: before.risk.dayKey });
    expect(after.risk.dayPeakPnl).toBeGreaterThanOrEqual(before.risk.dayPeakPnl);
    expect(h.engine.core.ledger.figures(0, h.clock.now()).dayStartPnl).toBe(dayStart);
    // The restored book is tradable: the kill switch closes it.
    const report = await h.until(h.engine.trading.kill('button'));
    expect(report.flat).toBe(true);
  });
});

function snapshots(router: Router): { orders: OrderDto[]; trades: TradeDto[]; positions: PositionsDto; risk: RiskDto } {
  const take = <T>(stream: 'orders' | 'trades' | 'positions' | 'risk'): T => {
    const s = follow(router, stream);
    s.stop();
    return s.got.snapshots[0] as T;
  };
  return { orders: take('orders'), trades: take('trades'), positions: take('positions'), risk: take('risk') };
}
