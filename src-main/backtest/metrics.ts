import type { EquityPoint, Metrics, Trade } from './types.ts';

/** Trading days a year, for annualising daily Sharpe and Sortino. */
export const TRADING_DAYS_PER_YEAR = 252;
const DAY_MS = 86_400_000;

export interface MetricsInput {
  readonly startEquity: number;
  /** End-of-day equity, oldest first. */
  readonly equity: readonly EquityPoint[];
  /** Instant the run started (the first day's open): the CAGR's span runs from here to the last point. */
  readonly startTs: number;
  readonly trades: readonly Trade[];
  /** Charges of every fill, closed trades or not. */
  readonly charges: number;
  /** Bars with a position open, and bars in the run. */
  readonly exposedBars: number;
  readonly totalBars: number;
}

/** End-of-day equity and its drawdown from the running peak (the start counts as a peak). */
export function drawdownCurve(startEquity: number, points: readonly { ts: number; day: string; equity: number }[]): EquityPoint[] {
  let peak = startEquity;
  return points.map((p) => {
    peak = Math.max(peak, p.equity);
    return { ts: p.ts, day: p.day, equity: p.equity, drawdown: p.equity - peak };
  });
}

/**
 * The figures of one equity curve and its trades. Daily returns are taken from end-of-day equity
 * (the first day against the starting equity); Sharpe and Sortino use a zero risk-free rate, the sample
 * standard deviation (n − 1) and the downside deviation over all days (root mean square of the negative
 * returns, counting the others as zero), both annualised by √252.
 */
export function computeMetrics(m: MetricsInput): Metrics {
  const end = m.equity.at(-1)?.equity ?? m.startEquity;
  const returns: number[] = [];
  let prev = m.startEquity;
  for (const p of m.equity) {
    returns.push(prev !== 0 ? p.equity / prev - 1 : 0);
    prev = p.equity;
  }
  const dd = maxDrawdown(m.startEquity, m.equity);
  const spanYears = ((m.equity.at(-1)?.ts ?? m.startTs) - m.startTs) / (365 * DAY_MS);
  const cagr = spanYears * 365 >= 1 && m.startEquity > 0 && end > 0 ? (end / m.startEquity) ** (1 / spanYears) - 1 : null;
  const wins = m.trades.filter((t) => t.netPnl > 0);
  const losses = m.trades.filter((t) => t.netPnl < 0);
  const grossWin = wins.reduce((s, t) => s + t.netPnl, 0);
  const grossLoss = -losses.reduce((s, t) => s + t.netPnl, 0);
  const netPnl = end - m.startEquity;
  const grossPnl = netPnl + m.charges;
  const turnover = m.trades.reduce((s, t) => s + Math.abs(t.grossPnl), 0);
  return {
    startEquity: m.startEquity,
    endEquity: end,
    netPnl,
    grossPnl,
    charges: m.charges,
    cagr,
    sharpe: sharpe(returns),
    sortino: sortino(returns),
    calmar: cagr !== null && dd.pct > 0 ? cagr / dd.pct : null,
    maxDrawdown: dd.amount,
    maxDrawdownPct: dd.pct,
    maxDrawdownDays: dd.days,
    trades: m.trades.length,
    winRate: m.trades.length > 0 ? wins.length / m.trades.length : null,
    profitFactor: grossLoss > 0 ? grossWin / grossLoss : null,
    expectancy: m.trades.length > 0 ? m.trades.reduce((s, t) => s + t.netPnl, 0) / m.trades.length : null,
    exposure: m.totalBars > 0 ? m.exposedBars / m.totalBars : 0,
    chargesShareOfGross: turnover > 0 ? m.charges / turnover : null,
  };
}

function sharpe(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
  const variance = returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (returns.length - 1);
  return variance > 0 ? (mean / Math.sqrt(variance)) * Math.sqrt(TRADING_DAYS_PER_YEAR) : null;
}

function sortino(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
  const downside = Math.sqrt(returns.reduce((s, r) => s + Math.min(0, r) ** 2, 0) / returns.length);
  return downside > 0 ? (mean / downside) * Math.sqrt(TRADING_DAYS_PER_YEAR) : null;
}

/** Deepest fall from a running peak (amount and share of that peak) and the longest run of days below a peak. */
export function maxDrawdown(startEquity: number, points: readonly { equity: number }[]): { amount: number; pct: number; days: number } {
  let peak = startEquity;
  let amount = 0;
  let pct = 0;
  let days = 0;
  let under = 0;
  for (const p of points) {
    if (p.equity >= peak) {
      peak = p.equity;
      under = 0;
      continue;
    }
    under++;
    days = Math.max(days, under);
    if (peak - p.equity > amount) {
      amount = peak - p.equity;
      pct = peak > 0 ? amount / peak : 0;
    }
  }
  return { amount, pct, days };
}
