import type { BotId } from '#model/ids';
import { botLimitsOf, ownerName } from '../bot-limits.ts';
import { money, pass, refuse, valuedBook, type BookCheck } from '../check-context.ts';
import { estimateMargin, longPremium } from '../margin-estimate.ts';
import { openingOwners } from '../owners.ts';
import type { ValuedLeg } from '../valuation.ts';

function capitalUsed(legs: readonly ValuedLeg[], owner: BotId | undefined, params: Parameters<typeof estimateMargin>[1], ts: number): number {
  const own = legs.filter((l) => l.botId === owner);
  return estimateMargin(own, params, ts).total + longPremium(own);
}

/**
 * A bot's capital in use, its own legs only (working entries included): the SPAN-like margin of its
 * shorts and futures plus the current value of the options it holds long. It stays within the bot's
 * allocation; an order that lowers it always passes.
 */
export const botCapitalCheck: BookCheck = (ctx) => {
  const owners = openingOwners(ctx.proposals);
  if (owners.length === 0) return pass;
  const valued = valuedBook(ctx, 'bot-capital', 'Capital in use');
  if (!valued.ok) return valued;
  const { before, after } = valued.value;
  for (const owner of owners) {
    const cap = botLimitsOf(ctx.limits, owner).capital;
    const was = capitalUsed(before, owner, ctx.limits.margin, ctx.ts);
    const will = capitalUsed(after, owner, ctx.limits.margin, ctx.ts);
    if (will > cap && will > was) {
      return refuse({
        check: 'bot-capital',
        reason: `${ownerName(owner)} would use ${money(will)} of capital (now ${money(was)}); its allocation is ${money(cap)}.`,
        limit: cap,
        value: will,
      });
    }
  }
  return pass;
};
