import type { Result } from '#core/result';
import { money, pass, refuse, valuedBook, type BookCheck } from '../check-context.ts';
import { stressCatalog } from '../stress/catalog.ts';
import { runStress } from '../stress/run-stress.ts';
import type { DailyHistory } from '../var/historical.ts';

export interface StressInputs {
  /** India VIX now, points. */
  readonly vixNow: number;
  readonly history?: DailyHistory;
}

/**
 * The pre-trade stress limit (`risk.stress.maxLoss`): refuse an order after which the book would lose
 * more than the limit in any named stress scenario (stress/catalog.ts), unless the order lowers that
 * worst loss. Without India VIX the COVID day cannot be sized, so a set limit refuses.
 */
export function createStressCheck(inputs: () => Result<StressInputs, string>): BookCheck {
  return (ctx) => {
    const maxLoss = ctx.limits.stress.maxLoss;
    if (maxLoss === null) return pass;
    const given = inputs();
    if (!given.ok) return refuse({ check: 'stress', reason: `The stress scenarios cannot be computed (${given.error}), so no new exposure is taken under the stress limit.` });
    const valued = valuedBook(ctx, 'stress', 'The stress loss');
    if (!valued.ok) return valued;
    const worst = (legs: typeof valued.value.after) => runStress(legs, stressCatalog({ legs, ts: ctx.ts, ...given.value }), ctx.ts);
    const after = worst(valued.value.after);
    if (after.worst.loss <= maxLoss) return pass;
    const before = worst(valued.value.before);
    if (after.worst.loss <= before.worst.loss + 1e-6) return pass;
    const name = after.rows.find((r) => r.id === after.worst.id)?.name ?? after.worst.id;
    return refuse({
      check: 'stress',
      reason: `In the "${name}" scenario the book would lose ${money(after.worst.loss)} (now ${money(before.worst.loss)}); the stress limit is ${money(maxLoss)}.`,
      limit: maxLoss,
      value: after.worst.loss,
    });
  };
}
