import { createHash } from 'node:crypto';
import { err, ok, type Result } from '#core/result';
import type { Store } from '#store/database';
import { backtestResultSchema, type BacktestResult } from './types.ts';

export interface StoredRun {
  readonly runId: string;
  readonly createdAt: number;
  readonly label: string;
  readonly from: string;
  readonly to: string;
  readonly bots: readonly string[];
  readonly netPnl: number;
  readonly sharpe: number | null;
  readonly maxDrawdownPct: number;
  readonly trades: number;
}

interface RunRow {
  run_id: string;
  created_at: number;
  label: string;
  from_day: string;
  to_day: string;
  bots: string;
  net_pnl: number;
  sharpe: number | null;
  max_drawdown_pct: number;
  trades: number;
}

const RUN_COLUMNS = 'run_id, created_at, label, from_day, to_day, bots, net_pnl, sharpe, max_drawdown_pct, trades';

/** The id of a result: the first 16 hex digits of the SHA-256 of its JSON (identical runs share it). */
export function runIdOf(r: BacktestResult): string {
  return createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 16);
}

/** Keeps a result with its trades, in one transaction; saving the same result again changes nothing. */
export function saveBacktest(store: Store, r: BacktestResult, createdAt: number, label = ''): string {
  const runId = runIdOf(r);
  const m = r.portfolio.metrics;
  const insertRun = store.sqlite.prepare(
    `INSERT OR IGNORE INTO backtest_runs (run_id, created_at, label, from_day, to_day, bots, net_pnl, sharpe, max_drawdown_pct, trades, request, result)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTrade = store.sqlite.prepare(
    `INSERT OR IGNORE INTO backtest_trades (run_id, seq, bot_id, instrument_id, direction, quantity, entry_ts, exit_ts, entry_price, exit_price, gross_pnl, charges, net_pnl, signal, reason, exit_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  store.sqlite.transaction(() => {
    const added = insertRun.run(runId, createdAt, label, r.request.from, r.request.to, JSON.stringify(r.bots.map((b) => b.botId)), m.netPnl, m.sharpe, m.maxDrawdownPct, m.trades, JSON.stringify(r.request), JSON.stringify(r));
    if (added.changes === 0) return;
    for (const [i, t] of r.trades.entries()) {
      insertTrade.run(runId, i, t.botId, t.instrumentId, t.direction, t.quantity, t.entryTs, t.exitTs, t.entryPrice, t.exitPrice, t.grossPnl, t.charges, t.netPnl, t.signal, t.reason, t.exitReason);
    }
  }).immediate();
  return runId;
}

/** Stored runs, newest first. */
export function listBacktests(store: Store, limit = 100): StoredRun[] {
  const rows = store.sqlite
    .prepare(`SELECT ${RUN_COLUMNS} FROM backtest_runs ORDER BY created_at DESC, run_id LIMIT ?`)
    .all(limit) as RunRow[];
  return rows.map(storedRun);
}

/** One stored run's headline figures, or undefined when there is no such run. */
export function findBacktest(store: Store, runId: string): StoredRun | undefined {
  const row = store.sqlite.prepare(`SELECT ${RUN_COLUMNS} FROM backtest_runs WHERE run_id = ?`).get(runId) as RunRow | undefined;
  return row && storedRun(row);
}

function storedRun(r: RunRow): StoredRun {
  return {
    runId: r.run_id,
    createdAt: r.created_at,
    label: r.label,
    from: r.from_day,
    to: r.to_day,
    bots: JSON.parse(r.bots) as string[],
    netPnl: r.net_pnl,
    sharpe: r.sharpe,
    maxDrawdownPct: r.max_drawdown_pct,
    trades: r.trades,
  };
}

/** One stored result, checked against the result schema (a row written by a newer build may not fit). */
export function loadBacktest(store: Store, runId: string): Result<BacktestResult, string> {
  const row = store.sqlite.prepare('SELECT result FROM backtest_runs WHERE run_id = ?').get(runId) as { result: string } | undefined;
  if (!row) return err(`no stored backtest ${runId}`);
  const parsed = backtestResultSchema.safeParse(JSON.parse(row.result));
  if (!parsed.success) return err(`stored backtest ${runId} does not fit this build's result format: ${parsed.error.issues[0]?.message ?? ''}`);
  return ok(parsed.data);
}
