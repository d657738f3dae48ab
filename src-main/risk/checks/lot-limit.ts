import { botLimitsOf, ownerName } from '../bot-limits.ts';
import { pass, refuse, type BookCheck } from '../check-context.ts';
import { grossLots, openingOwners } from '../owners.ts';

/** A bot's gross open lots across its legs (working entries included) stay within `maxLots`; reductions always pass. */
export const lotLimitCheck: BookCheck = (ctx) => {
  for (const owner of openingOwners(ctx.proposals)) {
    const max = botLimitsOf(ctx.limits, owner).maxLots;
    const before = grossLots(ctx.beforeLegs(), owner);
    const after = grossLots(ctx.afterLegs(), owner);
    if (after > max && after > before) {
      return refuse({
        check: 'lot-limit',
        reason: `${ownerName(owner)} would hold ${after} lots (now ${before}); the limit is ${max}.`,
        limit: max,
        value: after,
      });
    }
  }
  return pass;
};
