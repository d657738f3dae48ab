import { daysToExpiry, expiryInstant } from '#options/expiry';
import type { ExitRules } from '../buyers/buyer-loop.ts';
import type { BuyerPosition } from '../buyers/buyer-position.ts';
import type { ExpanderParams } from './params.ts';
import type { ExpanderState } from './state.ts';

/**
 * strategies.md: exit when IV is up 50 % from entry, the premium is up 100 %, the premium is down 50 %
 * (the stop), or fewer than 5 days are left to expiry. Marked at mid; when several fire at once the
 * first in that list names the exit and the reason lists them all.
 */
export const expanderExits: ExitRules<BuyerPosition, ExpanderParams, ExpanderState> = (ctx, pos, marks) => {
  const p = ctx.params;
  const changePct = (marks.premium / pos.entryPremium - 1) * 100;
  const ivChangePct = pos.entryIv !== null && marks.iv !== undefined ? (marks.iv / pos.entryIv - 1) * 100 : undefined;
  const days = daysToExpiry(ctx.now, expiryInstant(pos.expiry));
  const fired: { rule: string; reason: string }[] = [];
  if (ivChangePct !== undefined && ivChangePct >= p.ivExpansionPct) {
    fired.push({ rule: 'iv-expansion', reason: `IV ${(marks.iv! * 100).toFixed(2)} % is up ${ivChangePct.toFixed(1)} % from ${(pos.entryIv! * 100).toFixed(2)} % at entry (≥ ${p.ivExpansionPct} %)` });
  }
  if (changePct >= p.targetPct) fired.push({ rule: 'target', reason: `premium ${marks.premium.toFixed(2)} is up ${changePct.toFixed(1)} % from ${pos.entryPremium} (≥ ${p.targetPct} %)` });
  if (-changePct >= p.stopLossPct) fired.push({ rule: 'stop', reason: `premium ${marks.premium.toFixed(2)} is down ${(-changePct).toFixed(1)} % from ${pos.entryPremium} (≥ ${p.stopLossPct} %)` });
  if (days < p.exitDaysToExpiry) fired.push({ rule: 'expiry-near', reason: `${days.toFixed(2)} days to the ${pos.expiry} expiry (< ${p.exitDaysToExpiry})` });
  if (fired.length === 0) return { exit: undefined };
  const inputs = {
    entryPremium: pos.entryPremium,
    premium: Number(marks.premium.toFixed(2)),
    changePct: Number(changePct.toFixed(2)),
    entryIv: pos.entryIv,
    iv: marks.iv === undefined ? null : Number(marks.iv.toFixed(4)),
    ivChangePct: ivChangePct === undefined ? null : Number(ivChangePct.toFixed(2)),
    daysToExpiry: Number(days.toFixed(2)),
  };
  return { exit: { rule: fired[0]!.rule, reason: fired.map((f) => f.reason).join('; ') }, inputs };
};
