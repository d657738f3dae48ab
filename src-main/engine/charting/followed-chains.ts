import { istDateKey } from '#core/time-ist';
import type { Instrument } from '#model/instrument';
import { isUnderlying, type SpecSource, type Underlying } from '#options/contract-specs';
import { nextExpiry } from '#options/expiry';
import type { ChainTarget } from './openalgo-chains.ts';

const MINUTE_MS = 60_000;

/**
 * Which chains the engine keeps fresh outside simulation: for every option underlying whose index it
 * follows, the nearest expiry (the weekly where there is one) and the nearest monthly, both from the
 * project's NSE calendar (holiday shifts included) because that is how the bots name the expiry they
 * read. Another expiry (the expander's 15–25 days out, the condor's minimum days) is followed once a bot
 * asks for it (`target`). The exchange is the contract's on that expiry (NFO, BFO for SENSEX).
 */
export function followedChains(instruments: readonly Instrument[], specs: SpecSource) {
  const underlyings: Underlying[] = [...new Set(instruments.filter((i) => i.kind === 'index' && isUnderlying(i.symbol)).map((i) => i.symbol as Underlying))];
  const target = (underlying: string, expiry: string, now: number): ChainTarget | undefined => {
    if (!isUnderlying(underlying) || !/^\d{4}-\d{2}-\d{2}$/.test(expiry) || expiry < istDateKey(now)) return undefined;
    return { underlying, exchange: specs.specOn(underlying, istDateKey(now), expiry).exchange, expiry };
  };
  let cached: { minute: number; targets: ChainTarget[] } | undefined;
  const standing = (now: number): readonly ChainTarget[] => {
    const minute = Math.floor(now / MINUTE_MS);
    if (cached?.minute === minute) return cached.targets;
    const targets: ChainTarget[] = [];
    for (const u of underlyings) {
      const dates = new Set([nextExpiry(u, now).date, nextExpiry(u, now, 'monthly').date]);
      for (const d of dates) targets.push(target(u, d, now)!);
    }
    cached = { minute, targets };
    return targets;
  };
  return { standing, target };
}
