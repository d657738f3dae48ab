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

/** The scenarios one at a time, so a caller can spread the work over several turns of its event loop. */
export function* monteCarloDraws(model: ReturnModel, underlyings: readonly string[], horizon: VarHorizon, vixNow: number, opts: MonteCarloOptions): Generator<MarketScenario, void, undefined> {
  const rng = createRandom(opts.seed);
  for (let i = 0; i < opts.scenarios; i++) {
    const d = model.draw(rng, underlyings, horizon, vixNow);
    yield { label: `draw ${i + 1}`, returns: d.returns, ivPoints: d.vixChange };
  }
}

export function monteCarloScenarios(model: ReturnModel, underlyings: readonly string[], horizon: VarHorizon, vixNow: number, opts: MonteCarloOptions): MarketScenario[] {
  return [...monteCarloDraws(model, underlyings, horizon, vixNow, opts)];
}
