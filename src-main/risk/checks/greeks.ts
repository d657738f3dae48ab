import { money, pass, refuse, valuedBook, type BookCheck } from '../check-context.ts';
import { bookGreeks } from '../portfolio-greeks.ts';
import { underlyingOf, type RiskGreeks } from '../valuation.ts';

const fmt = (v: number, digits = 2): string => (v < 0 ? `−${Math.abs(v).toFixed(digits)}` : v.toFixed(digits));

/**
 * Portfolio Greeks across every bot and the trader (units in valuation.ts): net delta and gamma per
 * underlying in futures-equivalent lots, net vega (₹ per IV point) and theta (₹ per day) of the whole
 * book. A limit is breached when the magnitude after the order exceeds it; an order that brings a
 * breached Greek closer to zero always passes, so hedges are never refused.
 */
export const greeksCheck: BookCheck = (ctx) => {
  const valued = valuedBook(ctx, 'greeks', 'Portfolio Greeks');
  if (!valued.ok) return valued;
  const before = bookGreeks(valued.value.before);
  const after = bookGreeks(valued.value.after);
  const g = ctx.limits.greeks;
  const worse = (b: number, a: number, max: number): boolean => Math.abs(a) > max && Math.abs(a) > Math.abs(b) + 1e-9;
  const zero: RiskGreeks = { deltaLots: 0, gammaLots: 0, vega: 0, theta: 0 };
  const touched = new Set(ctx.proposals.map((p) => underlyingOf(p.instrument)));
  for (const u of touched) {
    const b = before.byUnderlying.get(u) ?? zero;
    const a = after.byUnderlying.get(u) ?? zero;
    if (worse(b.deltaLots, a.deltaLots, g.maxDeltaLots)) {
      return refuse({ check: 'greeks', reason: `Net ${u} delta would be ${fmt(a.deltaLots)} lots (now ${fmt(b.deltaLots)}); the limit is ±${g.maxDeltaLots}.`, limit: g.maxDeltaLots, value: a.deltaLots });
    }
    if (worse(b.gammaLots, a.gammaLots, g.maxGammaLots)) {
      return refuse({
        check: 'greeks',
        reason: `Net ${u} gamma would be ${fmt(a.gammaLots, 3)} lots per 1 % (now ${fmt(b.gammaLots, 3)}); the limit is ±${g.maxGammaLots}.`,
        limit: g.maxGammaLots,
        value: a.gammaLots,
      });
    }
  }
  if (worse(before.total.vega, after.total.vega, g.maxVega)) {
    return refuse({ check: 'greeks', reason: `Net vega would be ${money(after.total.vega)} per IV point (now ${money(before.total.vega)}); the limit is ±${money(g.maxVega)}.`, limit: g.maxVega, value: after.total.vega });
  }
  if (worse(before.total.theta, after.total.theta, g.maxTheta)) {
    return refuse({ check: 'greeks', reason: `Net theta would be ${money(after.total.theta)} per day (now ${money(before.total.theta)}); the limit is ±${money(g.maxTheta)}.`, limit: g.maxTheta, value: after.total.theta });
  }
  return pass;
};
