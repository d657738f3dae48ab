import type { BacktestResult } from './types.ts';

/**
 * What a backtest had decided by the close of `day`: every equity point up to that day (portfolio and per
 * bot) and every trade closed by then. Two runs that differ only in data after `day` must agree on this;
 * if they do not, something read the future.
 */
export function decidedBy(r: BacktestResult, day: string): unknown {
  const close = r.portfolio.equity.find((p) => p.day === day)?.ts;
  if (close === undefined) throw new RangeError(`${day} is not a session of this result`);
  return {
    portfolio: r.portfolio.equity.filter((p) => p.day <= day),
    bots: r.bots.map((b) => ({ botId: b.botId, equity: b.equity.filter((p) => p.day <= day) })),
    trades: r.trades.filter((t) => t.exitTs <= close),
  };
}

/** The paths (`portfolio[0].equity`, `trades.length`) where two runs disagree on what was decided by `day`. */
export function lookAheadDifferences(a: BacktestResult, b: BacktestResult, day: string): string[] {
  const out: string[] = [];
  diff(decidedBy(a, day), decidedBy(b, day), '', out);
  return out;
}

function diff(x: unknown, y: unknown, path: string, out: string[]): void {
  if (out.length >= 20) return;
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) out.push(`${path}.length ${x.length} ≠ ${y.length}`);
    for (let i = 0; i < Math.min(x.length, y.length); i++) diff(x[i], y[i], `${path}[${i}]`, out);
    return;
  }
  if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) diff((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (!Object.is(x, y)) out.push(`${path}: ${String(x)} ≠ ${String(y)}`);
}
