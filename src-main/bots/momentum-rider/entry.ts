import type { Bar } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Signal } from '#model/signal';
import { nearestStrike, spreadPct } from '#options/chain';
import { expiryRuleOn, type Underlying } from '#options/contract-specs';
import type { BotContext } from '../contract/context.ts';
import type { IndicatorSpec } from '../contract/indicator-spec.ts';
import { entryIntent } from '../buyers/buyer-actions.ts';
import { buyerPlaybook } from '../buyers/buyer-params.ts';
import { positionLabel } from '../buyers/buyer-position.ts';
import { buyerSources } from '../buyers/buyer-sources.ts';
import { legInputs, legInstrument, quoteAt, touchPrice, VIX_ID } from '../common/chain-legs.ts';
import type { ConfirmationLayer } from '../signals/confirmation-source.ts';
import { combine } from '../signals/ensemble.ts';
import { decide, toSignal, type Gate } from '../signals/pipeline.ts';
import { fvgLayer, hasDivergence, layerInputs, momentumLayer, rangeLayer, trendlineLayer, volumeLayer, type TradeDirection } from './layers.ts';
import type { RiderParams } from './params.ts';
import { primarySignal } from './primary.ts';
import { readMl, riskLots, stopPctFor } from './sizing.ts';
import type { RiderPosition, RiderState } from './state.ts';
import { riderValidator, validatorRules } from './validator.ts';

type Ctx = BotContext<RiderParams, RiderState>;

export const RIDER = 'momentum-rider';

/** The RSI and MACD the momentum layer and the reversal exit read. */
export function momentumSpecs(p: RiderParams): { readonly rsi: IndicatorSpec; readonly macd: IndicatorSpec } {
  return { rsi: { kind: 'rsi', period: p.rsiPeriod }, macd: { kind: 'macd', fast: p.macdFast, slow: p.macdSlow, signal: p.macdSignal } };
}

/** Bars of the move timeframe the rider reads: enough for every layer, the range's ATR and MACD. */
export function riderBars(p: RiderParams): number {
  return Math.max(120, p.volumeAvgBars + p.sustainBars + 1, 2 * p.divergenceBars + p.rsiPeriod + 1, p.macdSlow + p.macdSignal, p.fvgBars, p.rangeAtrPeriod * 3);
}

export interface EntryStep {
  readonly intents: readonly Intent[];
  readonly signals: readonly Signal[];
  readonly position: RiderPosition | undefined;
}

/** The five confirmation layers, scored 0..1 for `d`; the volume layer is left out (and said) without volume. */
function confirmationLayers(ctx: Ctx, index: InstrumentId, bars: readonly Bar[], d: TradeDirection): { layers: ConfirmationLayer[]; notes: string[] } {
  const p = ctx.params;
  const pa = ctx.studies.priceAction(index, p.signalTimeframe);
  const specs = momentumSpecs(p);
  const rsi = ctx.studies.indicator(index, p.signalTimeframe, specs.rsi)?.values.rsi;
  const hist = ctx.studies.indicator(index, p.signalTimeframe, specs.macd)?.values.histogram;
  const vol = volumeLayer(bars, index, { sustain: p.sustainBars, avgBars: p.volumeAvgBars });
  const layers = [
    trendlineLayer(pa, bars, d, p.trendlineBreakBars),
    rangeLayer(bars, d, { atrPeriod: p.rangeAtrPeriod, factor: p.rangeFactor, entryAtr: p.rangeEntryAtr }),
    fvgLayer(pa, d, p.fvgBars),
    ...(vol.layer ? [vol.layer] : []),
    momentumLayer({ rsi, macdHistogram: hist }, hasDivergence(bars, d, p.rsiPeriod, p.divergenceBars), d, p),
  ];
  return { layers, notes: vol.note ? [vol.note] : [] };
}

/**
 * On a closed move-timeframe bar: the primary signal (a move > 0.45 % with volume > 2× average), the five
 * confirmation layers, the ensemble with its regime thresholds, the momentum validator, then the strike
 * by strength (1 OTM when ≥ 0.8, else 2 OTM) of the nearest weekly and the size by risk with its
 * multipliers. No primary signal, no evaluation; otherwise one signal, taken or filtered with every reason.
 */
