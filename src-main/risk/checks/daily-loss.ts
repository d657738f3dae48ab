import { money, pass, refuse, type BookCheck } from '../check-context.ts';

/**
 * No new exposure once the day's loss (realised and marked-to-market, after charges, since the risk
 * day began) has reached the limit. It does not wait for the monitor to move the trading state: the
 * figures are computed from the book at the moment of the decision.
 */
export const dailyLossCheck: BookCheck = (ctx) => {
  const f = ctx.figures();
  const limit = ctx.limits.dailyLoss.limit;
  const loss = -f.dayPnl;
  if (loss < limit) return pass;
  return refuse({ check: 'daily-loss', reason: `The day's loss of ${money(loss)} has reached the daily limit of ${money(limit)}: no new positions today.`, limit, value: loss });
};
