import { money, pass, refuse, type BookCheck } from '../check-context.ts';

/** No new exposure while the fall from the day's peak P&L, or from the best P&L ever, is at its limit. */
export const drawdownCheck: BookCheck = (ctx) => {
  const f = ctx.figures();
  const day = ctx.limits.dayDrawdown.limit;
  if (f.dayDrawdown >= day) {
    return refuse({
      check: 'drawdown',
      reason: `P&L is ${money(f.dayDrawdown)} below the day's peak of ${money(f.dayPeakPnl)}, at the drawdown limit of ${money(day)}.`,
      limit: day,
      value: f.dayDrawdown,
    });
  }
  const overall = ctx.limits.overallDrawdown.limit;
  if (f.overallDrawdown >= overall) {
    return refuse({
      check: 'drawdown',
      reason: `P&L is ${money(f.overallDrawdown)} below its best ever (${money(f.overallPeakPnl)}), at the overall drawdown limit of ${money(overall)}.`,
      limit: overall,
      value: f.overallDrawdown,
    });
  }
  return pass;
};
