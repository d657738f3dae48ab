import fs from 'node:fs';
import path from 'node:path';
import { equityCsv, metricsCsv, tradesCsv } from '#backtest/export-csv';
import { htmlReport } from '#backtest/html-report';
import type { BacktestResult, Metrics } from '#backtest/types';
import { faultText, optionPricingSummary } from '#contract/backtest-result';

/** Writes result.json, trades.csv, equity.csv, metrics.csv and report.html into `dir`; returns their paths. */
export function writeBacktestFiles(dir: string, r: BacktestResult): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['result.json', `${JSON.stringify(r, null, 1)}\n`],
    ['trades.csv', tradesCsv(r)],
    ['equity.csv', equityCsv(r)],
    ['metrics.csv', metricsCsv(r)],
    ['report.html', htmlReport(r)],
  ];
  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}

const fmt = (v: number | null, kind: 'money' | 'pct' | 'ratio' | 'int'): string => {
  if (v === null) return '—';
  if (kind === 'money') return v.toLocaleString('en-IN', { maximumFractionDigits: 0 });
  if (kind === 'pct') return `${(v * 100).toFixed(1)}%`;
  if (kind === 'ratio') return v.toFixed(2);
  return String(v);
};

/** The figures per bot and portfolio as a plain-text table for the terminal. */
export function summaryTable(r: BacktestResult): string {
  const cols: [string, Metrics][] = [['portfolio', r.portfolio.metrics], ...r.bots.map((b): [string, Metrics] => [b.botId, b.metrics])];
  const rows: [string, (m: Metrics) => string][] = [
    ['net P&L ₹', (m) => fmt(m.netPnl, 'money')],
    ['charges ₹', (m) => fmt(m.charges, 'money')],
    ['CAGR', (m) => fmt(m.cagr, 'pct')],
    ['Sharpe', (m) => fmt(m.sharpe, 'ratio')],
    ['Sortino', (m) => fmt(m.sortino, 'ratio')],
    ['Calmar', (m) => fmt(m.calmar, 'ratio')],
    ['max drawdown', (m) => `${fmt(m.maxDrawdownPct, 'pct')} (${m.maxDrawdownDays} d)`],
    ['trades', (m) => fmt(m.trades, 'int')],
    ['win rate', (m) => fmt(m.winRate, 'pct')],
    ['profit factor', (m) => fmt(m.profitFactor, 'ratio')],
    ['expectancy ₹', (m) => fmt(m.expectancy, 'money')],
    ['exposure', (m) => fmt(m.exposure, 'pct')],
    ['charges / gross', (m) => fmt(m.chargesShareOfGross, 'pct')],
  ];
  const table = [['', ...cols.map(([n]) => n)], ...rows.map(([label, f]) => [label, ...cols.map(([, m]) => f(m))])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}

/** A line for each bot that went to error during the run: its figures stop there. */
export const faultLines = (r: BacktestResult): string[] => r.bots.flatMap((b) => faultText(b) ?? []);

/** One line on what priced the options, day by day counted (each day's chains and why: the result's `optionPricing`). */
export const optionPricingLine = (r: BacktestResult): string | undefined => optionPricingSummary(r.optionPricing);
