import type BetterSqlite3 from 'better-sqlite3';
import type { VarMethod } from '#risk/var/portfolio-var';

/** One stored VaR figure (migration 011). */
export interface VarHistoryRow {
  readonly ts: number;
  readonly method: VarMethod;
  /** `1d` or `<minutes>m`. */
  readonly horizon: string;
  readonly confidence: number;
  readonly var: number;
  readonly es: number;
  readonly varLow: number;
  readonly varHigh: number;
  readonly scenarios: number;
  readonly legs: number;
  readonly worst: string;
}

interface Row {
  ts: number;
  method: VarMethod;
  horizon: string;
  confidence: number;
  var: number;
  es: number;
  var_low: number;
  var_high: number;
  scenarios: number;
  legs: number;
  worst: string;
}

export class VarHistoryRepository {
  private readonly insert: BetterSqlite3.Statement;
  private readonly since: BetterSqlite3.Statement;
  private readonly tx: BetterSqlite3.Transaction<(rows: readonly VarHistoryRow[]) => void>;

  constructor(sqlite: BetterSqlite3.Database) {
    this.insert = sqlite.prepare(
      'INSERT OR REPLACE INTO var_history (ts, method, horizon, confidence, var, es, var_low, var_high, scenarios, legs, worst) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.since = sqlite.prepare('SELECT * FROM var_history WHERE ts >= ? ORDER BY ts, method, horizon, confidence');
    this.tx = sqlite.transaction((rows: readonly VarHistoryRow[]) => {
      for (const r of rows) this.insert.run(r.ts, r.method, r.horizon, r.confidence, r.var, r.es, r.varLow, r.varHigh, r.scenarios, r.legs, r.worst);
    });
  }

  save(rows: readonly VarHistoryRow[]): void {
    if (rows.length > 0) this.tx.immediate(rows);
  }

  after(fromMs: number): VarHistoryRow[] {
    return (this.since.all(fromMs) as Row[]).map((r) => ({
      ts: r.ts,
      method: r.method,
      horizon: r.horizon,
      confidence: r.confidence,
      var: r.var,
      es: r.es,
      varLow: r.var_low,
      varHigh: r.var_high,
      scenarios: r.scenarios,
      legs: r.legs,
      worst: r.worst,
    }));
  }
}
