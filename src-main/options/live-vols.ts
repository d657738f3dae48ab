import type { ChainVols, SolvedStrikes } from './imported-smile.ts';

/**
 * A chain's vols from closes live at an instant (`solveStrikes` of each contract's last intraday bar):
 * a strike from the lowest to the highest solved strike takes the live vol, its own or linear in ln K
 * between the solved strikes either side (sticky strike: the closes are minutes old at most, and a leg
 * that traded is priced from its own close); a strike outside that range, and the ATM level when the
 * forward is outside it, take `fallback`'s (the previous session's smile), or the model surface's when
 * there is no fallback.
 */
export function liveVols(points: SolvedStrikes['points'], forward: number, fallback: ChainVols | undefined): ChainVols {
  const at = (K: number): number | undefined => {
    const n = points.length;
    if (n === 0 || K < points[0]!.strike || K > points[n - 1]!.strike) return undefined;
    let i = 0;
    while (points[i]!.strike < K) i++;
    const b = points[i]!;
    if (b.strike === K) return b.vol;
    const a = points[i - 1]!;
    const w = Math.log(K / a.strike) / Math.log(b.strike / a.strike);
    return a.vol + w * (b.vol - a.vol);
  };
  return { atm: at(forward) ?? fallback?.atm, vol: (K) => at(K) ?? fallback?.vol(K) };
}
