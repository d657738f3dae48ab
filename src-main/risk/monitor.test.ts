import { describe, expect, it } from 'vitest';
import { structureId } from '#model/ids';
import { createRiskLedger } from './ledger.ts';
import { createRiskMonitor, REEMIT_MS } from './monitor.ts';
import type { RiskEvent } from './risk-events.ts';
import { BOT_A, FakeMarket, FakePortfolio, limitsWith, MemoryRiskStore, niftyOption, T0 } from './test-support.ts';

const call = niftyOption(23_000, 'CE');
const put = niftyOption(23_000, 'PE');
const S1 = structureId('straddle-1');

function setup(store = new MemoryRiskStore(), limits = limitsWith()) {
  const market = new FakeMarket();
  market.spots.set('NIFTY', 23_000);
  market.marks.set(call.id, 150);
  market.marks.set(put.id, 140);
  const portfolio = new FakePortfolio();
  portfolio.positions.push(
    { instrument: call, botId: BOT_A, structureId: S1, netQuantity: -65, avgPrice: 150 },
    { instrument: put, botId: BOT_A, structureId: S1, netQuantity: -65, avgPrice: 140 },
  );
  const ledger = createRiskLedger({ store, limits, now: T0 });
  const events: RiskEvent[] = [];
  ledger.events.subscribe('risk', (e) => events.push(e));
  const monitor = createRiskMonitor({ ledger, portfolio, market, store, now: T0 });
  const exits = () => events.filter((e): e is Extract<RiskEvent, { kind: 'exit-requested' }> => e.kind === 'exit-requested');
  return { market, portfolio, ledger, monitor, events, exits, store };
}

/** The straddle bot's rule: 40 % stop, 25 % target, on the premium collected (65 × (150 + 140) = ₹18,850). */
const straddleRule = { id: 'r1', botId: 'bot-a', scope: { kind: 'structure', structureId: 'straddle-1' }, stop: { kind: 'premium-pct', value: 40 }, target: { kind: 'premium-pct', value: 25 } };

