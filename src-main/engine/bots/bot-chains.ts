import { istDateKey } from '#core/time-ist';
import type { ChainCache } from '#options/chain-cache';
import type { OptionChain } from '#options/chain';
import type { SpecSource, Underlying } from '#options/contract-specs';
import { expiryInstant } from '#options/expiry';
import type { BotRunner } from './bot-runner.ts';

const YEAR_MS = 365 * 86_400_000;
/** A bot on the nearest expiry trades at most two strikes out of the money: 2.5 % of spot covers it. */
const NEAR_REACH_PCT = 2.5;

/**
 * How far from the money a chain read by a bot with a day-range selector (the iron condor, the volatility
 * expander) must reach, % of spot: a 20 Δ short sits about 0.84 σ√T out and its wing up to 3 % beyond;
 * σ is India VIX with room for BANKNIFTY's higher volatility (×1.5), floored at 20 %.
 */
export function wideReachPct(vix: number | undefined, yearsToExpiry: number): number {
  const sigma = Math.max(0.2, ((vix ?? 20) / 100) * 1.5);
  return 3.5 + 100 * sigma * Math.sqrt(Math.max(0, yearsToExpiry));
}

export interface BotChainsDeps {
  readonly cache: ChainCache;
  readonly runners: () => readonly BotRunner[];
  readonly specs: SpecSource;
  /** Spot of the underlying now, to turn the reach into strikes. */
  readonly spot: (underlying: Underlying) => number | undefined;
  readonly vix: () => number | undefined;
  /** Prices a chain now with that many strikes each side (the simulated market); absent where a feed quotes chains. */
  readonly quote?: (underlying: Underlying, expiry: string, strikesEachSide: number, ts: number) => boolean;
}

/**
 * The chains a bot reads, shared by every bot: at its own evaluation cadence a chain wider or further out
 * than the ones quoted every second is priced on request (once per instant and width), then read from
 * the one shared `ChainCache`, whose snapshot every bot reading it at that instant shares.
 */
export function createBotChains(deps: BotChainsDeps): (underlying: Underlying, expiry: string, now: number) => OptionChain | undefined {
  const wide = (underlying: Underlying): boolean => deps.runners().some((r) => r.active && r.requirements.chains.some((c) => c.underlying === underlying && c.expiries.kind === 'days'));
  return (underlying, expiry, now) => {
    const spot = deps.spot(underlying);
    if (deps.quote && spot !== undefined) {
      const spec = deps.specs.specOn(underlying, istDateKey(now), expiry);
      const years = (expiryInstant(expiry) - now) / YEAR_MS;
      const pct = wide(underlying) ? wideReachPct(deps.vix(), years) : NEAR_REACH_PCT;
      deps.quote(underlying, expiry, Math.ceil((spot * pct) / 100 / spec.strikeStep), now);
    }
    return deps.cache.read(underlying, expiry, now);
  };
}
