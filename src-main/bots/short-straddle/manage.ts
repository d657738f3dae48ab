import type { InstrumentId } from '#model/ids';
import { roundToTick } from '#model/instrument';
import type { Intent } from '#model/intent';
import type { SignalInput } from '#model/signal';
import { nearestStrike, type OptionChain } from '#options/chain';
import { futureInstrumentId } from '#options/option-symbol';
import type { BotContext } from '../contract/context.ts';
import { playbook } from '../playbook.ts';
import { asInstrumentId, legInstrument } from '../common/chain-legs.ts';
import { ruleSignal } from '../common/rule-signal.ts';
import { legLabel, markPosition, type Marks } from '../sellers/seller-actions.ts';
import type { Step } from '../sellers/seller-loop.ts';
import { exitStep, rollStep } from '../sellers/seller-steps.ts';
import type { SellerLeg, SellerPosition, SellerState } from '../sellers/seller-state.ts';
import { warnOnce } from '../sellers/warn-once.ts';
import type { StraddleParams } from './params.ts';

type Ctx = BotContext<StraddleParams, SellerState>;

/** A futures hedge is sent at a limit this far through the forward: marketable, with a cap on slippage. */
const HEDGE_BAND = 0.005;

/** Rolls the untested leg to the strike nearest spot: exit now, re-enter the rolled legs once flat. */
function roll(ctx: Ctx, pos: SellerPosition, chain: OptionChain, index: InstrumentId, m: Marks, inputs: Record<string, SignalInput>): Step {
  const untested = m.netDelta < 0 ? 'PE' : 'CE';
  const leg = pos.legs.find((l) => l.right === untested)!;
  const target = nearestStrike(chain.rows, chain.spot);
  const closer = untested === 'PE' ? target > leg.strike : target < leg.strike;
  if (!closer) {
    return warnOnce(ctx, pos, { key: 'roll-none', kind: 'adjustment', rule: 'short-straddle/adjust', underlying: index, reason: `net delta ${m.netDelta.toFixed(1)} beyond ±${ctx.params.deltaLimit} but the untested ${leg.strike} ${untested} is already at the strike nearest spot`, inputs });
  }
  const rolled: SellerLeg = { ...leg, strike: target, instrumentId: legInstrument(chain, target, untested) };
  const rollTo = pos.legs.map((l) => (l === leg ? rolled : l));
  return rollStep(ctx, pos, index, 'short-straddle', rollTo, `net delta ${m.netDelta.toFixed(1)} beyond ±${ctx.params.deltaLimit}: rolling the untested ${legLabel(leg)} to ${target}`, inputs);
}

/** Hedges the options' delta with near-month futures, in whole lots, adjusting any hedge already held. */
function hedge(ctx: Ctx, pos: SellerPosition, chain: OptionChain, index: InstrumentId, m: Marks, inputs: Record<string, SignalInput>): Step {
  const monthly = ctx.calendar.nextExpiry(pos.underlying, 'monthly').date;
  const lot = ctx.specs.specOn(pos.underlying, ctx.calendar.today, monthly).lotSize;
  const held = pos.hedge?.quantity ?? 0;
  const optionsDelta = m.netDelta - held;
  const target = -Math.round(optionsDelta / lot) * lot;
  const trade = target - held;
  if (trade === 0) {
    return warnOnce(ctx, pos, { key: 'hedge-none', kind: 'adjustment', rule: 'short-straddle/adjust', underlying: index, reason: `net delta ${m.netDelta.toFixed(1)} beyond ±${ctx.params.deltaLimit} but it is less than a futures lot (${lot})`, inputs });
  }
  const future = pos.hedge ? asInstrumentId(pos.hedge.instrumentId) : futureInstrumentId(pos.underlying, monthly);
  const F = chain.forward ?? chain.spot;
  const side = trade > 0 ? 'BUY' : 'SELL';
  const intent: Intent = {
    kind: 'place',
    intentId: ctx.ids.intent(),
    botId: ctx.botId,
    instrumentId: future,
    side,
    quantity: Math.abs(trade),
    type: 'LIMIT',
    product: ctx.params.product,
    limitPrice: roundToTick(F * (side === 'BUY' ? 1 + HEDGE_BAND : 1 - HEDGE_BAND), 0.05),
    reason: `short-straddle: delta hedge ${side} ${Math.abs(trade)} ${future}`,
  };
  const reason = `net delta ${m.netDelta.toFixed(1)} beyond ±${ctx.params.deltaLimit}: ${side} ${Math.abs(trade)} units of ${future} (hedge ${held} → ${target})`;
  const signal = ruleSignal(ctx, { kind: 'adjustment', rule: 'short-straddle/adjust', underlying: index, taken: true, reason, inputs, intentIds: [intent.intentId], notes: [`futures sent at a limit ${HEDGE_BAND * 100} % through the forward ${F.toFixed(2)}`] });
  return { intents: [intent], signals: [signal], position: { ...pos, hedge: { instrumentId: future, quantity: target }, adjustments: pos.adjustments + 1 } };
}

