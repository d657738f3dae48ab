import type { Random } from '#core/random';
import { DEFAULT_MODEL_PARAMS, MarketModel, type ModelParams } from '#market/feeds/simulator/market-model';
import { UNDERLYINGS, type UnderlyingSpec } from '#market/feeds/simulator/instruments';
import type { ReturnModel } from '#risk/var/monte-carlo';
import type { VarHorizon } from '#risk/var/horizon';

const SESSION_MINUTES = 375;
/** 15 steps a session: the session's variance profile is sampled at each step's middle minute. */
const STEP_MINUTES = 25;

/**
 * Monte Carlo's moves come from the simulator's own market model (two factors, stochastic volatility
 * with leverage, Student-t opening gaps, jumps), started at today's India VIX. One day is an overnight
 * gap and a full session in 25-minute steps; an intraday horizon is that many minutes of steps spread
 * over the session, so it carries the session's average share of variance per minute.
 */
export function simulatorReturnModel(params: ModelParams = DEFAULT_MODEL_PARAMS, specs: readonly UnderlyingSpec[] = UNDERLYINGS): ReturnModel & { covers(underlying: string): boolean } {
  const noExpiry = new Float64Array(specs.length).fill(Number.POSITIVE_INFINITY);
  const index = new Map(specs.map((s, i) => [s.name, i]));
  return {
    covers: (u) => index.has(u),
    draw(rng: Random, underlyings: readonly string[], horizon: VarHorizon, vixNow: number) {
      const model = new MarketModel(specs, { ...params, initialVix: vixNow }, rng);
      const start = Float64Array.from(model.state.spot);
      const vix0 = model.state.vix;
      if (horizon.kind === 'one-day') {
        model.openSession(1, 0, noExpiry);
        for (let m = 0; m < SESSION_MINUTES; m += STEP_MINUTES) model.step(STEP_MINUTES * 60, m + STEP_MINUTES / 2, 0, noExpiry);
      } else {
        const steps = Math.max(1, Math.round(horizon.minutes / STEP_MINUTES));
        const dtSec = (horizon.minutes * 60) / steps;
        for (let k = 0; k < steps; k++) model.step(dtSec, Math.floor(((k + 0.5) * SESSION_MINUTES) / steps), 0, noExpiry);
      }
      const returns: Record<string, number> = {};
      for (const u of underlyings) {
        const i = index.get(u);
        returns[u] = i === undefined ? Number.NaN : model.state.spot[i]! / start[i]! - 1;
      }
      return { returns, vixChange: model.state.vix - vix0 };
    },
  };
}
