import type { Underlying } from '#options/contract-specs';
import { ivPercentile } from '#options/iv-stats';
import type { BotContext } from '../contract/context.ts';
import { VIX_ID } from '../common/chain-legs.ts';

export interface IvPercentileRule {
  /** Daily closes the percentile is taken over (252: a year). */
  readonly lookbackDays: number;
  /** Fewest days it is taken over at all; between this and the lookback the signal says how many. */
  readonly minDays: number;
}

export type IvPercentileReading =
  | { readonly ok: true; readonly percentile: number; readonly current: number; readonly days: number; readonly source: 'atm-iv' | 'india-vix'; readonly notes: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/**
 * IV percentile (share of the window's days with IV below today's, `#options/iv-stats`). The window is
 * the underlying's recorded daily ATM IV; until the engine has recorded enough of it, India VIX's daily
 * closes stand in (VIX is NIFTY's 30-day implied volatility), and the signal says so.
 */
export function readIvPercentile<P, S>(ctx: BotContext<P, S>, underlying: Underlying, atmIv: number | undefined, rule: IvPercentileRule): IvPercentileReading {
  const atmHistory = ctx.ivHistory(underlying).slice(-rule.lookbackDays);
  const shortfall = (days: number): string[] => (days < rule.lookbackDays ? [`IV percentile over ${days} of ${rule.lookbackDays} days (history is short)`] : []);
  if (atmIv !== undefined && atmHistory.length >= rule.minDays) {
    return { ok: true, percentile: ivPercentile(atmHistory, atmIv)!, current: atmIv, days: atmHistory.length, source: 'atm-iv', notes: shortfall(atmHistory.length) };
  }
  const vix = ctx.market(VIX_ID);
  const closes = vix.bars('1d', rule.lookbackDays).map((b) => b.close);
  const current = vix.lastTick()?.ltp;
  if (current !== undefined && closes.length >= rule.minDays) {
    const why = atmIv === undefined ? 'no ATM IV on the chain' : `${atmHistory.length} days of ${underlying} ATM IV recorded`;
    return {
      ok: true,
      percentile: ivPercentile(closes, current)!,
      current,
      days: closes.length,
      source: 'india-vix',
      notes: [`IV percentile from India VIX daily closes instead of ${underlying} ATM IV (${why})`, ...shortfall(closes.length)],
    };
  }
  return {
    ok: false,
    reason: `IV percentile unavailable: ${atmHistory.length} days of ATM IV and ${closes.length} of India VIX${current === undefined ? ' (no VIX quote)' : ''}, need ${rule.minDays}`,
  };
}
