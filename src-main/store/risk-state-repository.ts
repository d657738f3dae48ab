import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import { err, ok, type Result } from '#core/result';
import { riskConfigSchema, type RiskConfig } from '#config/risk-schema';
import type { RiskExitRulesTable } from './schema.ts';

/**
 * The SQLite side of risk/ports.ts `RiskStateStore` (risk_state and risk_exit_rules, migration 006).
 * The store may not import risk, so the shapes are restated here; the engine hands this object to the
 * risk ledger and monitor, where TypeScript checks that the two agree.
 */
export interface StoredRiskState {
  readonly dayKey: string;
  readonly tradingState: 'active' | 'reducing' | 'halted';
  readonly cause: 'daily-loss' | 'day-drawdown' | 'overall-drawdown' | 'kill-switch' | 'trader' | 'state-unreadable' | null;
  readonly since: number;
  readonly dayStartPnl: number;
  readonly dayPeakPnl: number;
  readonly overallPeakPnl: number;
  readonly lastPnl: number;
  readonly limits: RiskConfig;
  readonly tsLast: number;
}

export interface StoredExitRule {
  readonly id: string;
  readonly spec: unknown;
  readonly highWater: number | null;
  readonly triggeredAt: number | null;
  readonly firedReason: string | null;
  readonly firedThreshold: number | null;
}

const rowSchema = z.object({
  day_key: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  trading_state: z.enum(['active', 'reducing', 'halted']),
  cause: z.enum(['daily-loss', 'day-drawdown', 'overall-drawdown', 'kill-switch', 'trader', 'state-unreadable']).nullable(),
  since: z.number().int(),
  day_start_pnl: z.number(),
  day_peak_pnl: z.number(),
  overall_peak_pnl: z.number(),
  last_pnl: z.number(),
  limits: z.string(),
  ts_last: z.number().int(),
});

type ExitRuleRow = RiskExitRulesTable;

export class RiskStateRepository {
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.stmts = {
      get: db.prepare('SELECT * FROM risk_state WHERE id = 1'),
      upsert: db.prepare(
        `INSERT INTO risk_state (id, day_key, trading_state, cause, since, day_start_pnl, day_peak_pnl, overall_peak_pnl, last_pnl, limits, ts_last)
         VALUES (1, @dayKey, @tradingState, @cause, @since, @dayStartPnl, @dayPeakPnl, @overallPeakPnl, @lastPnl, @limits, @tsLast)
         ON CONFLICT (id) DO UPDATE SET day_key = excluded.day_key, trading_state = excluded.trading_state, cause = excluded.cause,
           since = excluded.since, day_start_pnl = excluded.day_start_pnl, day_peak_pnl = excluded.day_peak_pnl,
           overall_peak_pnl = excluded.overall_peak_pnl, last_pnl = excluded.last_pnl, limits = excluded.limits, ts_last = excluded.ts_last`,
      ),
      rules: db.prepare('SELECT * FROM risk_exit_rules ORDER BY rule_id'),
      saveRule: db.prepare(
        `INSERT INTO risk_exit_rules (rule_id, spec, high_water, triggered_at, fired_reason, fired_threshold)
         VALUES (@id, @spec, @highWater, @triggeredAt, @firedReason, @firedThreshold)
         ON CONFLICT (rule_id) DO UPDATE SET spec = excluded.spec, high_water = excluded.high_water, triggered_at = excluded.triggered_at,
           fired_reason = excluded.fired_reason, fired_threshold = excluded.fired_threshold`,
      ),
      deleteRule: db.prepare('DELETE FROM risk_exit_rules WHERE rule_id = ?'),
    };
  }

  /** The stored state, undefined on a fresh database, or a typed error naming what is wrong with the row. */
  load(): Result<StoredRiskState | undefined, { readonly message: string }> {
    let raw: unknown;
    try {
      raw = this.stmts.get.get();
    } catch (e) {
      return err({ message: `risk_state cannot be read: ${(e as Error).message}` });
    }
    if (raw === undefined) return ok(undefined);
    const row = rowSchema.safeParse(raw);
    if (!row.success) return err({ message: `risk_state row is invalid: ${row.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    let limitsJson: unknown;
    try {
      limitsJson = JSON.parse(row.data.limits);
    } catch (e) {
      return err({ message: `risk_state limits are not JSON: ${(e as Error).message}` });
    }
    const limits = riskConfigSchema.safeParse(limitsJson);
    if (!limits.success) return err({ message: `risk_state limits are invalid: ${limits.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    const r = row.data;
    return ok({
      dayKey: r.day_key,
      tradingState: r.trading_state,
      cause: r.cause,
      since: r.since,
      dayStartPnl: r.day_start_pnl,
      dayPeakPnl: r.day_peak_pnl,
      overallPeakPnl: r.overall_peak_pnl,
      lastPnl: r.last_pnl,
      limits: limits.data,
      tsLast: r.ts_last,
    });
  }

  save(s: StoredRiskState): void {
    this.stmts.upsert.run({
      dayKey: s.dayKey,
      tradingState: s.tradingState,
      cause: s.cause,
      since: s.since,
      dayStartPnl: s.dayStartPnl,
      dayPeakPnl: s.dayPeakPnl,
      overallPeakPnl: s.overallPeakPnl,
      lastPnl: s.lastPnl,
      limits: JSON.stringify(s.limits),
      tsLast: s.tsLast,
    });
  }

  /**
   * Every stored rule. A spec that is not JSON comes back as its raw text, which the monitor's
   * validation rejects and reports for that rule alone; nothing is deleted.
   */
  loadExitRules(): Result<readonly StoredExitRule[], { readonly message: string }> {
    const out: StoredExitRule[] = [];
    let rows: ExitRuleRow[];
    try {
      rows = this.stmts.rules.all() as ExitRuleRow[];
    } catch (e) {
      return err({ message: `risk_exit_rules cannot be read: ${(e as Error).message}` });
    }
    for (const r of rows) {
      let spec: unknown;
      try {
        spec = JSON.parse(r.spec);
      } catch {
        spec = r.spec;
      }
      out.push({ id: r.rule_id, spec, highWater: r.high_water, triggeredAt: r.triggered_at, firedReason: r.fired_reason, firedThreshold: r.fired_threshold });
    }
    return ok(out);
  }

  saveExitRule(rule: StoredExitRule): void {
    this.stmts.saveRule.run({
      id: rule.id,
      spec: JSON.stringify(rule.spec),
      highWater: rule.highWater,
      triggeredAt: rule.triggeredAt,
      firedReason: rule.firedReason,
      firedThreshold: rule.firedThreshold,
    });
  }

  deleteExitRule(id: string): void {
    this.stmts.deleteRule.run(id);
  }
}
