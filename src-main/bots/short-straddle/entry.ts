import type { InstrumentId } from '#model/ids';
import { nearestStrike, quotePrice } from '#options/chain';
import { expiryRuleOn, type Underlying } from '#options/contract-specs';
import type { BotContext } from '../contract/context.ts';
import { playbook } from '../playbook.ts';
import { legInputs, legInstrument, quoteAt, VIX_ID } from '../common/chain-legs.ts';
import { readIvPercentile } from '../sellers/iv-percentile.ts';
import { liquidityGate } from '../sellers/liquidity.ts';
import { enterIntent, limitCredit } from '../sellers/seller-actions.ts';
import { ivGate, marginGate, playbookGate, sellerSources, sizeGate } from '../sellers/seller-gates.ts';
import type { Step } from '../sellers/seller-loop.ts';
import type { SellerLeg, SellerState } from '../sellers/seller-state.ts';
import { combine } from '../signals/ensemble.ts';
import { decide, toSignal, type Gate } from '../signals/pipeline.ts';
import type { StraddleParams } from './params.ts';

type Ctx = BotContext<StraddleParams, SellerState>;

/** strategies.md: skip on a strong directional move or a strong trend / fresh structure break in price action. */
function priceActionGate(ctx: Ctx, index: InstrumentId): Gate {
  const pa = ctx.studies.priceAction(index, ctx.params.signalTimeframe);
  if (!pa) return { name: 'price-action', passed: true, reason: 'price action warming up: its filter has nothing to object to yet' };
  const c = pa.composite;
  if (c.actionable) return { name: 'price-action', passed: false, reason: `price action shows a strong ${c.direction} trend (composite ${c.strength.toFixed(0)} ≥ 65)` };
  const s = pa.state.structure;
  const age = s ? pa.barIndex - s.knownAtIndex : Infinity;
  if (s && age < ctx.params.structureBreakBars) {
    return { name: 'price-action', passed: false, reason: `fresh ${s.kind.toUpperCase()} ${s.side === 1 ? 'up' : 'down'} ${age} bar(s) ago` };
  }
  return { name: 'price-action', passed: true, reason: `no strong trend or fresh structure break (composite ${c.strength.toFixed(0)})` };
}

/**
 * The entry check: sell 1 lot ATM CE + ATM PE of the nearest weekly when IV percentile is above 72,
 * both legs are liquid, the market shows no strong direction, the playbook allows short premium and
 * margin is free. Every check runs, so a filtered signal lists everything that failed.
 */
export function straddleEntry(ctx: Ctx, underlying: Underlying, index: InstrumentId): Step {
  const p = ctx.params;
  const notes: string[] = [];
  const expiry = ctx.calendar.nextExpiry(underlying);
  if (expiryRuleOn(underlying, ctx.calendar.today).weekly === null) notes.push(`${underlying} has no weekly expiry: the nearest expiry (${expiry.date}, ${expiry.kind}) is used`);
  const chain = ctx.chain(underlying, expiry.date);
  const atm = chain ? nearestStrike(chain.rows, chain.spot) : undefined;
  const ce = chain && atm !== undefined ? quoteAt(chain, atm, 'CE') : undefined;
  const pe = chain && atm !== undefined ? quoteAt(chain, atm, 'PE') : undefined;
  const atmIv = ce?.iv !== undefined && pe?.iv !== undefined ? (ce.iv + pe.iv) / 2 : undefined;
  const iv = readIvPercentile(ctx, underlying, atmIv, { lookbackDays: p.ivLookbackDays, minDays: p.ivMinDays });
  if (iv.ok) notes.push(...iv.notes);
  const vix = ctx.market(VIX_ID).lastTick()?.ltp;
  const enh = sellerSources(ctx, index, p.signalTimeframe, vix);
  const ensemble = combine(enh.sources);
  const view = playbook(ctx.calendar, underlying, p);
  const lotSize = ctx.specs.specOn(underlying, ctx.calendar.today, expiry.date).lotSize;
  const size = sizeGate(p.lots, view, ctx.capital);
  notes.push(...size.notes);
  const qty = size.lots * lotSize;
  const spot = chain?.spot ?? ctx.market(index).lastBar('1m')?.close ?? 0;

  const gates: Gate[] = [playbookGate(view), ivGate(iv, p.ivPercentileMin)];
  gates.push(chain && ce && pe ? { name: 'chain', passed: true, reason: `ATM ${atm} of ${underlying} ${expiry.date} at spot ${spot}` } : { name: 'chain', passed: false, reason: `no quotes for the ${underlying} ${expiry.date} ATM pair` });
  if (chain) {
    const liq = liquidityGate(chain, [{ label: `${atm} CE`, quote: ce }, { label: `${atm} PE`, quote: pe }], p);
    gates.push(liq.gate);
    notes.push(...liq.notes);
  }
  const c = ensemble.combined;
  const strong = c.direction !== 'neutral' && c.score > p.maxDirectionStrength;
  gates.push({ name: 'direction', passed: !strong, reason: `ensemble direction ${c.direction} ${c.score.toFixed(2)} ${strong ? '>' : '≤'} ${p.maxDirectionStrength}` });
  gates.push(priceActionGate(ctx, index), size.gate);
  gates.push(marginGate((p.marginPctOfNotional / 100) * spot * Math.max(qty, lotSize), ctx.capital, `${p.marginPctOfNotional} % of notional, estimated`));

  const decision = decide(
    {
      kind: 'entry',
      rule: 'short-straddle/entry',
      underlying: index,
      direction: 'neutral',
      strength: iv.ok ? Math.min(1, Math.max(0, (iv.percentile - p.ivPercentileMin) / (100 - p.ivPercentileMin))) : 0,
      inputs: {
        spot,
        expiry: expiry.date,
        atmStrike: atm ?? null,
        ivPercentile: iv.ok ? iv.percentile : null,
        ivSource: iv.ok ? iv.source : null,
        atmIv: atmIv ?? null,
        vix: vix ?? null,
        directionStrength: c.direction === 'neutral' ? 0 : c.score,
        lots: size.lots,
        lotSize,
        ...legInputs('ce', ce),
        ...legInputs('pe', pe),
        ...enh.inputs,
      },
      sources: enh.sources,
      regime: enh.regime,
      gates,
      validate: 'none',
      notes,
    },
    ensemble,
  );
  if (!decision.taken || !chain || atm === undefined || !ce || !pe) return { intents: [], signals: [toSignal(ctx, decision)], position: undefined };

  const legs: SellerLeg[] = (['CE', 'PE'] as const).map((right) => ({ instrumentId: legInstrument(chain, atm, right), right, strike: atm, side: 'SELL', quantity: qty }));
  const what = `sold ${size.lots} lot(s) ${underlying} ${atm} straddle ${expiry.date}`;
  const intent = enterIntent(ctx, 'straddle', p.product, legs, chain, `short-straddle: ${what}`);
  const credit = limitCredit(intent);
  const signal = toSignal(ctx, decision, [intent.intentId], `${what} at ${credit} (mid ${(quotePrice(ce) + quotePrice(pe)).toFixed(2)})`);
  return {
    intents: [intent],
    signals: [signal],
    position: { underlying, expiry: expiry.date, phase: 'entering', intentId: intent.intentId, structure: 'straddle', legs, credit, openedAt: ctx.now, adjustments: 0, warned: [] },
  };
}
