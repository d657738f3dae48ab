import type { OrderProposal } from '../pre-trade.ts';
import { pass, refuse, type CheckContext, type LegCheck } from '../check-context.ts';

function bandOf(p: OrderProposal, ctx: CheckContext): { width: number; text: string } {
  const b = ctx.limits.priceBand;
  const ref = p.referencePrice;
  if (p.instrument.kind === 'option') {
    const width = Math.max((ref * b.optionPct) / 100, b.optionMinRupees);
    return { width, text: `${b.optionPct} % or ₹${b.optionMinRupees}, whichever is wider` };
  }
  const pct = p.instrument.kind === 'future' ? b.futurePct : b.equityPct;
  return { width: (ref * pct) / 100, text: `${pct} %` };
}

/**
 * The fat finger on price. A limit or trigger price must lie within a band around the reference price:
 * options ±30 % or ±₹5 (whichever is wider), futures ±3 %, equity ±5 % by default.
 *
 * Market orders on options: an entry is accepted only while the option's quote is tight (spread within
 * 2 % of the mid or ₹0.50); with a wide or missing quote it is refused and the order manager must
 * price it as a limit inside the band. Reduce-only market orders are always accepted, because refusing
 * an exit is worse than a wide fill. The gate never converts an order: pricing is the order manager's
 * decision, and a gate that rewrites orders would be a second order path.
 */
export const priceBandCheck: LegCheck = (p, ctx) => {
  const ref = p.referencePrice;
  if (!(ref > 0) || !Number.isFinite(ref)) {
    return refuse({ check: 'price-band', reason: `No reference price for ${p.instrument.symbol}: the order cannot be checked against the market.` });
  }
  const band = bandOf(p, ctx);
  for (const [label, price] of [
    ['limit', p.limitPrice],
    ['trigger', p.triggerPrice],
  ] as const) {
    if (price === undefined) continue;
    if (!(price > 0) || !Number.isFinite(price)) return refuse({ check: 'price-band', reason: `The ${label} price ${price} is not a positive number.` });
    const distance = Math.abs(price - ref);
    if (distance > band.width) {
      return refuse({
        check: 'price-band',
        reason: `The ${label} price ₹${price} of ${p.instrument.symbol} is ₹${distance.toFixed(2)} from the market (₹${ref}); the band is ${band.text}.`,
        limit: band.width,
        value: distance,
      });
    }
  }
  const atMarket = p.type === 'MARKET' || p.type === 'SL-M';
  if (!atMarket || p.instrument.kind !== 'option' || p.reduceOnly) return pass;
  const q = ctx.market.quote?.(p.instrument.id);
  const b = ctx.limits.priceBand;
  if (!q || !(q.bid > 0) || !(q.ask >= q.bid)) {
    return refuse({ check: 'price-band', reason: `A market entry on ${p.instrument.symbol} needs a live two-sided quote; send a limit order instead.` });
  }
  const mid = (q.bid + q.ask) / 2;
  const allowed = Math.max((mid * b.optionMarketSpreadPct) / 100, b.optionMarketSpreadRupees);
  const spread = q.ask - q.bid;
  if (spread <= allowed) return pass;
  return refuse({
    check: 'price-band',
    reason: `${p.instrument.symbol} quotes ₹${q.bid}–₹${q.ask}: too wide for a market entry; send a limit order inside the band.`,
    limit: allowed,
    value: spread,
  });
};
