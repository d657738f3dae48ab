import { describe, expect, it } from 'vitest';
import { computeMetrics, drawdownCurve, maxDrawdown } from './metrics.ts';
import type { Trade } from './types.ts';

const DAY = 86_400_000;
const trade = (netPnl: number, charges: number): Trade => ({
  botId: 'b',
  instrumentId: 'NFO:X',
  direction: 'long',
  quantity: 1,
  entryTs: 0,
  exitTs: 1,
  entryPrice: 1,
  exitPrice: 1,
  grossPnl: netPnl + charges,
  charges,
  netPnl,
  signal: 's',
  reason: 'r',
  exitReason: 'x',
});

describe('backtest metrics, against figures worked by hand', () => {
  // 100 → 110 → 99 → 108.9: daily returns +10 %, −10 %, +10 %, the last point a year after the start.
  const equity = drawdownCurve(100, [
    { ts: 120 * DAY, day: '2026-01-01', equity: 110 },
    { ts: 240 * DAY, day: '2026-01-02', equity: 99 },
    { ts: 365 * DAY, day: '2026-01-03', equity: 108.9 },
  ]);
  const m = computeMetrics({ startEquity: 100, equity, startTs: 0, trades: [trade(30, 2), trade(-10, 2), trade(20, 2), trade(-20, 2)], charges: 8, exposedBars: 30, totalBars: 120 });

  it('returns, risk-adjusted ratios and growth', () => {
    expect(m.netPnl).toBeCloseTo(8.9, 10);
    expect(m.grossPnl).toBeCloseTo(16.9, 10);
    // mean 1/30, sample sd √(0.02667/2) = 0.11547: 0.28868 × √252.
    expect(m.sharpe).toBeCloseTo(4.5825757, 6);
    // downside deviation √(0.01/3) = 0.057735: 0.57735 × √252.
    expect(m.sortino).toBeCloseTo(9.1651514, 6);
    expect(m.cagr).toBeCloseTo(0.089, 10);
    expect(m.calmar).toBeCloseTo(0.89, 10);
  });

  it('drawdown: 110 → 99 is 11 (10 %), two days under the peak', () => {
    expect(m.maxDrawdown).toBeCloseTo(11, 10);
    expect(m.maxDrawdownPct).toBeCloseTo(0.1, 10);
    expect(m.maxDrawdownDays).toBe(2);
    expect(equity.map((p) => p.drawdown)).toEqual([0, -11, expect.closeTo(-1.1, 10)]);
  });

  it('trade figures, exposure and charges against gross', () => {
    expect(m.trades).toBe(4);
    expect(m.winRate).toBe(0.5);
    expect(m.profitFactor).toBeCloseTo(50 / 30, 12);
    expect(m.expectancy).toBe(5);
    expect(m.exposure).toBe(0.25);
    // |32| + |−8| + |22| + |−18| = 80 of gross P&L moved; charges 8.
    expect(m.chargesShareOfGross).toBeCloseTo(0.1, 12);
  });

  it('says "not defined" instead of inventing a figure', () => {
    const flat = computeMetrics({ startEquity: 100, equity: drawdownCurve(100, [{ ts: DAY / 2, day: '2026-01-01', equity: 100 }]), startTs: 0, trades: [], charges: 0, exposedBars: 0, totalBars: 0 });
    expect([flat.cagr, flat.sharpe, flat.sortino, flat.calmar, flat.winRate, flat.profitFactor, flat.expectancy, flat.chargesShareOfGross]).toEqual([null, null, null, null, null, null, null, null]);
    expect(flat.exposure).toBe(0);
  });

  it('a drawdown that never recovers counts every day to the end', () => {
    expect(maxDrawdown(100, [{ equity: 90 }, { equity: 95 }, { equity: 80 }, { equity: 99 }])).toEqual({ amount: 20, pct: 0.2, days: 4 });
  });
});
