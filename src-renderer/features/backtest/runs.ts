import type { BacktestDto, BacktestMetricsDto } from '#contract/backtest-dto';
import { backtestReportHref } from '#contract/rest-api';

/** Runs compared side by side at most. */
export const MAX_COMPARED = 4;

/**
 * Folds one `backtests` delta into the list (newest first): a finished job comes back as its kept run
 * (`jobId` names the job), so the job's row gives way to the run's; a run kept twice (the same result) is
 * one row.
 */
export function mergeRun(list: readonly BacktestDto[], b: BacktestDto): BacktestDto[] {
  const rest = list.filter((x) => x.id !== b.id && (b.jobId === undefined || x.id !== b.jobId));
  const at = list.findIndex((x) => x.id === b.id || (b.jobId !== undefined && x.id === b.jobId));
  if (at < 0) return [b, ...rest];
  const next = [...rest];
  next.splice(Math.min(at, next.length), 0, b);
  return next;
}

/** Toggles a run in the comparison, keeping the order they were picked in and at most MAX_COMPARED. */
export function toggleCompared(selected: readonly string[], id: string): string[] {
  if (selected.includes(id)) return selected.filter((x) => x !== id);
  return [...selected, id].slice(-MAX_COMPARED);
}

/** A finished job's id in the comparison becomes its kept run's id. */
export function renameCompared(selected: readonly string[], b: BacktestDto): string[] {
  return b.jobId !== undefined ? selected.map((x) => (x === b.jobId ? b.id : x)) : [...selected];
}

/**
 * Where a kept run's report opens as a page: the terminal serving this page answers it at its /api, behind
 * the same access cookie. Inside the Electron app there is no such server (the report is saved as a file).
 */
export function reportPageHref(runId: string, servedOverHttp: boolean): string | undefined {
  return servedOverHttp ? backtestReportHref(runId) : undefined;
}

type Kind = 'inr' | 'ratio' | 'pct' | 'count' | 'days';

/** The metrics table's rows: label, field, how it reads. Higher is better except for drawdowns and charges. */
export const METRIC_ROWS: readonly (readonly [string, keyof BacktestMetricsDto, Kind])[] = [
  ['Net P&L', 'netPnl', 'inr'],
  ['Gross P&L', 'grossPnl', 'inr'],
  ['Charges', 'charges', 'inr'],
  ['CAGR', 'cagr', 'pct'],
  ['Sharpe', 'sharpe', 'ratio'],
  ['Sortino', 'sortino', 'ratio'],
  ['Calmar', 'calmar', 'ratio'],
  ['Max drawdown', 'maxDrawdown', 'inr'],
  ['Max drawdown %', 'maxDrawdownPct', 'pct'],
  ['Drawdown length', 'maxDrawdownDays', 'days'],
  ['Trades', 'trades', 'count'],
  ['Win rate', 'winRate', 'pct'],
  ['Profit factor', 'profitFactor', 'ratio'],
  ['Expectancy', 'expectancy', 'inr'],
  ['Exposure', 'exposure', 'pct'],
  ['Charges ÷ gross', 'chargesShareOfGross', 'pct'],
];

export function metricText(value: number | null, kind: Kind, inr: (v: number) => string): string {
  if (value === null) return '—';
  switch (kind) {
    case 'inr':
      return inr(value);
    case 'pct':
      return `${(value * 100).toFixed(1)} %`;
    case 'ratio':
      return value.toFixed(2);
    case 'days':
      return `${value} d`;
    default:
      return String(value);
  }
}
