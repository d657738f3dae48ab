import { istDateKey } from '#core/time-ist';
import type { ChainCache } from '#options/chain-cache';
import type { OptionChain } from '#options/chain';
import type { SpecSource, Underlying } from '#options/contract-specs';
import { expiryInstant } from '#options/expiry';
import type { BotKind } from '#bots/catalog';

const YEAR_MS = 365 * 86_400_000;
/**
 * Most bots trade at the money or a strike or two out of it (the straddle, the expander's ATM or 1 OTM,
 * the rider's 1–2 OTM): 1.5 % of spot covers that, inside what the simulation quotes every second.
 */
const NEAR_REACH_PCT = 1.5;
/** Bots whose strikes sit far out: an iron condor's 20 Δ shorts and their wings. */
const WIDE: ReadonlySet<BotKind> = new Set<BotKind>(['iron-condor']);

/**
 * How far from the money an iron condor's chain must reach, % of spot: a 20 Δ short sits about 0.84 σ√T
 * out and its wing up to 3 % beyond; σ is India VIX with room for BANKNIFTY's higher volatility (×1.5),
 * floored at 20 %.
 */
export function wideReachPct(vix: number | undefined, yearsToExpiry: number): number {
  const sigma = Math.max(0.2, ((vix ?? 20) / 100) * 1.5);
  return 3.5 + 100 * sigma * Math.sqrt(Math.max(0, yearsToExpiry));
}

export interface BotChainsDeps {
  readonly cache: ChainCache;
  /** The bot whose hook is running (the one reading the chain). */
  readonly reader: () => BotKind | undefined;
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
  const wide = (): boolean => {
    const kind = deps.reader();
    return kind !== undefined && WIDE.has(kind);
  };
  return (underlying, expiry, now) => {
    const spot = deps.spot(underlying);
    if (deps.quote && spot !== undefined) {
      const spec = deps.specs.specOn(underlying, istDateKey(now), expiry);
      const years = (expiryInstant(expiry) - now) / YEAR_MS;
      const pct = wide() ? wideReachPct(deps.vix(), years) : NEAR_REACH_PCT;
      deps.quote(underlying, expiry, Math.ceil((spot * pct) / 100 / spec.strikeStep), now);
    }
    return deps.cache.read(underlying, expiry, now);
  };
}
