import { err, ok, type Result } from '#core/result';
import type { ValuedLeg } from '../valuation.ts';
import { horizonYears, type VarHorizon } from './horizon.ts';
import { legValueNow, returnOf, scenarioTotal, type MarketScenario } from './scenario.ts';
import { tailOf, type TailFigure } from './tail.ts';

export type VarMethod = 'historical' | 'monte-carlo';

export interface VarFigures {
  readonly method: VarMethod;
  readonly horizon: VarHorizon;
  readonly scenarios: number;
  /** One per confidence asked, in order. */
  readonly tails: readonly TailFigure[];
  /** The scenario with the largest loss, and that loss (rupees, positive). */
  readonly worst: { readonly label: string; readonly loss: number };
}

/**
 * VaR and ES of the book by full revaluation: every leg repriced (Black-76 for options) under every
 * scenario at the end of the horizon, the P&L summed per scenario, the tail read off the sample.
 * Nothing here is a delta or delta-gamma approximation.
 */
export function portfolioVar(
  legs: readonly ValuedLeg[],
  scenarios: readonly MarketScenario[],
  horizon: VarHorizon,
  method: VarMethod,
  confidences: readonly number[],
): Result<VarFigures, string> {
  if (scenarios.length === 0) return err('no scenarios');
  const first = scenarios[0]!;
  const missing = [...new Set(legs.map((l) => l.underlying))].filter((u) => returnOf(first, u) === undefined);
  if (missing.length > 0) return err(`the scenarios do not move ${missing.join(', ')}`);
  const base = legs.map(legValueNow);
  const dt = horizonYears(horizon);
  const pnls = new Float64Array(scenarios.length);
  let worst = 0;
  for (let i = 0; i < scenarios.length; i++) {
    pnls[i] = scenarioTotal(legs, base, scenarios[i]!, dt);
    if (pnls[i]! < pnls[worst]!) worst = i;
  }
  return ok({
    method,
    horizon,
    scenarios: scenarios.length,
    tails: confidences.map((c) => tailOf(pnls, c)),
    worst: { label: scenarios[worst]!.label, loss: -pnls[worst]! },
  });
}
