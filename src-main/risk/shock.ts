import type { RiskConfig } from '#config/risk-schema';
import { legValue, type ValuedLeg } from './valuation.ts';

/**
 * The shock gate's measure: the book's worst loss over a grid of spot moves (±spotPct in spotSteps
 * steps each side) and IV shifts (−ivPoints, 0, +ivPoints), every option leg revalued in full with
 * Black-76 at the current instant. The grid is applied to all underlyings together (indices move
 * together) and to each underlying alone (a spread between two indices must not hide its risk).
 */
export interface ShockResult {
  /** Rupees, ≥ 0. */
  readonly worstLoss: number;
  readonly spotPct: number;
  readonly ivPoints: number;
  /** The underlying shocked alone, or 'all'. */
  readonly scope: string;
}

export function shockGrid(cfg: RiskConfig['shock']): { spotPct: number; ivPoints: number }[] {
  const out: { spotPct: number; ivPoints: number }[] = [];
  const ivs = cfg.ivPoints > 0 ? [-cfg.ivPoints, 0, cfg.ivPoints] : [0];
  for (let i = -cfg.spotSteps; i <= cfg.spotSteps; i++) {
    for (const iv of ivs) out.push({ spotPct: (cfg.spotPct * i) / cfg.spotSteps, ivPoints: iv });
  }
  return out;
}

export function worstShock(legs: readonly ValuedLeg[], cfg: RiskConfig['shock']): ShockResult {
  const grid = shockGrid(cfg);
  const underlyings = [...new Set(legs.map((l) => l.underlying))];
  const scopes = underlyings.length > 1 ? ['all', ...underlyings] : ['all'];
  const base = legs.map((l) => legValue(l));
  let worst: ShockResult = { worstLoss: 0, spotPct: 0, ivPoints: 0, scope: 'all' };
  for (const scope of scopes) {
    for (const sc of grid) {
      let loss = 0;
      legs.forEach((l, i) => {
        const hit = scope === 'all' || l.underlying === scope;
        loss += base[i]! - (hit ? legValue(l, sc.spotPct, sc.ivPoints) : base[i]!);
      });
      if (loss > worst.worstLoss) worst = { worstLoss: loss, spotPct: sc.spotPct, ivPoints: sc.ivPoints, scope };
    }
  }
  return worst;
}

/** The P&L of a set of legs under each spot move and IV shift of the shock grid, all underlyings moved together. */
export interface ShockTable {
  /** Spot moves, %, ascending. */
  readonly spotPcts: readonly number[];
  /** IV shifts, points, ascending. */
  readonly ivPoints: readonly number[];
  /** Rupees: `pnl[i][j]` is the change in value at `spotPcts[i]` and `ivPoints[j]`. */
  readonly pnl: readonly (readonly number[])[];
}

export function shockTable(legs: readonly ValuedLeg[], cfg: RiskConfig['shock']): ShockTable {
  const spotPcts: number[] = [];
  for (let i = -cfg.spotSteps; i <= cfg.spotSteps; i++) spotPcts.push((cfg.spotPct * i) / cfg.spotSteps);
  const ivPoints = cfg.ivPoints > 0 ? [-cfg.ivPoints, 0, cfg.ivPoints] : [0];
  const base = legs.reduce((s, l) => s + legValue(l), 0);
  const pnl = spotPcts.map((sp) => ivPoints.map((iv) => legs.reduce((s, l) => s + legValue(l, sp, iv), 0) - base));
  return { spotPcts, ivPoints, pnl };
}
