import { money, pass, refuse, valuedBook, type BookCheck, type CheckContext } from '../check-context.ts';
import { estimateMargin, longPremium } from '../margin-estimate.ts';
import type { MarginLeg } from '../ports.ts';

/** Premium the proposal pays for the options it buys. */
function premiumPaid(ctx: CheckContext): number {
  let sum = 0;
  for (const p of ctx.proposals) if (p.side === 'BUY' && p.instrument.kind === 'option') sum += p.quantity * (p.limitPrice ?? p.referencePrice);
  return sum;
}

/**
 * The funds the proposal needs must be free. Needed: the broker's quote for exactly these legs when the
 * order manager fetched one (OpenAlgo `/margin`), else the SPAN-like estimate of the whole book after
 * the proposal minus before it (hedges lower it) plus the premium of options bought. Free: the broker's
 * available funds when connected, else capital − estimated margin of the book − premium tied in long
 * options + today's losses (gains are not counted until realised and settled).
 */
export const marginCheck: BookCheck = (ctx) => {
  const valued = valuedBook(ctx, 'margin', 'Margin');
  if (!valued.ok) return valued;
  const { before, after } = valued.value;
  const m = ctx.limits.margin;
  const beforeMargin = estimateMargin(before, m, ctx.ts).total;
  const legs: MarginLeg[] = ctx.proposals.map((p) => ({ instrument: p.instrument, side: p.side, quantity: p.quantity, price: p.limitPrice ?? p.referencePrice }));
  const quoted = ctx.margin.quote?.(legs);
  const required = quoted ?? estimateMargin(after, m, ctx.ts).total - beforeMargin + premiumPaid(ctx);
  if (required <= 0) return pass;
  const broker = ctx.margin.available();
  const available = broker ?? ctx.limits.capital + Math.min(0, ctx.pnl) - beforeMargin - longPremium(before);
  if (required <= available) return pass;
  const source = `${quoted === undefined ? 'estimated' : "the broker's"} margin`;
  const free = broker === undefined ? 'estimated free funds' : 'free funds reported by the broker';
  return refuse({ check: 'margin', reason: `The order needs ${money(required)} (${source}); ${free} are ${money(available)}.`, limit: available, value: required });
};
