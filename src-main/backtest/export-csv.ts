import type { BacktestResult, EquityPoint, Metrics } from './types.ts';

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function field(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const row = (values: readonly unknown[]): string => values.map(field).join(',');

export function tradesCsv(r: BacktestResult): string {
  const head = ['bot', 'instrument', 'direction', 'quantity', 'entry_time', 'exit_time', 'entry_price', 'exit_price', 'gross_pnl', 'charges', 'net_pnl', 'signal', 'reason', 'exit_reason'];
  const lines = r.trades.map((t) =>
    row([t.botId, t.instrumentId, t.direction, t.quantity, new Date(t.entryTs).toISOString(), new Date(t.exitTs).toISOString(), t.entryPrice, t.exitPrice, t.grossPnl.toFixed(2), t.charges.toFixed(2), t.netPnl.toFixed(2), t.signal, t.reason, t.exitReason]),
  );
  return [row(head), ...lines].join('\r\n') + '\r\n';
}

/** One row per day: the portfolio's equity and drawdown, then each bot's. */
export function equityCsv(r: BacktestResult): string {
  const head = ['day', 'portfolio_equity', 'portfolio_drawdown', ...r.bots.flatMap((b) => [`${b.botId}_equity`, `${b.botId}_drawdown`])];
  const money = (p: EquityPoint | undefined): string[] => (p ? [p.equity.toFixed(2), p.drawdown.toFixed(2)] : ['', '']);
  const lines = r.portfolio.equity.map((p, i) => row([p.day, ...money(p), ...r.bots.flatMap((b) => money(b.equity[i]))]));
  return [row(head), ...lines].join('\r\n') + '\r\n';
}

/** One row per bot and one for the portfolio: every metric as a column. */
export function metricsCsv(r: BacktestResult): string {
  const keys = Object.keys(r.portfolio.metrics) as (keyof Metrics)[];
  const lines = [['portfolio', r.portfolio.metrics] as const, ...r.bots.map((b) => [b.botId, b.metrics] as const)].map(([name, m]) => row([name, ...keys.map((k) => m[k])]));
  return [row(['scope', ...keys]), ...lines].join('\r\n') + '\r\n';
}