export function riderEntry(ctx: Ctx, underlying: Underlying, index: InstrumentId, positions: readonly RiderPosition[]): EntryStep {
  const p = ctx.params;
  const bars = ctx.market(index).bars(p.signalTimeframe, riderBars(p));
  const primary = primarySignal(bars, index, p);
  if (!primary) return { intents: [], signals: [], position: undefined };
  const d = primary.direction;
  const notes: string[] = [...primary.notes];
  const conf = confirmationLayers(ctx, index, bars, d);
  notes.push(...conf.notes);
  const vix = ctx.market(VIX_ID).lastTick()?.ltp;
  const enh = buyerSources(ctx, { index, timeframe: p.signalTimeframe, vix, direction: d, layers: conf.layers });
  const ensemble = combine(enh.sources);
  const strength = ensemble.combined.direction === d ? ensemble.combined.score : 0;
  const mlView = readMl(enh.ml, d, p);
  if (mlView.note) notes.push(mlView.note);

  const gates: Gate[] = [{ name: 'move', passed: true, reason: `${p.signalTimeframe} move ${primary.movePct >= 0 ? '+' : ''}${primary.movePct.toFixed(3)} % beyond ±${p.minMovePct} %` }];
  if (primary.gate) gates.push(primary.gate);
  gates.push(...riderValidator(ctx, { underlying, direction: d, vix, positions }));

  const expiry = ctx.calendar.nextExpiry(underlying);
  if (expiryRuleOn(underlying, ctx.calendar.today).weekly === null) notes.push(`${underlying} has no weekly expiry: the nearest expiry (${expiry.date}, ${expiry.kind}) is used`);
  const chain = ctx.chain(underlying, expiry.date);
  const otm = strength >= p.strongStrength ? p.strongOtmStrikes : p.otherOtmStrikes;
  const right = d === 'long' ? 'CE' : 'PE';
  const atm = chain ? nearestStrike(chain.rows, chain.spot) : undefined;
  const atmRow = chain && atm !== undefined ? chain.rows.findIndex((r) => r.strike === atm) : -1;
  const strike = chain && atmRow >= 0 ? chain.rows[atmRow + (d === 'long' ? otm : -otm)]?.strike : undefined;
  const quote = chain && strike !== undefined ? quoteAt(chain, strike, right) : undefined;
  const strikeWhy = `${otm} strike(s) OTM: strength ${strength.toFixed(2)} ${strength >= p.strongStrength ? '≥' : '<'} ${p.strongStrength}`;
  if (!chain || !quote || strike === undefined) gates.push({ name: 'chain', passed: false, reason: `no quote ${strikeWhy} on the ${underlying} ${expiry.date} chain` });
  else {
    const spread = spreadPct(quote);
    gates.push({ name: 'spread', passed: spread < p.maxSpreadPct, reason: `${strike} ${right} bid-ask ${Number.isFinite(spread) ? spread.toFixed(2) : 'one-sided'} % ${spread < p.maxSpreadPct ? '<' : '≥'} ${p.maxSpreadPct} %` });
  }
  const lotSize = ctx.specs.specOn(underlying, ctx.calendar.today, expiry.date).lotSize;
  const premium = chain && quote ? touchPrice(quote, 'BUY', chain.tickSize) : undefined;
  const view = buyerPlaybook(ctx.calendar, underlying, p);
  const size = premium ? riskLots({ premium, lotSize, strength, ml: mlView, capital: ctx.capital, view }, p) : undefined;
  if (size) {
    gates.push(size.gate);
    notes.push(...size.notes);
  }

  const decision = decide(
    {
      kind: 'entry',
      rule: `${RIDER}/entry`,
      underlying: index,
      direction: d,
      strength,
      inputs: {
        close: bars.at(-1)!.close,
        movePct: Number(primary.movePct.toFixed(4)),
        volumeRatio: primary.volumeRatio === undefined ? null : Number(primary.volumeRatio.toFixed(3)),
        vix: vix ?? null,
        expiry: expiry.date,
        atmStrike: atm ?? null,
        strike: strike ?? null,
        right,
        otmStrikes: otm,
        premium: premium ?? null,
        lotSize,
        lots: size?.lots ?? 0,
        sizeMultiplier: size ? Number(size.multiplier.toFixed(4)) : null,
        stopPct: stopPctFor(mlView, p),
        ...layerInputs(conf.layers),
        ...legInputs('option', quote),
        ...enh.inputs,
      },
      sources: enh.sources,
      regime: enh.regime,
      gates,
      validate: 'directional',
      notes: size ? [...notes, ...(size.factors.length ? [`size ${size.factors.join(' ')}`] : [])] : notes,
      validatorRules: validatorRules(p),
    },
    ensemble,
  );
  if (!decision.taken || !chain || !quote || strike === undefined || !size || !premium) return { intents: [], signals: [toSignal(ctx, decision)], position: undefined };

  const legs = [{ instrumentId: legInstrument(chain, strike, right), right, strike, quantity: size.lots * lotSize }] as const;
  const what = `bought ${size.lots} lot(s) ${positionLabel({ underlying, expiry: expiry.date, legs: [...legs] })}`;
  const intent = entryIntent(ctx, p.product, legs, chain, `${RIDER}: ${what}`);
  const signal = toSignal(ctx, decision, [intent.intentId], `${what} at ${premium}`);
  return {
    intents: [intent],
    signals: [signal],
    position: {
      underlying,
      expiry: expiry.date,
      direction: d,
      phase: 'entering',
      entry: 'order',
      intentId: intent.intentId,
      legs: [...legs],
      entryPremium: premium,
      entryIv: quote.iv ?? null,
      sentAt: ctx.now,
      peakPremium: premium,
      warned: [],
      stopPct: stopPctFor(mlView, p),
      strength: Math.min(1, Math.max(0, strength)),
    },
  };
}
