import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ok } from '#core/result';
import pino from 'pino';
import { computeMetrics, drawdownCurve } from '#backtest/metrics';
import { runBacktest } from '#backtest/run-backtest';
import { tradingSessions } from '#backtest/trading-days';
import { backtestRequestSchema, type BacktestResult, type RunBacktest, type Trade } from '#backtest/types';
import { compareWithMl } from './ml-compare.ts';
import { comparisonTable } from './ml-compare-report.ts';

const SHIPPED = path.resolve(import.meta.dirname, '../../resources/models');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-compare-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const models = { shippedDir: SHIPPED, modelsDir: path.join(dir, 'models') };

/** A stand-in backtest: the bot earns +1000 a session without ML and +1000/−500 on alternate sessions with it. */
const planted: RunBacktest = async (input, deps) => {
  const request = backtestRequestSchema.parse(input);
  const days = tradingSessions(request.from, request.to);
  let equity = 1_000_000;
  const trades: Trade[] = [];
  const points = days.map((d, i) => {
    const pnl = deps?.models ? (i % 2 === 0 ? 1000 : -500) : 1000;
    equity += pnl;
    trades.push({ botId: 'momentum-rider', instrumentId: 'X', direction: 'long', quantity: 1, entryTs: d.open, exitTs: d.close, entryPrice: 1, exitPrice: 1, grossPnl: pnl, charges: 0, netPnl: pnl, signal: '', reason: '', exitReason: '' });
    return { ts: d.close, day: d.dateKey, equity };
  });
  const curve = drawdownCurve(1_000_000, points);
  const metrics = computeMetrics({ startEquity: 1_000_000, equity: curve, startTs: days[0]!.open, trades, charges: 0, exposedBars: 0, totalBars: 1 });
  const result: BacktestResult = { request, days: days.map((d) => d.dateKey), bars: 0, portfolio: { metrics, equity: curve }, bots: [{ botId: 'momentum-rider', params: {}, metrics, equity: curve }], trades };
  return ok(result);
};

describe('walk-forward with and without ML', () => {
  it('runs both arms on the same folds and chains the folds into totals', async () => {
    const seen: { from: string; to: string; ml: boolean }[] = [];
    const run: RunBacktest = (req, deps, p, s) => {
      seen.push({ from: String(req.from), to: String(req.to), ml: deps?.models !== undefined });
      return planted(req, deps, p, s);
    };
    const request = { bots: [{ id: 'momentum-rider' as const }], from: '2026-11-02', to: '2026-11-13', data: { kind: 'simulator' as const, seed: 3 } };
    const r = await compareWithMl({ request, foldDays: 3, models, modelsUsed: [{ modelId: 'regime@1', source: 'simulator seed 3, 10 sessions from 2026-11-01', from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 10, 5, 6) }], run });
    if (!r.ok) throw new Error(r.error.message);
    const c = r.value;
    // 9 sessions (10 Nov is a holiday): three folds of three, both arms on each.
    expect(c.folds.map((f) => [f.from, f.to, f.days])).toEqual([['2026-11-02', '2026-11-04', 3], ['2026-11-05', '2026-11-09', 3], ['2026-11-11', '2026-11-13', 3]]);
    expect(seen).toEqual(c.folds.flatMap((f) => [{ from: f.from, to: f.to, ml: false }, { from: f.from, to: f.to, ml: true }]));
    // The model trained on 1 Nov to 5 Nov 11:30 IST of this very simulated market is in sample on the first two folds.
    expect(c.folds.map((f) => f.modelsSawWindow)).toEqual([['regime@1'], ['regime@1'], []]);
    const f0 = c.folds[0]!.bots[0]!;
    expect(f0.withoutMl).toMatchObject({ trades: 3, winRate: 1, netPnl: 3000 });
    expect(f0.withMl).toMatchObject({ trades: 3, winRate: 2 / 3, netPnl: 1500 });
    const total = c.total[0]!;
    expect(total.withoutMl).toMatchObject({ trades: 9, winRate: 1, netPnl: 9000, maxDrawdownPct: 0 });
    // With ML each fold goes +1000, −500, +1000: chained, nine sessions with three losing ones.
    expect(total.withMl).toMatchObject({ trades: 9, winRate: 6 / 9, netPnl: 4500 });
    expect(total.withMl.maxDrawdownPct).toBeCloseTo(500 / 1_001_000, 12);
    // Both make money every fold; the steady +1000 a session has by far the better Sharpe over the chained days.
    expect(total.withMl.sharpe).toBeGreaterThan(0);
    expect(total.withoutMl.sharpe!).toBeGreaterThan(100 * total.withMl.sharpe!);
    const table = comparisonTable(c);
    expect(table).toContain('momentum-rider');
    expect(table).toContain('ML in sample: regime@1');
  });

  it('refuses a range with no whole fold', async () => {
    const r = await compareWithMl({ request: { bots: [{ id: 'momentum-rider' }], from: '2026-11-02', to: '2026-11-03', data: { kind: 'simulator', seed: 3 } }, foldDays: 5, models, modelsUsed: [], run: planted });
    expect(r.ok ? '' : r.error.message).toMatch(/2 sessions .* hold no fold of 5 sessions/);
  });

  it('loads the models into the engine of the ML arm only, on the simulator', async () => {
    const loaded: boolean[] = [];
    const run: RunBacktest = (req, deps, p, s) => {
      const lines: string[] = [];
      const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(String((JSON.parse(s) as { msg?: unknown }).msg)) });
      return runBacktest(req, { ...deps, logger, workDir: dir }, p, s).then((res) => {
        loaded.push(lines.filter((l) => / loaded \(shipped\)$/.test(l)).length === 4);
        return res;
      });
    };
    const request = { bots: [{ id: 'momentum-rider' as const, params: { minMovePct: 0.15, riskPct: 3, minCombinedScore: 0.5 } }], underlyings: ['NIFTY' as const], from: '2026-11-25', to: '2026-11-26', data: { kind: 'simulator' as const, seed: 8 }, warmupSessions: 4 };
    const r = await compareWithMl({ request, foldDays: 1, models, modelsUsed: [], run });
    if (!r.ok) throw new Error(r.error.message);
    expect(loaded).toEqual([false, true, false, true]);
    expect(r.value.folds).toHaveLength(2);
    for (const f of r.value.folds) for (const b of f.bots) for (const arm of [b.withoutMl, b.withMl]) expect(Number.isFinite(arm.netPnl)).toBe(true);
  }, 120_000);
});
