import { describe, expect, it } from 'vitest';
import { openBacktestEngine } from './backtest-engine.ts';
import { playSession, settle } from './play-session.ts';
import { SHORT_REQUEST } from './testing.ts';
import { tradingSessions } from './trading-days.ts';
import { backtestRequestSchema } from './types.ts';

describe('VaR in a backtest', () => {
  it('a refresh a fill asks for is done at the fill instant, before the clock moves on, as live does within milliseconds', async () => {
    const request = backtestRequestSchema.parse({ ...SHORT_REQUEST, to: SHORT_REQUEST.from });
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
});
