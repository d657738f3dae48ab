import { isUnderlying } from '#options/contract-specs';
import { nextExpiry } from '#options/expiry';

/**
 * The expiry instants the simulator lists for an underlying: those the terminal's bots name on the NSE
 * calendar, the nearest (the weekly where there is one) and the monthly, or the next monthly when the
 * nearest is the monthly; each as of the simulator's clock and as of the wall clock the terminal reads.
 * Outside market hours the simulator replays a session that may be an expiry day whose expiry the terminal,
 * after the close, already counts as past. Every expiry listed costs the simulator a reprice of its options
 * on each tick of the index, so no more are listed. Empty for a name the NSE calendar has no expiries for.
 */
export function listedExpiries(underlying: string, simNow: number, wallNow: number): number[] {
  if (!isUnderlying(underlying)) return [];
  const named = (at: number): number[] => {
    const near = nextExpiry(underlying, at);
    return [near.instant, nextExpiry(underlying, near.kind === 'monthly' ? near.instant : at, 'monthly').instant];
  };
  return [...new Set([...named(simNow), ...named(wallNow)])].sort((a, b) => a - b);
}
