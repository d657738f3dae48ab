import type { RiskConfig } from '#config/risk-schema';
import { pass, refuse, valuedBook, type BookCheck } from '../check-context.ts';
import { bookGreeks, stacked, type StackMeasure } from '../portfolio-greeks.ts';
import { underlyingOf } from '../valuation.ts';

const LIMIT: Record<StackMeasure, (l: RiskConfig) => number> = { deltaLots: (l) => l.stacking.maxDeltaLots, vega: (l) => l.stacking.maxVega };
const LABEL: Record<StackMeasure, string> = { deltaLots: 'delta (lots)', vega: 'vega (₹ per IV point)' };

/**
 * Two bots may not pile the same exposure: on one underlying, the summed delta (or vega) of the bots
 * leaning the same way is capped when at least two of them lean that way. Each bot alone is bound only
 * by its own and the portfolio limits. An order that lowers the stack always passes; the trader's own
 * orders are not a bot and are not counted.
 */
export const stackingCheck: BookCheck = (ctx) => {
  const bots = ctx.proposals.filter((p) => !p.reduceOnly && p.botId !== undefined);
  if (bots.length === 0) return pass;
  const valued = valuedBook(ctx, 'stacking', 'Stacked exposure');
  if (!valued.ok) return valued;
  const before = bookGreeks(valued.value.before);
  const after = bookGreeks(valued.value.after);
  for (const p of bots) {
    const u = underlyingOf(p.instrument);
    for (const measure of ['deltaLots', 'vega'] as const) {
      const mine = after.byBot.get(p.botId!)?.get(u)?.[measure] ?? 0;
      const sign = Math.sign(mine);
      if (sign === 0) continue;
      const a = stacked(after, u, measure, sign);
      const b = stacked(before, u, measure, sign);
      const max = LIMIT[measure](ctx.limits);
      if (a.total > max && a.total > b.total + 1e-9) {
        return refuse({
          check: 'stacking',
          reason: `Bots ${a.bots.join(', ')} would stack ${a.total.toFixed(2)} of ${sign > 0 ? 'long' : 'short'} ${u} ${LABEL[measure]}; two or more bots together may hold ${max}.`,
          limit: max,
          value: a.total,
        });
      }
    }
  }
  return pass;
};
