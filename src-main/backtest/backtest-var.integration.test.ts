import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '#config/defaults';
import { openBacktestEngine } from './backtest-engine.ts';
import { playSession, settle } from './play-session.ts';
import { runBacktest } from './run-backtest.ts';
import { SHORT_REQUEST } from './testing.ts';
import { tradingSessions } from './trading-days.ts';
import { backtestRequestSchema } from './types.ts';

describe('VaR in a backtest', () => {
  it('under a VaR limit, a refresh a fill asks for is done at the fill instant, before the clock moves on, as live does within milliseconds', async () => {
    // A limit no order reaches: the check reads the refreshes' scenarios and passes.
    const risk = { var: { ...DEFAULT_CONFIG.risk.var, limit: { maxLoss: 1e12, confidence: 0.95, method: 'historical' } } };
    const request = backtestRequestSchema.parse({ ...SHORT_REQUEST, to: SHORT_REQUEST.from, risk });
    const sessions = tradingSessions(request.from, request.to);
    const opened = await openBacktestEngine(request, sessions, {});
    if (!opened.ok) throw new Error(opened.error.message);
    const { engine, clock } = opened.value;
    try {
      await settle();
      for (const b of request.bots) {
        expect(engine.setBotParams(b.id, { params: b.params }).ok).toBe(true);
        expect(engine.startBot(b.id).ok).toBe(true);
      }
      const fills: number[] = [];
      const refreshed: number[] = [];
      engine.events.subscribe('fill', (f) => fills.push(f.tsEvent));
      engine.events.subscribe('var', (s) => refreshed.push(s.ts));
      // Each instant's refreshes are counted when the clock has moved past it.
      const lag: number[] = [];
      let checked = 0;
      expect(
        await playSession(clock, sessions[0]!, () => {
          for (; checked < fills.length && fills[checked]! < clock.now(); checked++) {
            const at = fills[checked]!;
            if (!refreshed.some((t) => t === at)) lag.push(at);
          }
        }, undefined),
      ).toBe(true);
      expect(fills.length).toBeGreaterThan(0);
      expect(lag).toEqual([]);
    } finally {
      await opened.value.close();
    }
  }, 300_000);

  it('without a VaR limit no refresh runs (nothing in a backtest reads one), and the day trades as with a limit no order reaches', async () => {
    const day = { ...SHORT_REQUEST, to: SHORT_REQUEST.from };
    const request = backtestRequestSchema.parse(day);
    expect(request.risk).toEqual({});
    const opened = await openBacktestEngine(request, tradingSessions(request.from, request.to), {});
    if (!opened.ok) throw new Error(opened.error.message);
    const { engine, clock } = opened.value;
    const refreshed: number[] = [];
    try {
      await settle();
      for (const b of request.bots) expect(engine.setBotParams(b.id, { params: b.params }).ok && engine.startBot(b.id).ok).toBe(true);
      engine.events.subscribe('var', (s) => refreshed.push(s.ts));
      expect(await playSession(clock, tradingSessions(request.from, request.to)[0]!, () => undefined, undefined)).toBe(true);
      expect(engine.trading.fills().length).toBeGreaterThan(0);
      expect(refreshed).toEqual([]);
    } finally {
      await opened.value.close();
    }
    const plain = await runBacktest(day);
    const limited = await runBacktest({ ...day, risk: { var: { ...DEFAULT_CONFIG.risk.var, limit: { maxLoss: 1e12, confidence: 0.95, method: 'monte-carlo' } } } });
    if (!plain.ok || !limited.ok) throw new Error('backtest failed');
    expect(plain.value.trades.length).toBeGreaterThan(0);
    expect(limited.value.trades).toEqual(plain.value.trades);
  }, 300_000);
});
