import type { OptionRight } from '#model/instrument';
import type { OptionChain } from '#options/chain';
import { strikeNearDelta } from '../common/chain-legs.ts';

export interface SideRule {
  readonly shortDelta: number;
  readonly wingDelta: number;
  readonly wingWidthMinPct: number;
  readonly wingWidthMaxPct: number;
}

export type CondorSide = { readonly ok: true; readonly short: number; readonly wing: number; readonly notes: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * One side of the condor: the short out of the money at about `shortDelta`, the wing further out at about
 * `wingDelta`, its distance from the short kept within the width band (% of spot). When the wing's delta
 * and the width band disagree, as they do on a weekly expiry where 10 Δ sits < 1 % beyond 20 Δ, the
 * width wins and the note says where the wing moved.
 */
export function condorSide(chain: OptionChain, right: OptionRight, rule: SideRule): CondorSide {
  const sign = right === 'CE' ? 1 : -1;
  const spot = chain.spot;
  const short = strikeNearDelta(chain, right, sign * rule.shortDelta, spot);
  if (short === undefined) return { ok: false, reason: `no out-of-the-money ${right} with a delta on the chain` };
  const beyond = (k: number): boolean => sign * (k - short) > 0;
  const widthPct = (k: number): number => (Math.abs(k - short) / spot) * 100;
  const byDelta = strikeNearDelta(chain, right, sign * rule.wingDelta, short);
  const inBand = chain.rows.map((r) => r.strike).filter((k) => beyond(k) && widthPct(k) >= rule.wingWidthMinPct - 1e-9 && widthPct(k) <= rule.wingWidthMaxPct + 1e-9);
  if (byDelta !== undefined && inBand.includes(byDelta)) return { ok: true, short, wing: byDelta, notes: [] };
  if (inBand.length === 0) return { ok: false, reason: `no ${right} strike ${rule.wingWidthMinPct}–${rule.wingWidthMaxPct} % of spot beyond the ${short} short on the chain` };
  // Nearest in-band strike to the delta wing (or, without one, the narrowest width allowed).
  const anchor = byDelta ?? short;
  const wing = inBand.reduce((a, b) => (Math.abs(b - anchor) < Math.abs(a - anchor) ? b : a));
  const was = byDelta === undefined ? 'no strike near the wing delta' : `the ${rule.wingDelta} Δ wing ${byDelta} is ${widthPct(byDelta).toFixed(2)} % of spot from the short`;
  return { ok: true, short, wing, notes: [`${right} wing: ${was}; moved to ${wing} (${widthPct(wing).toFixed(2)} %) to keep the ${rule.wingWidthMinPct}–${rule.wingWidthMaxPct} % width`] };
}
