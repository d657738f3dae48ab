import { createRandom, type Random } from '#core/random';
import type { VarHorizon } from './horizon.ts';
import type { MarketScenario } from './scenario.ts';

/**
 * Where Monte Carlo draws its moves: the simulator's return model (engine/var adapts market's
 * MarketModel to this port; risk may not import market). One call is one joint move of the named
 * underlyings and of India VIX over the horizon, starting from VIX at `vixNow`, drawn from `rng` only.
 */
export interface ReturnModel {
  draw(rng: Random, underlyings: readonly string[], horizon: VarHorizon, vixNow: number): { readonly returns: Record<string, number>; readonly vixChange: number };
}

export interface MonteCarloOptions {
  readonly scenarios: number;
  /** Same seed, same scenarios: a VaR figure can be reproduced. */
  readonly seed: number;
}

export function monteCarloScenarios(model: ReturnModel, underlyings: readonly string[], horizon: VarHorizon, vixNow: number, opts: MonteCarloOptions): MarketScenario[] {
  const rng = createRandom(opts.seed);
  const out: MarketScenario[] = [];
  for (let i = 0; i < opts.scenarios; i++) {
    const d = model.draw(rng, underlyings, horizon, vixNow);
    out.push({ label: `draw ${i + 1}`, returns: d.returns, ivPoints: d.vixChange });
  }
  return out;
}