describe('live monitor', () => {
  it('fires the stop at −40 % of the premium and asks to close both legs', () => {
    const m = setup();
    expect(m.monitor.declare(straddleRule, T0).ok).toBe(true);
    m.market.marks.set(call.id, 150 + 115); // P&L −7,475: above the −7,540 stop
    m.monitor.onTick({ instrumentId: call.id, ts: T0 + 1 });
    expect(m.exits()).toHaveLength(0);
    m.market.marks.set(call.id, 150 + 116); // P&L −7,540
    m.monitor.onTick({ instrumentId: call.id, ts: T0 + 2 });
    const [exit] = m.exits();
    expect(exit?.request).toMatchObject({ ruleId: 'r1', botId: BOT_A, reason: 'stop', pnl: -7_540, threshold: -7_540 });
    expect(exit?.request.closes.map((c) => [c.side, c.quantity, c.instrument.symbol])).toEqual([
      ['BUY', 65, call.symbol],
      ['BUY', 65, put.symbol],
    ]);
  });

  it('fires the target at +25 % of the premium', () => {
    const m = setup();
    m.monitor.declare(straddleRule, T0);
    m.market.marks.set(call.id, 100);
    m.market.marks.set(put.id, 117.5); // P&L 65 × (50 + 22.5) = 4,712.5 = 25 % of 18,850
    m.monitor.onTick({ ts: T0 + 1 });
    expect(m.exits()[0]?.request).toMatchObject({ reason: 'target', threshold: 4_712.5 });
  });

  it('a trailing stop arms at its activation level and fires the trail below the best P&L', () => {
    const m = setup();
    m.monitor.declare({ id: 't1', scope: { kind: 'position', instrumentId: call.id }, trailing: { activateAt: { kind: 'rupees', value: 1_000 }, trail: { kind: 'rupees', value: 500 } } }, T0);
    const at = (price: number, ts: number) => {
      m.market.marks.set(call.id, price);
      m.monitor.onTick({ ts });
    };
    at(150 - 10, T0 + 1); // +650: not armed
    at(150 - 2, T0 + 2); // +130, 520 below the best but not armed yet
    expect(m.exits()).toHaveLength(0);
    at(150 - 30, T0 + 3); // +1,950: armed, best 1,950
    at(150 - 23, T0 + 4); // +1,495: 455 below
    expect(m.exits()).toHaveLength(0);
    at(150 - 22, T0 + 5); // +1,430: 520 below
    expect(m.exits()[0]?.request).toMatchObject({ ruleId: 't1', reason: 'trailing', threshold: 1_450 });
    expect(m.exits()[0]?.request.closes).toHaveLength(1);
  });

  it('asks again while the positions stay open, not on every tick, and forgets the rule once flat', () => {
    const m = setup();
    m.monitor.declare(straddleRule, T0);
    m.market.marks.set(call.id, 300);
    m.monitor.onTick({ ts: T0 + 1 });
    m.market.marks.set(call.id, 150); // recovers: the exit already decided stays decided
    m.monitor.onTick({ ts: T0 + 1 + REEMIT_MS - 1 });
    expect(m.exits()).toHaveLength(1);
    m.monitor.onTick({ ts: T0 + 1 + REEMIT_MS });
    expect(m.exits()).toHaveLength(2);
    expect(m.exits()[1]?.request.reason).toBe('stop');
    m.portfolio.positions.length = 0;
    m.monitor.onTick({ ts: T0 + 2 * REEMIT_MS });
    expect(m.monitor.rules()).toHaveLength(0);
    expect(m.store.rules.size).toBe(0);
  });

  it('does not judge a scope it cannot mark', () => {
    const m = setup();
    m.monitor.declare(straddleRule, T0);
    m.market.marks.delete(put.id);
    m.market.marks.set(call.id, 1_000);
    m.monitor.onTick({ ts: T0 + 1 });
    expect(m.exits()).toHaveLength(0);
  });

  it('keeps the trailing high-water mark and a fired rule across a restart', () => {
    const store = new MemoryRiskStore();
    const a = setup(store);
    a.monitor.declare({ id: 't1', scope: { kind: 'position', instrumentId: call.id }, trailing: { activateAt: { kind: 'rupees', value: 1_000 }, trail: { kind: 'rupees', value: 500 } } }, T0);
    a.market.marks.set(call.id, 120);
    a.monitor.onTick({ ts: T0 + 1 }); // best +1,950
    const b = setup(store);
    expect(b.monitor.rules()[0]?.state.highWater).toBe(1_950);
    b.market.marks.set(call.id, 128); // +1,430, 520 below the best seen before the restart
    b.monitor.onTick({ ts: T0 + 2 });
    expect(b.exits()[0]?.request.reason).toBe('trailing');
    const c = setup(store);
    expect(c.monitor.rules()[0]?.state.fired).toEqual({ reason: 'trailing', threshold: 1_450 });
  });

  it('refuses an invalid rule with the reason and reports a stored one it cannot read', () => {
    const m = setup();
    const r = m.monitor.declare({ id: 'bad', scope: { kind: 'position', instrumentId: call.id } }, T0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('needs a stop, a target or a trailing stop');
    expect(m.events.at(-1)).toMatchObject({ kind: 'exit-rule-rejected', ruleId: 'bad' });
    const store = new MemoryRiskStore();
    store.rules.set('x', { id: 'x', spec: 'not json', highWater: null, triggeredAt: null, firedReason: null, firedThreshold: null });
    const n = setup(store);
    expect(n.monitor.rules()).toHaveLength(0);
    expect(store.rules.has('x')).toBe(true);
  });

  it('marks the book on every tick and moves the trading state on the daily loss limit', () => {
    const m = setup(new MemoryRiskStore(), limitsWith({ dailyLoss: { limit: 5_000, action: 'halted', flatten: true } }));
    m.monitor.onTick({ ts: T0 });
    m.market.marks.set(call.id, 150 + 80); // −5,200
    m.monitor.onTick({ ts: T0 + 1 });
    expect(m.ledger.state()).toMatchObject({ state: 'halted', cause: 'daily-loss' });
    expect(m.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['limit-breached', 'flatten-requested', 'trading-state-changed']));
  });
});
