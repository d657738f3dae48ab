import { describe, expect, it } from 'vitest';
import { err } from '#core/result';
import { istToEpoch } from '#core/time-ist';
import { createRiskLedger } from './ledger.ts';
import type { RiskStateStore } from './ports.ts';
import type { RiskEvent } from './risk-events.ts';
import { riskDayKey, riskDayKeys } from './risk-day.ts';
import { limitsWith, MemoryRiskStore, T0 } from './test-support.ts';

const limits = limitsWith({
  dailyLoss: { limit: 10_000, action: 'reducing', flatten: true },
  dayDrawdown: { limit: 15_000, action: 'halted', flatten: false },
  overallDrawdown: { limit: 50_000, action: 'halted', flatten: false },
});

function make(store = new MemoryRiskStore(), now = T0) {
  const events: RiskEvent[] = [];
  const ledger = createRiskLedger({ store, limits, now });
  ledger.events.subscribe('risk', (e) => events.push(e));
  return { ledger, store, events };
}

const kinds = (events: RiskEvent[]) => events.map((e) => e.kind);

describe('risk day', () => {
  it('runs from one F&O session open to the next, across nights, weekends and holidays', () => {
    expect(riskDayKey(istToEpoch(2026, 3, 10, 9, 14))).toBe('2026-03-09');
    expect(riskDayKey(istToEpoch(2026, 3, 10, 9, 15))).toBe('2026-03-10');
    expect(riskDayKey(istToEpoch(2026, 3, 10, 23, 59))).toBe('2026-03-10');
    expect(riskDayKey(istToEpoch(2026, 3, 14, 12, 0))).toBe('2026-03-13'); // Saturday → Friday
    expect(riskDayKey(istToEpoch(2026, 3, 3, 12, 0))).toBe('2026-03-02'); // Holi, a holiday
  });

  it('gives riskDayKey\'s answers when remembered per IST day, in any order of instants', () => {
    const keyOf = riskDayKeys();
    const instants = [[3, 10, 9, 14], [3, 10, 9, 15], [3, 10, 23, 59], [3, 14, 12, 0], [3, 3, 12, 0], [3, 10, 9, 14], [3, 11, 0, 30], [3, 11, 9, 15]] as const;
    for (const [m, d, h, min] of instants) expect(keyOf(istToEpoch(2026, m, d, h, min))).toBe(riskDayKey(istToEpoch(2026, m, d, h, min)));
  });
});