/**
 * Managing an open straddle on each minute: the expiry-day time exit, stop at a 40 % loss of the
 * premium, target at 25 % of it, then the delta adjustment beyond ±100. Marked at mid.
 */
export function straddleManage(ctx: Ctx, pos: SellerPosition, chain: OptionChain | undefined, index: InstrumentId): Step {
  const p = ctx.params;
  const forced = playbook(ctx.calendar, pos.underlying, p).mustExit(pos.expiry);
  if (forced.exit) return exitStep(ctx, pos, index, 'short-straddle', 'time-exit', forced.reason, { expiry: pos.expiry });
  if (!chain) return warnOnce(ctx, pos, { key: 'unmarked', kind: 'exit', rule: 'short-straddle/manage', underlying: index, reason: `no ${pos.underlying} ${pos.expiry} chain: stop and target cannot be checked`, inputs: {} });
  const m = markPosition(pos, chain);
  if (m.missing.length > 0) return warnOnce(ctx, pos, { key: 'unmarked', kind: 'exit', rule: 'short-straddle/manage', underlying: index, reason: `cannot mark ${m.missing.join(', ')}: stop and target cannot be checked`, inputs: {} });
  const pnl = pos.credit - m.closeCost;
  const pct = (pnl / pos.credit) * 100;
  const inputs = { spot: chain.spot, credit: pos.credit, closeCost: Number(m.closeCost.toFixed(2)), pnlPct: Number(pct.toFixed(2)), netDelta: Number(m.netDelta.toFixed(2)) };
  if (-pct >= p.stopLossPct) return exitStep(ctx, pos, index, 'short-straddle', 'stop', `stop: loss ${(-pct).toFixed(1)} % of the ${pos.credit} premium ≥ ${p.stopLossPct} %`, inputs);
  if (pct >= p.targetPct) return exitStep(ctx, pos, index, 'short-straddle', 'target', `target: ${pct.toFixed(1)} % of the ${pos.credit} premium kept ≥ ${p.targetPct} %`, inputs);
  if (Math.abs(m.netDelta) <= p.deltaLimit) return { intents: [], signals: [], position: pos };
  if (pos.adjustments >= p.maxAdjustments) {
    return warnOnce(ctx, pos, { key: 'max-adjustments', kind: 'adjustment', rule: 'short-straddle/adjust', underlying: index, reason: `net delta ${m.netDelta.toFixed(1)} beyond ±${p.deltaLimit} but ${pos.adjustments} adjustment(s) already made (maximum ${p.maxAdjustments})`, inputs });
  }
  if (p.adjustWith === 'futures') return hedge(ctx, pos, chain, index, m, inputs);
  const view = playbook(ctx.calendar, pos.underlying, p);
  if (!view.shortPremiumEntry.allowed) return warnOnce(ctx, pos, { key: 'roll-blocked', kind: 'adjustment', rule: 'short-straddle/adjust', underlying: index, reason: `net delta ${m.netDelta.toFixed(1)} beyond ±${p.deltaLimit} but no roll: ${view.shortPremiumEntry.reason}`, inputs });
  return roll(ctx, pos, chain, index, m, inputs);
}
