import { money, pass, refuse, valuedBook, type BookCheck } from '../check-context.ts';
import { worstShock } from '../shock.ts';

/**
 * The shock gate: refuse an order if the book after it would lose more than `maxLoss` under spot moves
 * up to ±spotPct and IV shifts of ±ivPoints (shock.ts: full Black-76 revaluation, all underlyings
 * together and each alone). An order that lowers the worst loss always passes.
 */
export const shockCheck: BookCheck = (ctx) => {
  const valued = valuedBook(ctx, 'shock', 'The shock loss');
  if (!valued.ok) return valued;
  const cfg = ctx.limits.shock;
  const after = worstShock(valued.value.after, cfg);
  if (after.worstLoss <= cfg.maxLoss) return pass;
  const before = worstShock(valued.value.before, cfg);
  if (after.worstLoss <= before.worstLoss + 1e-6) return pass;
  const where = after.scope === 'all' ? 'every underlying' : after.scope;
  const spot = `${after.spotPct >= 0 ? '+' : '−'}${Math.abs(after.spotPct).toFixed(2)} %`;
  const iv = `${after.ivPoints >= 0 ? '+' : '−'}${Math.abs(after.ivPoints)} IV points`;
  return refuse({
    check: 'shock',
    reason: `With ${where} at ${spot} and ${iv} the book would lose ${money(after.worstLoss)} (now ${money(before.worstLoss)}); the limit is ${money(cfg.maxLoss)}.`,
    limit: cfg.maxLoss,
    value: after.worstLoss,
  });
};
