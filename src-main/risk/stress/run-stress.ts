import { legValueNow, scenarioPnl } from '../var/scenario.ts';
import type { ValuedLeg } from '../valuation.ts';
import type { StressScenario, StressSource } from './catalog.ts';

export interface StressRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: StressSource;
  /** The move the figures are for (the worst one of a multi-move scenario). */
  readonly move: string;
  /** Rupees, negative a loss. */
  readonly pnl: number;
  readonly byBot: Readonly<Record<string, number>>;
}

export interface StressReport {
  readonly ts: number;
  readonly rows: readonly StressRow[];
  /** The largest loss over the scenarios (rupees, ≥ 0) and which one. */
  readonly worst: { readonly id: string; readonly loss: number };
  /** Every bot (and `manual`) with a leg in the book. */
  readonly owners: readonly string[];
}

/** The book's P&L under each named stress, in total and per bot, by full revaluation of every leg. */
export function runStress(legs: readonly ValuedLeg[], scenarios: readonly StressScenario[], ts: number): StressReport {
  const base = legs.map(legValueNow);
  const rows: StressRow[] = [];
  let worst = { id: '', loss: 0 };
  for (const s of scenarios) {
    let pick: { move: string; pnl: number; byBot: Readonly<Record<string, number>> } | undefined;
    for (const m of s.moves) {
      const r = scenarioPnl(legs, base, m, s.dtYears);
      if (r && (!pick || r.total < pick.pnl)) pick = { move: m.label, pnl: r.total, byBot: r.byBot };
    }
    if (!pick) continue;
    rows.push({ id: s.id, name: s.name, description: s.description, source: s.source, ...pick });
    if (-pick.pnl > worst.loss) worst = { id: s.id, loss: -pick.pnl };
  }
  const owners = [...new Set(rows.flatMap((r) => Object.keys(r.byBot)))].sort();
  return { ts, rows, worst, owners };
}

