import type { InstrumentId } from '#model/ids';
import type { SignalInput } from '#model/signal';
import type { OptionChain } from '#options/chain';
import type { BotContext } from '../contract/context.ts';
import { playbook } from '../playbook.ts';
import { quoteAt } from '../common/chain-legs.ts';
import { legLabel, markPosition } from '../sellers/seller-actions.ts';
import { stripUndefined, type Step } from '../sellers/seller-loop.ts';
import { exitStep, rollStep } from '../sellers/seller-steps.ts';
import type { SellerLeg, SellerPosition, SellerState } from '../sellers/seller-state.ts';
import { warnOnce } from '../sellers/warn-once.ts';
import { condorLegs } from './entry.ts';
import type { CondorParams } from './params.ts';

type Ctx = BotContext<CondorParams, SellerState>;
const NAME = 'iron-condor';

/** Rolls the untested side closer: its short back to about the short delta, a new wing by the width rule. */
function rollUntested(ctx: Ctx, pos: SellerPosition, chain: OptionChain, index: InstrumentId, tested: 'PE' | 'CE', testedDelta: number, inputs: Record<string, SignalInput>): Step {
  const p = ctx.params;
  const untested = tested === 'CE' ? 'PE' : 'CE';
  const warn = (key: string, why: string): Step =>
    warnOnce(ctx, pos, { key, kind: 'adjustment', rule: `${NAME}/adjust`, underlying: index, reason: `${tested} side tested (short delta ${testedDelta.toFixed(2)} ≥ ${p.testedDelta}) but ${why}`, inputs });
  if (pos.adjustments >= p.maxAdjustments) return warn('max-adjustments', `${pos.adjustments} adjustment(s) already made (maximum ${p.maxAdjustments})`);
  const view = playbook(ctx.calendar, pos.underlying, p);
  if (!view.shortPremiumEntry.allowed) return warn('roll-blocked', `no roll: ${view.shortPremiumEntry.reason}`);
  const oldShort = pos.legs.find((l) => l.right === untested && l.side === 'SELL')!;
  const qty = oldShort.quantity;
  const built = condorLegs(ctx, chain, qty, [untested]);
  if ('reason' in built) return warn('roll-none', `the ${untested} side cannot be rebuilt: ${built.reason}`);
  const newShort = built.legs.find((l) => l.side === 'SELL')!;
  const closer = untested === 'PE' ? newShort.strike > oldShort.strike : newShort.strike < oldShort.strike;
  if (!closer) return warn('roll-none', `the untested ${legLabel(oldShort)} is already at about ${p.shortDelta} Δ`);
  const kept = pos.legs.filter((l) => l.right === tested);
  const rollTo: SellerLeg[] = untested === 'PE' ? [...built.legs, ...kept] : [...kept, ...built.legs];
  const reason = `${tested} side tested (short delta ${testedDelta.toFixed(2)} ≥ ${p.testedDelta}): rolling the ${untested} side ${pos.legs.filter((l) => l.right === untested).map((l) => l.strike).join('/')} → ${built.legs.map((l) => l.strike).join('/')}`;
  const step = rollStep(ctx, pos, index, NAME, rollTo, reason, inputs);
  return { ...step, position: step.position && { ...step.position, rolledFor: tested } };
}

/**
 * Managing an open condor each minute: the expiry-day time exit; at once if spot crosses a breakeven
 * (short strike ∓ credit); stop at a loss of 100 % of the credit; take profit at 50 % of the maximum
 * profit (the credit); then, when one side is tested, roll the untested side closer. Marked at mid.
 */
export function condorManage(ctx: Ctx, pos: SellerPosition, chain: OptionChain | undefined, index: InstrumentId): Step {
  const p = ctx.params;
  const forced = playbook(ctx.calendar, pos.underlying, p).mustExit(pos.expiry);
  if (forced.exit) return exitStep(ctx, pos, index, NAME, 'time-exit', forced.reason, { expiry: pos.expiry });
  const unmarked = (why: string): Step => warnOnce(ctx, pos, { key: 'unmarked', kind: 'exit', rule: `${NAME}/manage`, underlying: index, reason: `${why}: exits cannot be checked`, inputs: {} });
  if (!chain) return unmarked(`no ${pos.underlying} ${pos.expiry} chain`);
  const m = markPosition(pos, chain);
  if (m.missing.length > 0) return unmarked(`cannot mark ${m.missing.join(', ')}`);
  const shortPut = pos.legs.find((l) => l.right === 'PE' && l.side === 'SELL')!;
  const shortCall = pos.legs.find((l) => l.right === 'CE' && l.side === 'SELL')!;
  const lower = shortPut.strike - pos.credit;
  const upper = shortCall.strike + pos.credit;
  const pnl = pos.credit - m.closeCost;
  const spot = chain.spot;
  const inputs = { spot, credit: pos.credit, closeCost: Number(m.closeCost.toFixed(2)), pnl: Number(pnl.toFixed(2)), lowerBreakeven: lower, upperBreakeven: upper, netDelta: Number(m.netDelta.toFixed(2)) };
  if (spot <= lower || spot >= upper) return exitStep(ctx, pos, index, NAME, 'breakeven', `spot ${spot.toFixed(2)} crossed the ${spot <= lower ? `lower breakeven ${lower.toFixed(2)}` : `upper breakeven ${upper.toFixed(2)}`}`, inputs);
  if (-pnl >= (p.stopLossPct / 100) * pos.credit) return exitStep(ctx, pos, index, NAME, 'stop', `stop: loss ${(-pnl).toFixed(2)} ≥ ${p.stopLossPct} % of the ${pos.credit} credit`, inputs);
  if (pnl >= (p.takeProfitPct / 100) * pos.credit) return exitStep(ctx, pos, index, NAME, 'take-profit', `take profit: ${pnl.toFixed(2)} ≥ ${p.takeProfitPct} % of the ${pos.credit} maximum profit`, inputs);
  const dc = quoteAt(chain, shortCall.strike, 'CE')?.delta ?? 0;
  const dp = Math.abs(quoteAt(chain, shortPut.strike, 'PE')?.delta ?? 0);
  const tested = dc >= p.testedDelta ? 'CE' : dp >= p.testedDelta ? 'PE' : undefined;
  // One roll per test: rolling the other side does not untest this one, so it would roll again every minute;
  // and the test ends only once the side's delta is the margin below the line, not on a dip of a hundredth.
  const rolledDelta = pos.rolledFor === 'CE' ? dc : dp;
  const retested = pos.rolledFor !== undefined && rolledDelta < p.testedDelta - p.retestMarginDelta;
  if (tested === undefined) return { intents: [], signals: [], position: retested ? stripUndefined({ ...pos, rolledFor: undefined }) : pos };
  if (tested === pos.rolledFor) return { intents: [], signals: [], position: pos };
  return rollUntested(ctx, pos, chain, index, tested, tested === 'CE' ? dc : dp, inputs);
}