describe('risk ledger', () => {
  it('starts the day at the first P&L it sees and moves to reducing on the daily loss limit, asking to flatten', () => {
    const { ledger, events } = make();
    ledger.observe(5_000, T0);
    expect(ledger.figures(5_000, T0).dayPnl).toBe(0);
    ledger.observe(-4_999, T0 + 1000);
    expect(ledger.state().state).toBe('active');
    ledger.observe(-5_000, T0 + 2000);
    expect(ledger.state()).toEqual({ state: 'reducing', cause: 'daily-loss', since: T0 + 2000 });
    expect(kinds(events)).toEqual(['limit-breached', 'flatten-requested', 'trading-state-changed']);
    const changed = events[2] as Extract<RiskEvent, { kind: 'trading-state-changed' }>;
    expect(changed.actor).toBe('risk');
    expect(changed.reason).toContain('daily loss');
    // The breach is reported once per day, however many ticks follow.
    ledger.observe(-6_000, T0 + 3000);
    expect(kinds(events)).toHaveLength(3);
  });

  it('halts on the drawdown from the day peak even while the day is in profit', () => {
    const { ledger } = make();
    ledger.observe(0, T0);
    ledger.observe(20_000, T0 + 1);
    ledger.observe(5_000, T0 + 2);
    expect(ledger.state()).toMatchObject({ state: 'halted', cause: 'day-drawdown' });
    expect(ledger.figures(5_000, T0 + 2)).toMatchObject({ dayPnl: 5_000, dayPeakPnl: 20_000, dayDrawdown: 15_000 });
  });

  it('releases a day-scoped state at the next session open, not at midnight, and starts the day from the last mark', () => {
    const { ledger, events } = make();
    ledger.observe(0, T0);
    ledger.observe(-12_000, T0 + 1000);
    expect(ledger.state().state).toBe('reducing');
    const midnight = istToEpoch(2026, 3, 11, 0, 30);
    ledger.observe(-12_500, midnight);
    expect(ledger.state().state).toBe('reducing');
    const open = istToEpoch(2026, 3, 11, 9, 15);
    ledger.observe(-12_000, open);
    expect(ledger.state()).toEqual({ state: 'active', cause: null, since: open });
    expect(ledger.figures(-12_000, open)).toMatchObject({ dayKey: '2026-03-11', dayStartPnl: -12_500, dayPnl: 500 });
    expect(kinds(events)).toContain('day-rolled-over');
  });

  it('keeps an overall drawdown halt across the day boundary', () => {
    const { ledger } = make();
    ledger.observe(40_000, T0);
    ledger.observe(40_000 - 50_000, T0 + 1);
    expect(ledger.state()).toMatchObject({ state: 'halted' });
    ledger.observe(-10_000, istToEpoch(2026, 3, 11, 9, 20));
    expect(ledger.state()).toMatchObject({ state: 'halted', cause: 'overall-drawdown' });
  });

  it('refuses to resume while a limit is breached and resumes once it is not', () => {
    const { ledger, events } = make();
    ledger.observe(0, T0);
    ledger.observe(-10_000, T0 + 1);
    const refused = ledger.resume(-10_000, 'trader wants back in', T0 + 2);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('cannot resume');
    expect(ledger.resume(-9_000, 'recovered', T0 + 3).ok).toBe(true);
    expect(ledger.state().state).toBe('active');
    const last = events.at(-1) as Extract<RiskEvent, { kind: 'trading-state-changed' }>;
    expect(last).toMatchObject({ kind: 'trading-state-changed', actor: 'trader', reason: 'recovered' });
  });

  it('the kill switch halts until the trader resumes, whatever the day', () => {
    const { ledger } = make();
    ledger.observe(0, T0);
    ledger.kill('trader pressed the kill switch', T0 + 1);
    expect(ledger.state()).toMatchObject({ state: 'halted', cause: 'kill-switch' });
    ledger.observe(0, istToEpoch(2026, 3, 11, 9, 30));
    expect(ledger.state()).toMatchObject({ state: 'halted', cause: 'kill-switch' });
    ledger.restrict('reducing', 'never loosens', T0 + 2);
    expect(ledger.state().state).toBe('halted');
  });

  it('survives a restart: state, day marks and peaks come back from the store', () => {
    const store = new MemoryRiskStore();
    const a = make(store);
    a.ledger.observe(0, T0);
    a.ledger.observe(8_000, T0 + 5_000);
    a.ledger.observe(-11_000, T0 + 10_000);
    a.ledger.flush(T0 + 10_000);
    const b = make(store, T0 + 60_000);
    expect(b.ledger.state()).toEqual(a.ledger.state());
    expect(b.ledger.figures(-11_000, T0 + 60_000)).toEqual(a.ledger.figures(-11_000, T0 + 60_000));
    expect(b.ledger.figures(-11_000, T0 + 60_000)).toMatchObject({ dayPnl: -11_000, dayPeakPnl: 8_000 });
  });

  it('writes state changes at once but throttles peak updates to one write a second', () => {
    const store = new MemoryRiskStore();
    const { ledger } = make(store);
    ledger.observe(0, T0);
    const first = store.saves;
    for (let i = 1; i <= 50; i++) ledger.observe(i * 10, T0 + i * 10);
    expect(store.saves).toBe(first);
    ledger.observe(600, T0 + 1000);
    expect(store.saves).toBe(first + 1);
    ledger.kill('k', T0 + 1001);
    expect(store.saves).toBe(first + 2);
    expect(store.state?.tradingState).toBe('halted');
  });

  it('does not write an unchanged P&L again, however long it stays; a change after the throttle is written', () => {
    const store = new MemoryRiskStore();
    const { ledger } = make(store);
    ledger.observe(100, T0);
    ledger.observe(200, T0 + 1000);
    const written = store.saves;
    for (let i = 1; i <= 20; i++) ledger.observe(200, T0 + 1000 + i * 5000);
    expect(store.saves).toBe(written);
    ledger.observe(150, T0 + 200_000);
    expect(store.saves).toBe(written + 1);
    expect(store.state).toMatchObject({ lastPnl: 150, dayPeakPnl: 200 });
    ledger.observe(150, T0 + 300_000);
    expect(store.saves).toBe(written + 1);
  });

  it('on an unchanged P&L still moves to the next risk day at the session open', () => {
    const { ledger, events } = make(new MemoryRiskStore());
    ledger.observe(-500, T0);
    ledger.observe(-500, istToEpoch(2026, 3, 11, 9, 14));
    expect(kinds(events)).not.toContain('day-rolled-over');
    const open = istToEpoch(2026, 3, 11, 9, 15);
    ledger.observe(-500, open);
    expect(kinds(events)).toContain('day-rolled-over');
    expect(ledger.figures(-500, open)).toMatchObject({ dayKey: '2026-03-11', dayStartPnl: -500, dayPnl: 0 });
  });

  it('with persistEveryMs Infinity (a backtest) writes no peak alone, but every state change and the flush, and restores them', () => {
    const store = new MemoryRiskStore();
    const ledger = createRiskLedger({ store, limits, now: T0, persistEveryMs: Number.POSITIVE_INFINITY });
    ledger.observe(0, T0);
    const first = store.saves;
    for (let i = 1; i <= 50; i++) ledger.observe(i * 100, T0 + i * 60_000);
    expect(store.saves).toBe(first);
    ledger.kill('k', T0 + 3_600_000);
    expect(store.saves).toBe(first + 1);
    expect(store.state).toMatchObject({ tradingState: 'halted', overallPeakPnl: 5_000 });
    ledger.observe(6_000, T0 + 3_660_000);
    ledger.flush(T0 + 3_700_000);
    expect(store.saves).toBe(first + 2);
    const restored = createRiskLedger({ store, limits, now: T0 + 3_800_000 });
    expect(restored.state().state).toBe('halted');
    expect(restored.figures(0, T0 + 3_800_000)).toMatchObject({ overallPeakPnl: 6_000 });
  });

  it('adopts the config limits over the stored ones and reports the change', () => {
    const store = new MemoryRiskStore();
    make(store).ledger.observe(0, T0);
    const events: RiskEvent[] = [];
    const changed = limitsWith({ dailyLoss: { limit: 2_000, action: 'halted', flatten: false } });
    const bus = createRiskLedger({ store: new MemoryRiskStore(), limits, now: T0 }).events;
    bus.subscribe('risk', (e) => events.push(e));
    const ledger = createRiskLedger({ store, limits: changed, now: T0 + 1, events: bus });
    expect(ledger.limits().dailyLoss.limit).toBe(2_000);
    expect(events).toEqual([expect.objectContaining({ kind: 'limits-changed', actor: 'config' })]);
    ledger.observe(0, T0 + 2);
    expect(store.state?.limits.dailyLoss.limit).toBe(2_000);
  });

  it('halts when the stored state cannot be read, and says why', () => {
    class BrokenStore extends MemoryRiskStore {
      override load() {
        return err({ message: 'risk_state row is invalid' });
      }
    }
    const broken: RiskStateStore = new BrokenStore();
    const events: RiskEvent[] = [];
    const bus = make().ledger.events;
    bus.subscribe('risk', (e) => events.push(e));
    const ledger = createRiskLedger({ store: broken, limits, now: T0, events: bus });
    expect(ledger.state()).toMatchObject({ state: 'halted', cause: 'state-unreadable' });
    expect(events[0]).toMatchObject({ kind: 'trading-state-changed' });
    expect((events[0] as { reason: string }).reason).toContain('risk_state row is invalid');
  });
});
