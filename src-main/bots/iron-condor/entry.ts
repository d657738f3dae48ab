import type { Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { OptionRight } from '#model/instrument';
import { nearestStrike, type OptionChain } from '#options/chain';
import type { Underlying } from '#options/contract-specs';
import { daysToExpiry, nextExpiry, yearsToExpiry, type Expiry } from '#options/expiry';
import { expectedMove } from '#options/iv-stats';
import type { BotContext } from '../contract/context.ts';
import type { IndicatorSpec } from '../contract/indicator-spec.ts';
import { playbook } from '../playbook.ts';
import { legInputs, legInstrument, quoteAt, VIX_ID } from '../common/chain-legs.ts';
import { readIvPercentile } from '../sellers/iv-percentile.ts';
import { liquidityGate } from '../sellers/liquidity.ts';
import { enterIntent, limitCredit } from '../sellers/seller-actions.ts';
import { ivGate, marginGate, playbookGate, sellerSources, sizeGate } from '../sellers/seller-gates.ts';
import type { Step } from '../sellers/seller-loop.ts';
import type { SellerLeg, SellerState } from '../sellers/seller-state.ts';
import { decide, toSignal, type Gate } from '../signals/pipeline.ts';
import type { CondorParams } from './params.ts';
import { condorSide } from './strikes.ts';

type Ctx = BotContext<CondorParams, SellerState>;

/** Daily studies for "range-bound": ATR(14), Bollinger(20, 2) and the TTM squeeze (Bollinger inside Keltner). */
export const RANGE_TIMEFRAME: Timeframe = '1d';
export const RANGE_SPECS = {
  atr: { kind: 'atr', period: 14 },
  bollinger: { kind: 'bollinger', period: 20, k: 2 },
  squeeze: { kind: 'squeeze', period: 20, bbK: 2, atrPeriod: 20, kcK: 1.5 },
} as const satisfies Record<string, IndicatorSpec>;

/** The first expiry at least `minDays` away. */
export function condorExpiry(ctx: Ctx, underlying: Underlying): Expiry {
  let e = ctx.calendar.nextExpiry(underlying);
  for (let i = 0; i < 8 && daysToExpiry(ctx.now, e.instant) < ctx.params.minDaysToExpiry; i++) e = nextExpiry(underlying, e.instant, undefined, ctx.calendar.nse);
  return e;
}

function rangeGate(ctx: Ctx, index: InstrumentId, spot: number): Gate {
  const p = ctx.params;
  const atr = ctx.studies.indicator(index, RANGE_TIMEFRAME, RANGE_SPECS.atr)?.values.atr;
  const bw = ctx.studies.indicator(index, RANGE_TIMEFRAME, RANGE_SPECS.bollinger)?.values.bandwidth;
  const squeeze = ctx.studies.indicator(index, RANGE_TIMEFRAME, RANGE_SPECS.squeeze)?.values.on;
  if (atr === undefined || bw === undefined || squeeze === undefined) return { name: 'range', passed: false, reason: 'daily ATR / Bollinger / Keltner not warm yet' };
  const atrPct = (atr / spot) * 100;
  const narrow = squeeze === 1 || bw * 100 < p.narrowBandwidthPct;
  const passed = atrPct < p.atrPctMax && narrow;
  const bands = squeeze === 1 ? 'Bollinger inside Keltner' : `bandwidth ${(bw * 100).toFixed(2)} % ${narrow ? '<' : '≥'} ${p.narrowBandwidthPct} % and not inside Keltner`;
  return { name: 'range', passed, reason: `${passed ? 'range-bound' : 'not range-bound'}: daily ATR ${atrPct.toFixed(2)} % ${atrPct < p.atrPctMax ? '<' : '≥'} ${p.atrPctMax} %, ${bands}` };
}

/** The four legs, wings first; undefined with the reason when a side cannot be built. */
export function condorLegs(ctx: Ctx, chain: OptionChain, qty: number, sides: readonly OptionRight[] = ['PE', 'CE']): { legs: SellerLeg[]; notes: string[] } | { reason: string } {
  const legs: SellerLeg[] = [];
  const notes: string[] = [];
  for (const right of sides) {
    const side = condorSide(chain, right, ctx.params);
    if (!side.ok) return { reason: side.reason };
    notes.push(...side.notes);
    legs.push({ instrumentId: legInstrument(chain, side.wing, right), right, strike: side.wing, side: 'BUY', quantity: qty });
    legs.push({ instrumentId: legInstrument(chain, side.short, right), right, strike: side.short, side: 'SELL', quantity: qty });
  }
  return { legs, notes };
}

/**
 * The entry check: 40 < IV percentile < 70, a range-bound market (daily ATR < 1 % of spot, Bollinger
 * inside Keltner or narrow bands), shorts at about 20 Δ and wings at about 10 Δ 2–3 % of spot further out,
 * all four legs liquid, a net credit, the playbook's short-premium rule, size and margin. The wings are
 * bought before the shorts are sold (the order manager executes the buys first).
 */
export function condorEntry(ctx: Ctx, underlying: Underlying, index: InstrumentId): Step {
  const p = ctx.params;
  const notes: string[] = [];
  const expiry = condorExpiry(ctx, underlying);
  const chain = ctx.chain(underlying, expiry.date);
  const spot = chain?.spot ?? ctx.market(index).lastBar('1m')?.close ?? 0;
  const view = playbook(ctx.calendar, underlying, p);
  const lotSize = ctx.specs.specOn(underlying, ctx.calendar.today, expiry.date).lotSize;
  const size = sizeGate(p.lots, view, ctx.capital);
  notes.push(...size.notes);
  const qty = Math.max(size.lots, 1) * lotSize;
  const atm = chain ? nearestStrike(chain.rows, chain.forward ?? chain.spot) : undefined;
  const atmIvs = chain && atm !== undefined ? [quoteAt(chain, atm, 'CE')?.iv, quoteAt(chain, atm, 'PE')?.iv].filter((v): v is number => v !== undefined) : [];
  const atmIv = atmIvs.length > 0 ? atmIvs.reduce((a, b) => a + b, 0) / atmIvs.length : undefined;
  const iv = readIvPercentile(ctx, underlying, atmIv, { lookbackDays: p.ivLookbackDays, minDays: p.ivMinDays });
  if (iv.ok) notes.push(...iv.notes);
  const enh = sellerSources(ctx, index, p.signalTimeframe, ctx.market(VIX_ID).lastTick()?.ltp);

  const gates: Gate[] = [playbookGate(view), ivGate(iv, p.ivPercentileMin, p.ivPercentileMax), rangeGate(ctx, index, spot)];
  const built = chain ? condorLegs(ctx, chain, qty) : { reason: `no quotes for the ${underlying} ${expiry.date} chain` };
  const inputs: Record<string, number | string | boolean | null> = { spot, expiry: expiry.date, ivPercentile: iv.ok ? iv.percentile : null, ivSource: iv.ok ? iv.source : null, atmIv: atmIv ?? null, lots: size.lots, lotSize, ...enh.inputs };
  let legs: SellerLeg[] = [];
  if ('reason' in built || !chain) gates.push({ name: 'strikes', passed: false, reason: 'reason' in built ? built.reason : 'no chain' });
  else {
    legs = built.legs;
    notes.push(...built.notes);
    const [wp, sp, wc, sc] = legs as [SellerLeg, SellerLeg, SellerLeg, SellerLeg];
    const q = (l: SellerLeg) => quoteAt(chain, l.strike, l.right);
    gates.push({ name: 'strikes', passed: true, reason: `${wp.strike}/${sp.strike} PE, ${sc.strike}/${wc.strike} CE of ${expiry.date}` });
    const liq = liquidityGate(chain, legs.map((l) => ({ label: `${l.strike} ${l.right}`, quote: q(l) })), p);
    gates.push(liq.gate);
    notes.push(...liq.notes);
    const credit = [sp, sc].reduce((s, l) => s + (q(l)?.bid ?? 0), 0) - [wp, wc].reduce((s, l) => s + (q(l)?.ask ?? 0), 0);
    gates.push({ name: 'credit', passed: credit > 0, reason: `net credit ${credit.toFixed(2)} at the touch` });
    const width = Math.max(wc.strike - sc.strike, sp.strike - wp.strike);
    gates.push(marginGate(Math.max(width - credit, 0) * qty, ctx.capital, 'max loss: widest wing less credit'));
    const dc = q(sc)?.delta ?? 0;
    const dp = q(sp)?.delta ?? 0;
    const skew = ((q(sp)?.iv ?? 0) - (q(sc)?.iv ?? 0)) * 100;
    const T = yearsToExpiry(ctx.now, expiry.instant);
    Object.assign(inputs, {
      shortPut: sp.strike,
      wingPut: wp.strike,
      shortCall: sc.strike,
      wingCall: wc.strike,
      credit: Number(credit.toFixed(2)),
      expectedMove: atmIv !== undefined ? Number(expectedMove(chain.forward ?? spot, atmIv, T).toFixed(1)) : null,
      winProbability: Number((1 - dc - Math.abs(dp)).toFixed(3)),
      skewVolPoints: Number(skew.toFixed(2)),
      skewBias: skew > 0 ? 'puts richer: downside priced higher' : 'calls richer: upside priced higher',
      ...legInputs('shortPut', q(sp)),
      ...legInputs('shortCall', q(sc)),
    });
  }
  gates.push(size.gate);

  const mid = (p.ivPercentileMin + p.ivPercentileMax) / 2;
  const strength = iv.ok ? Math.max(0, 1 - Math.abs(iv.percentile - mid) / ((p.ivPercentileMax - p.ivPercentileMin) / 2)) : 0;
  const decision = decide({ kind: 'entry', rule: 'iron-condor/entry', underlying: index, direction: 'neutral', strength, inputs, sources: enh.sources, regime: enh.regime, gates, validate: 'none', notes });
  if (!decision.taken || !chain) return { intents: [], signals: [toSignal(ctx, decision)], position: undefined };

  const label = `${legs[0]!.strike}/${legs[1]!.strike}/${legs[3]!.strike}/${legs[2]!.strike}`;
  const what = `iron condor ${size.lots} lot(s) ${underlying} ${label} ${expiry.date}`;
  const intent = enterIntent(ctx, 'iron-condor', p.product, legs, chain, `iron-condor: ${what}, wings first`);
  const filled = limitCredit(intent);
  return {
    intents: [intent],
    signals: [toSignal(ctx, decision, [intent.intentId], `${what} for ${filled} credit`)],
    position: { underlying, expiry: expiry.date, phase: 'entering', intentId: intent.intentId, structure: 'iron-condor', legs, credit: filled, openedAt: ctx.now, adjustments: 0, warned: [] },
  };
}
