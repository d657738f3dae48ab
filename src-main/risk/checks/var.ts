import type { Result } from '#core/result';
import { money, pass, refuse, valuedBook, type BookCheck } from '../check-context.ts';
import type { MarketScenario } from '../var/scenario.ts';
import { portfolioVar, type VarMethod } from '../var/portfolio-var.ts';

/**
 * The pre-trade VaR limit (`risk.var.limit`): refuse an order after which the book's one-day VaR at the
 * configured confidence and method (full revaluation over the engine's current scenarios) exceeds
 * `maxLoss`, unless the order lowers it. `scenarios` answers the engine's one-day set over the given
 * underlyings, or why there is none; with a limit set and no scenarios the entry is refused, never waved through.
 */
export function createVarCheck(scenarios: (method: VarMethod, underlyings: readonly string[]) => Result<readonly MarketScenario[], string>): BookCheck {
  return (ctx) => {
    const limit = ctx.limits.var.limit;
    if (limit === null) return pass;
    const valued = valuedBook(ctx, 'var', "The book's VaR");
    if (!valued.ok) return valued;
    const set = scenarios(limit.method, [...new Set(valued.value.after.map((l) => l.underlying))]);
    if (!set.ok) return refuse({ check: 'var', reason: `The book's VaR cannot be computed (${set.error}), so no new exposure is taken under the VaR limit.` });
    const at = (legs: Parameters<typeof portfolioVar>[0]): number | undefined => {
      const r = portfolioVar(legs, set.value, { kind: 'one-day' }, limit.method, [limit.confidence]);
      return r.ok ? r.value.tails[0]!.var : undefined;
    };
    const after = at(valued.value.after);
    if (after === undefined) return refuse({ check: 'var', reason: "The book's VaR cannot be computed: the scenarios do not move every underlying of the order." });
    if (after <= limit.maxLoss) return pass;
    const before = at(valued.value.before) ?? 0;
    if (after <= before + 1e-6) return pass;
    const pct = `${Math.round(limit.confidence * 100)} %`;
    return refuse({
      check: 'var',
      reason: `The book's one-day ${pct} ${limit.method} VaR would be ${money(after)} (now ${money(before)}); the limit is ${money(limit.maxLoss)}.`,
      limit: limit.maxLoss,
      value: after,
    });
  };
}
