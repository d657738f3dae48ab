import type { Underlying } from '#options/contract-specs';
import { ivPercentile, ivRank } from '#options/iv-stats';
import type { BotContext } from '../contract/context.ts';
import { VIX_ID } from '../common/chain-legs.ts';

export interface IvWindow {
  /** Daily closes both statistics are taken over (252: a year). */
  readonly lookbackDays: number;
  /** Fewest days they are taken over at all; below the lookback the signal says how many. */
  readonly minDays: number;
}

export type IvLevels =
  | {
      readonly ok: true;
      /** Share of the window's days below today's level, 0–100. */
      readonly percentile: number;
      /** Where today sits between the window's low and high, 0–100; undefined on a flat window. */
      readonly rank: number | undefined;
      readonly current: number;
      readonly days: number;
      readonly source: 'atm-iv' | 'india-vix';
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/**
 * IV percentile and IV rank over one window: the underlying's recorded daily ATM IV when the engine has
 * enough of it, else India VIX's daily closes (VIX is NIFTY's 30-day implied volatility), which the
 * signal says. Both statistics always come from the same window and the same current level.
 */
export function readIvLevels<P, S>(ctx: BotContext<P, S>, underlying: Underlying, atmIv: number | undefined, w: IvWindow): IvLevels {
  const shortfall = (days: number): string[] => (days < w.lookbackDays ? [`IV percentile and rank over ${days} of ${w.lookbackDays} days (history is short)`] : []);
  const atm = ctx.ivHistory(underlying).slice(-w.lookbackDays);
  if (atmIv !== undefined && atm.length >= w.minDays) {
    return { ok: true, percentile: ivPercentile(atm, atmIv)!, rank: ivRank(atm, atmIv), current: atmIv, days: atm.length, source: 'atm-iv', notes: shortfall(atm.length) };
  }
  const vix = ctx.market(VIX_ID);
  const closes = vix.bars('1d', w.lookbackDays).map((b) => b.close);
  const current = vix.lastTick()?.ltp;
  if (current !== undefined && closes.length >= w.minDays) {
    const why = atmIv === undefined ? 'no ATM IV on the chain' : `${atm.length} days of ${underlying} ATM IV recorded`;
    return {
      ok: true,
      percentile: ivPercentile(closes, current)!,
      rank: ivRank(closes, current),
      current,
      days: closes.length,
      source: 'india-vix',
      notes: [`IV percentile and rank from India VIX daily closes instead of ${underlying} ATM IV (${why})`, ...shortfall(closes.length)],
    };
  }
  return {
    ok: false,
    reason: `IV percentile and rank unavailable: ${atm.length} days of ATM IV and ${closes.length} of India VIX${current === undefined ? ' (no VIX quote)' : ''}, need ${w.minDays}`,
  };
}
