import { describe, expect, it } from 'vitest';
import { err, ok } from '#core/result';
import { computeMetrics, drawdownCurve } from './metrics.ts';
import { defaultGrid, gridPoints, parseGridArg } from './param-grid.ts';
import { tradingSessions } from './trading-days.ts';
import { backtestRequestSchema, type BacktestResult, type RunBacktest } from './types.ts';
import { planFolds, walkForward } from './walk-forward.ts';
import { describeParams } from '#bots/contract/params';
import { BOT_DEFINITIONS } from '#engine/bots/definitions';

const REQUEST = { bots: [{ id: 'short-straddle' as const, params: {} }], from: '2026-11-02', to: '2026-11-27', data: { kind: 'simulator' as const, seed: 1 } };

/**
 * A stand-in backtest with a planted optimum: each session earns 1000 − 40 × |targetPct − best| rupees,
 * where the best target is 30 before 16 Nov 2026 and 35 from then on.
 */
const synthetic: RunBacktest = async (input) => {
  const request = backtestRequestSchema.parse(input);
  const target = (request.bots[0]!.params.targetPct as number | undefined) ?? 25;
  if (target === 45) return err({ kind: 'invalid-request', message: 'short-straddle: targetPct refused' });
  const days = tradingSessions(request.from, request.to);
  let equity = request.capital;
  const points = days.map((d) => {
    equity += 1000 - 40 * Math.abs(target - (d.dateKey < '2026-11-16' ? 30 : 35));
    return { ts: d.close, day: d.dateKey, equity };
  });
  const curve = drawdownCurve(request.capital, points);
  const metrics = computeMetrics({ startEquity: request.capital, equity: curve, startTs: days[0]!.open, trades: [], charges: 0, exposedBars: 0, totalBars: 1 });
  const result: BacktestResult = { request, days: days.map((d) => d.dateKey), bars: 0, portfolio: { metrics, equity: curve }, bots: [], trades: [] };
  return ok(result);
};

