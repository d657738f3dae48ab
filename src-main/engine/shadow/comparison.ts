import { istDateKey } from '#core/time-ist';
import type { Fill } from '#model/fill';
import { roundTrips } from '#risk/sizing/round-trips';
import { welchTest, type WelchResult } from './welch.ts';

/** A fill with the price the order was decided at (mid at the decision), for slippage. */
export interface ComparedFill extends Fill {
  readonly reference?: number;
}

export interface SideStats {
  /** Rupees, closed trades net of charges. */
  readonly netPnl: number;
  readonly charges: number;
  readonly trades: number;
  /** Share of closed trades with a positive net P&L, 0..1 (0 without trades). */
  readonly hitRate: number;
  /** Largest fall of the cumulative daily P&L from its peak, rupees ≥ 0. */
  readonly maxDrawdown: number;
  /** Average adverse slippage per unit against the decision price, rupees (fills with a reference only). */
  readonly slippagePerUnit: number | null;
  readonly daily: readonly number[];
}

export type Verdict =
  | { readonly kind: 'insufficient'; readonly reason: string }
  | { readonly kind: 'variant-better' | 'real-better' | 'no-difference'; readonly reason: string };

export interface ComparisonReport {
  /** IST session dates compared, oldest first. */
  readonly days: readonly string[];
  readonly real: SideStats;
  readonly variant: SideStats;
  readonly test: WelchResult | null;
  readonly verdict: Verdict;
}

export interface ComparisonRules {
  /** Sessions needed before any verdict. */
  readonly minDays: number;
  /** Closed trades needed on each side before any verdict. */
  readonly minTrades: number;
  /** Two-sided significance level of Welch's test on daily P&L. */
  readonly alpha: number;
}

export const DEFAULT_RULES: ComparisonRules = { minDays: 20, minTrades: 10, alpha: 0.05 };

function side(fills: readonly ComparedFill[], days: readonly string[]): SideStats {
  const trips = roundTrips(fills);
  const byDay = new Map(days.map((d) => [d, 0]));
  let net = 0;
  let charges = 0;
  for (const t of trips) {
    const d = istDateKey(t.tsClose);
    if (!byDay.has(d)) continue;
    byDay.set(d, byDay.get(d)! + t.net);
    net += t.net;
    charges += t.charges;
  }
  const counted = trips.filter((t) => byDay.has(istDateKey(t.tsClose)));
  const daily = days.map((d) => byDay.get(d)!);
  let peak = 0;
  let equity = 0;
  let dd = 0;
  for (const p of daily) {
    equity += p;
    peak = Math.max(peak, equity);
    dd = Math.max(dd, peak - equity);
  }
  let slip = 0;
  let units = 0;
  for (const f of fills) {
    if (f.reference === undefined || !byDay.has(istDateKey(f.tsEvent))) continue;
    slip += (f.side === 'BUY' ? f.price - f.reference : f.reference - f.price) * f.quantity;
    units += f.quantity;
  }
  return {
    netPnl: net,
    charges,
    trades: counted.length,
    hitRate: counted.length ? counted.filter((t) => t.net > 0).length / counted.length : 0,
    maxDrawdown: dd,
    slippagePerUnit: units > 0 ? slip / units : null,
    daily,
  };
}

/**
 * The daily comparison of a bot and its shadow variant over the same sessions: P&L net of charges, hit
 * rate, drawdown and slippage of each, and Welch's t-test on the two series of daily P&L (a session
 * without a closed trade counts as zero). No verdict below the minimum sample: a week of a good variant
 * is noise, not evidence.
 */
export function compare(real: readonly ComparedFill[], variant: readonly ComparedFill[], days: readonly string[], rules: ComparisonRules = DEFAULT_RULES): ComparisonReport {
  const r = side(real, days);
  const v = side(variant, days);
  const short: string[] = [];
  if (days.length < rules.minDays) short.push(`${days.length} of ${rules.minDays} sessions`);
  if (r.trades < rules.minTrades) short.push(`${r.trades} of ${rules.minTrades} trades by the bot`);
  if (v.trades < rules.minTrades) short.push(`${v.trades} of ${rules.minTrades} trades by the variant`);
  const test = days.length >= 2 ? welchTest(v.daily, r.daily) : null;
  if (short.length > 0) return { days, real: r, variant: v, test, verdict: { kind: 'insufficient', reason: `not enough to judge yet: ${short.join(', ')}` } };
  if (!test || !Number.isFinite(test.p)) return { days, real: r, variant: v, test, verdict: { kind: 'no-difference', reason: 'the daily P&L of both has no variance to test' } };
  const p = `p = ${test.p.toFixed(3)}, Welch t = ${test.t.toFixed(2)} on ${test.df.toFixed(1)} df`;
  if (test.p >= rules.alpha) return { days, real: r, variant: v, test, verdict: { kind: 'no-difference', reason: `no significant difference in daily P&L (${p} ≥ ${rules.alpha})` } };
  const better = test.t > 0 ? 'variant-better' : 'real-better';
  return { days, real: r, variant: v, test, verdict: { kind: better, reason: `${better === 'variant-better' ? 'the variant' : 'the bot'} made more per session (${p})` } };
}
