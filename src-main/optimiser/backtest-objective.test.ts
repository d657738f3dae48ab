import { describe, expect, it } from 'vitest';
import { runBacktest } from '#backtest/run-backtest';
import type { BacktestResult, Metrics } from '#backtest/types';
import { backtestObjective, outcomeOf } from './backtest-objective.ts';
import { createObjective } from './create-objective.ts';
import { objectiveSpecSchema } from './objective-spec.ts';

const metrics = (m: Partial<Metrics>): Metrics => ({
  startEquity: 100,
  endEquity: 121,
  netPnl: 21,
  grossPnl: 22,
  charges: 1,
  cagr: null,
  sharpe: 1.5,
  sortino: null,
  calmar: null,
  maxDrawdown: 10,
  maxDrawdownPct: 0.0909,
  maxDrawdownDays: 1,
  trades: 3,
  winRate: null,
  profitFactor: Infinity,
  expectancy: null,
  exposure: 0.5,
  chargesShareOfGross: null,
  ...m,
});

describe('backtest objective', () => {
  it('scores by the chosen portfolio metric and turns the equity curve into daily returns (by hand: 100 → 110 → 99 → 121)', () => {
    const result = {
      bars: 1125,
      days: ['2026-11-24', '2026-11-25', '2026-11-26'],
      portfolio: {
        metrics: metrics({}),
        equity: [
          { ts: 1, day: '2026-11-24', equity: 110, drawdown: 0 },
          { ts: 2, day: '2026-11-25', equity: 99, drawdown: 11 },
          { ts: 3, day: '2026-11-26', equity: 121, drawdown: 0 },
        ],
      },
    } as unknown as BacktestResult;
    const o = outcomeOf(result, 'sharpe');
    expect(o.score).toBe(1.5);
    expect(o.returns.map((r) => Number(r.toFixed(12)))).toEqual([0.1, -0.1, Number((121 / 99 - 1).toFixed(12))]);
    expect(o.metrics).toMatchObject({ bars: 1125, days: 3, trades: 3 });
    // Less drawdown is better: the study maximises its negative.
    expect(outcomeOf(result, 'maxDrawdownPct').score).toBe(-0.0909);
  });

  it('a trial is the backtest of the bot with the trial’s parameters over the fold’s days', async () => {
    const spec = objectiveSpecSchema.parse({
      kind: 'backtest',
      bot: 'momentum-rider',
      request: { underlyings: ['NIFTY'], data: { kind: 'simulator', seed: 3 }, warmupSessions: 1 },
      inSample: { from: '2026-11-25', to: '2026-11-25' },
      outOfSample: { from: '2026-11-26', to: '2026-11-26' },
    });
    const objective = createObjective(spec);
    const trial = await objective.evaluate({ minMovePct: 0.3 }, 'out-of-sample');
    const direct = await runBacktest({ bots: [{ id: 'momentum-rider', params: { minMovePct: 0.3 } }], underlyings: ['NIFTY'], from: '2026-11-26', to: '2026-11-26', data: { kind: 'simulator', seed: 3 }, warmupSessions: 1 });
    if (!trial.ok || !direct.ok) throw new Error('a backtest failed');
    expect(trial.value).toEqual(outcomeOf(direct.value, 'sharpe'));
    expect(trial.value.metrics.days).toBe(1);

    const refused = await objective.evaluate({ minMovePct: 99 }, 'in-sample');
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid-params' } });
  }, 120_000);

  it('a set that sends the bot to error is a failed trial naming the fault, not a quiet run scored as if it had run', async () => {
    const spec = objectiveSpecSchema.parse({
      kind: 'backtest',
      bot: 'momentum-rider',
      request: { underlyings: ['NIFTY'], data: { kind: 'simulator', seed: 3 } },
      inSample: { from: '2026-11-25', to: '2026-11-25' },
    });
    if (spec.kind !== 'backtest') throw new Error('not a backtest spec');
    const clean = await runBacktest({ bots: [{ id: 'momentum-rider', params: {} }], underlyings: ['NIFTY'], from: '2026-11-25', to: '2026-11-25', data: { kind: 'simulator', seed: 3 }, warmupSessions: 0 });
    if (!clean.ok) throw new Error(clean.error.message);
    const fault = { ts: 1795584600000, day: '2026-11-25', message: 'momentum-rider onBar threw: boom' };
    const faulted: BacktestResult = { ...clean.value, bots: clean.value.bots.map((b) => ({ ...b, fault })) };
    const objective = backtestObjective(spec, async () => ({ ok: true, value: faulted }));
    expect(await objective.evaluate({}, 'in-sample')).toEqual({ ok: false, error: { kind: 'failed', message: 'momentum-rider went to error on 2026-11-25 at 11:00 IST and evaluated nothing after: momentum-rider onBar threw: boom' } });
    const fine = await backtestObjective(spec, async () => ({ ok: true, value: clean.value })).evaluate({}, 'in-sample');
    expect(fine).toEqual({ ok: true, value: outcomeOf(clean.value, 'sharpe') });
  }, 120_000);
});