describe('walk-forward', () => {
  const sessions = tradingSessions('2026-11-02', '2026-11-27').map((s) => s.dateKey);

  it('plans rolling and anchored folds over trading sessions', () => {
    expect(sessions).toHaveLength(18); // 10 and 24 Nov 2026 are holidays
    const rolling = planFolds(sessions, 'rolling', 5, 3);
    expect(rolling.map((f) => [f.inSample[0], f.inSample.length, f.outOfSample[0], f.outOfSample.length])).toEqual([
      ['2026-11-02', 5, '2026-11-09', 3],
      ['2026-11-05', 5, '2026-11-13', 3],
      ['2026-11-11', 5, '2026-11-18', 3],
      ['2026-11-16', 5, '2026-11-23', 3],
    ]);
    const anchored = planFolds(sessions, 'anchored', 5, 3);
    expect(anchored.map((f) => [f.inSample[0], f.inSample.length])).toEqual([['2026-11-02', 5], ['2026-11-02', 8], ['2026-11-02', 11], ['2026-11-02', 14]]);
    for (const f of [...rolling, ...anchored]) expect(f.inSample.at(-1)! < f.outOfSample[0]!).toBe(true);
  });

  it('finds the planted optimum in-sample, tests it out-of-sample, and reports efficiency and stability', async () => {
    const r = await walkForward({ request: REQUEST, botId: 'short-straddle', mode: 'rolling', inSampleDays: 5, outOfSampleDays: 3, score: 'netPnl', run: synthetic, grid: { targetPct: [25, 30, 35, 45] } });
    if (!r.ok) throw new Error(r.error.message);
    const w = r.value;
    // In-sample windows mostly before 16 Nov choose 30; the one wholly after it chooses 35.
    expect(w.folds.map((f) => f.params.targetPct)).toEqual([30, 30, 30, 35]);
    // Fold 3 (11, 12, 13, 16, 17 Nov): 30 earns 3 × 1000 + 2 × 800 = 4600, 35 earns 3 × 800 + 2 × 1000 = 4400.
    expect(w.folds[2]!.inSampleMetrics.netPnl).toBe(4600);
    // Its out-of-sample 18, 19, 20 Nov at 30: 3 × 800.
    expect(w.folds[2]!.outOfSampleMetrics.netPnl).toBe(2400);
    expect(w.folds[2]!.efficiency).toBeCloseTo(800 / 920, 12);
    expect(w.outOfSampleNetPnl).toBe(w.folds.reduce((s, f) => s + f.outOfSampleMetrics.netPnl, 0));
    const isPerDay = w.folds.reduce((s, f) => s + f.inSampleMetrics.netPnl / 5, 0) / 4;
    expect(w.efficiency).toBeCloseTo(w.outOfSampleNetPnl / 12 / isPerDay, 12);
    // Mean 31.25, population sd √4.6875 = 2.16506.
    expect(w.stability).toEqual([{ key: 'targetPct', values: [30, 30, 30, 35], modeShare: 0.75, cv: expect.closeTo(Math.sqrt(4.6875) / 31.25, 12) }]);
  });

  it('never chooses a set that sent a bot to error, and names a fault of the chosen or the out-of-sample run in its fold', async () => {
    const fault = { ts: 0, day: '2026-11-02', message: 'short-straddle onBar threw: boom' };
    // The planted optimum (30) faults in-sample before 16 Nov; 35 faults out-of-sample from 18 Nov on.
    const faulty: RunBacktest = async (input, ...rest) => {
      const r = await synthetic(input, ...rest);
      if (!r.ok) return r;
      const target = r.value.request.bots[0]!.params.targetPct as number;
      const bad = (target === 30 && r.value.request.to < '2026-11-16') || (target === 35 && r.value.request.from >= '2026-11-18');
      const bot = { botId: 'short-straddle', params: { targetPct: target }, metrics: r.value.portfolio.metrics, equity: r.value.portfolio.equity };
      return ok({ ...r.value, bots: [bad ? { ...bot, fault } : bot] });
    };
    const r = await walkForward({ request: REQUEST, botId: 'short-straddle', mode: 'rolling', inSampleDays: 5, outOfSampleDays: 3, score: 'netPnl', run: faulty, grid: { targetPct: [25, 30, 35] } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.folds[0]!.params.targetPct).not.toBe(30);
    const last = r.value.folds.at(-1)!;
    expect(last.params.targetPct).toBe(35);
    expect(last.faults).toEqual(['short-straddle went to error on 2026-11-02 at 05:30 IST and evaluated nothing after: short-straddle onBar threw: boom']);
    expect(r.value.folds[0]!.faults).toBeUndefined();
  });

  it('takes an optimiser function in place of the grid', async () => {
    const r = await walkForward({
      request: REQUEST,
      botId: 'short-straddle',
      mode: 'anchored',
      inSampleDays: 10,
      outOfSampleDays: 8,
      run: synthetic,
      optimise: async (input) => {
        const e = await input.evaluate({ ...input.base, targetPct: 40 });
        return e.ok ? ok({ params: { targetPct: 40 }, result: e.value }) : e;
      },
    });
    expect(r.ok && r.value.folds.map((f) => [f.inSample.days, f.params])).toEqual([[10, { targetPct: 40 }]]);
    expect(r.ok && r.value.stability.map((s) => s.key)).toEqual(['targetPct']);
  });

  it('refuses a bot outside the request and windows that hold no fold', async () => {
    expect(await walkForward({ request: REQUEST, botId: 'iron-condor', mode: 'rolling', inSampleDays: 5, outOfSampleDays: 3, run: synthetic })).toEqual(err({ kind: 'invalid-request', message: 'iron-condor is not among the request\'s bots (short-straddle)' }));
    const none = await walkForward({ request: REQUEST, botId: 'short-straddle', mode: 'rolling', inSampleDays: 15, outOfSampleDays: 5, run: synthetic });
    expect(none.ok || none.error.message).toBe('18 sessions from 2026-11-02 to 2026-11-27 hold no fold of 15 + 5 sessions');
  });
});

describe('parameter grids', () => {
  const specs = describeParams(BOT_DEFINITIONS['short-straddle'].params);
  it('the default grid: the first two numeric parameters at their default and two steps either side, inside their range', () => {
    const grid = defaultGrid(specs);
    expect(Object.keys(grid)).toHaveLength(2);
    for (const [key, values] of Object.entries(grid)) {
      const meta = specs.find((s) => s.key === key)!.meta;
      if (meta.kind !== 'number') throw new Error(key);
      expect(values).toContain(meta.default);
      for (const v of values) expect(typeof v === 'number' && v >= meta.min && v <= meta.max).toBe(true);
    }
    expect(gridPoints({ a: [1, 2], b: ['x', 'y', 'z'] })).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'z' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }, { a: 2, b: 'z' },
    ]);
  });

  it('reads key=v1,v2 against the parameter’s kind and range', () => {
    expect(parseGridArg(specs, 'targetPct=20,25,25')).toEqual(ok(['targetPct', [20, 25]]));
    expect(parseGridArg(specs, 'adjustWith=roll,futures')).toEqual(ok(['adjustWith', ['roll', 'futures']]));
    expect(parseGridArg(specs, 'targetPct=200')).toEqual(err('targetPct=200: must be a number in [5, 95]'));
    expect(parseGridArg(specs, 'nope=1').ok).toBe(false);
  });
});
