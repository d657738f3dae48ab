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

/** A revaluation in progress: `step` reprices the book under the next scenarios, `figures` reads the tail once done. */
export interface VarRun {
  /** Reprices up to `n` more scenarios; true once every scenario is done. */
  step(n: number): boolean;
  figures(method: VarMethod, confidences: readonly number[]): VarFigures;
}

/**
 * VaR and ES of the book by full revaluation: every leg repriced (Black-76 for options) under every
 * scenario at the end of the horizon, the P&L summed per scenario, the tail read off the sample.
 * Nothing here is a delta or delta-gamma approximation. Step by step, so the engine can spread a large
 * set over several turns of its loop.
 */
export function varRun(legs: readonly ValuedLeg[], scenarios: readonly MarketScenario[], horizon: VarHorizon): Result<VarRun, string> {
  if (scenarios.length === 0) return err('no scenarios');
  const first = scenarios[0]!;
  const missing = [...new Set(legs.map((l) => l.underlying))].filter((u) => returnOf(first, u) === undefined);
  if (missing.length > 0) return err(`the scenarios do not move ${missing.join(', ')}`);
  const base = legs.map(legValueNow);
  const dt = horizonYears(horizon);
  const pnls = new Float64Array(scenarios.length);
  let worst = 0;
  let done = 0;
  return ok({
    step(n) {
      const end = Math.min(scenarios.length, done + n);
      for (let i = done; i < end; i++) {
        pnls[i] = scenarioTotal(legs, base, scenarios[i]!, dt);
        if (pnls[i]! < pnls[worst]!) worst = i;
      }
      done = end;
      return done === scenarios.length;
    },
    figures(method, confidences) {
      if (done < scenarios.length) throw new Error(`VaR read after ${done} of ${scenarios.length} scenarios`);
      return { method, horizon, scenarios: scenarios.length, tails: confidences.map((c) => tailOf(pnls, c)), worst: { label: scenarios[worst]!.label, loss: -pnls[worst]! } };
    },
  });
}

/** `varRun` in one go. */
export function portfolioVar(
  legs: readonly ValuedLeg[],
  scenarios: readonly MarketScenario[],
  horizon: VarHorizon,
  method: VarMethod,
  confidences: readonly number[],
): Result<VarFigures, string> {
  const run = varRun(legs, scenarios, horizon);
  if (!run.ok) return run;
  run.value.step(scenarios.length);
  return ok(run.value.figures(method, confidences));
}
