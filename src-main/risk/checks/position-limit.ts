import { botLimitsOf, ownerName } from '../bot-limits.ts';
import { pass, proposalLegsOf, refuse, type BookCheck } from '../check-context.ts';
import { openingOwners, positionKeys } from '../owners.ts';

/** A bot may hold at most `maxPositions` open positions; a structure counts as one, working entries count as open. */
export const positionLimitCheck: BookCheck = (ctx) => {
  for (const owner of openingOwners(ctx.proposals)) {
    const max = botLimitsOf(ctx.limits, owner).maxPositions;
    const before = positionKeys(ctx.beforeLegs(), owner);
    const opening = proposalLegsOf(ctx.proposals.filter((p) => !p.reduceOnly && p.botId === owner));
    const after = new Set([...before, ...positionKeys(opening, owner)]);
    if (after.size > max && after.size > before.size) {
      return refuse({
        check: 'position-limit',
        reason: `${ownerName(owner)} already holds ${before.size} open position${before.size === 1 ? '' : 's'}; the limit is ${max}.`,
        limit: max,
        value: after.size,
      });
    }
  }
  return pass;
};
