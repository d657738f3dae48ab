/** One chain's legs as the streamed window sees them: strikes ascending, the centre an index into them. */
export interface StreamedChain<Leg> {
  readonly strikes: readonly number[];
  /** Index of the strike the window is centred on (the one nearest spot when it was last re-centred). */
  readonly centre: number;
  /** The listed legs at one strike, CE before PE. */
  readonly legsAt: (strike: number) => readonly Leg[];
}

/**
 * The legs to stream across every followed chain: each chain's centre strike, then one strike further out
 * on both sides, chain after chain, up to `strikesEachSide`, until `maxLegs` are taken. Going ring by ring
 * rather than chain by chain means a cap that bites trims every chain's outer strikes, never a whole chain:
 * the strikes the bots trade on (ATM pairs, then condor shorts and wings further out) go first.
 */
export function allotStreamedLegs<Leg>(chains: readonly StreamedChain<Leg>[], strikesEachSide: number, maxLegs: number): Leg[] {
  const out: Leg[] = [];
  const take = (c: StreamedChain<Leg>, i: number): boolean => {
    const strike = c.strikes[i];
    if (strike === undefined) return true;
    for (const leg of c.legsAt(strike)) {
      if (out.length >= maxLegs) return false;
      out.push(leg);
    }
    return true;
  };
  for (let d = 0; d <= strikesEachSide; d++) {
    for (const c of chains) {
      if (c.centre < 0 || c.centre >= c.strikes.length) continue;
      if (!take(c, c.centre - d) || (d > 0 && !take(c, c.centre + d))) return out;
    }
  }
  return out;
}
