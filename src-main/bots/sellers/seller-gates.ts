import type { Timeframe } from '#model/bar';
import type { InstrumentId } from '#model/ids';
import type { SignalInput } from '#model/signal';
import type { BotContext, CapitalView } from '../contract/context.ts';
import { sizedLots, type PlaybookView } from '../playbook.ts';
import type { Gate } from '../signals/pipeline.ts';
import { confirmationSource } from '../signals/confirmation-source.ts';
import { priceActionSource } from '../signals/price-action-source.ts';
import { readRegimeInputs, type RegimeReading } from '../signals/regime.ts';
import type { SourceView } from '../signals/source.ts';
import { technicalSource } from '../signals/technical-source.ts';
import type { IvPercentileReading } from './iv-percentile.ts';

export function ivGate(reading: IvPercentileReading, min: number, max?: number): Gate {
  if (!reading.ok) return { name: 'iv-percentile', passed: false, reason: reading.reason };
  const p = reading.percentile.toFixed(1);
  const passed = reading.percentile > min && (max === undefined || reading.percentile < max);
  const range = max === undefined ? `> ${min}` : `in (${min}, ${max})`;
  return { name: 'iv-percentile', passed, reason: `IV percentile ${p} ${passed ? 'is' : 'not'} ${range} (${reading.source}, ${reading.days} days)` };
}

export function playbookGate(view: PlaybookView): Gate {
  return { name: 'playbook', passed: view.shortPremiumEntry.allowed, reason: view.shortPremiumEntry.reason };
}

/** Lots after the event-day factor and the bot's lot cap. */
export function sizeGate(lots: number, view: PlaybookView, capital: CapitalView): { gate: Gate; lots: number; notes: string[] } {
  const sized = sizedLots(lots, view);
  const capped = Math.min(sized.lots, capital.maxLots);
  const notes = sized.note ? [sized.note] : [];
  if (capped < sized.lots) notes.push(`lots capped at the bot's maximum of ${capital.maxLots}`);
  const passed = capped >= 1;
  const reason = passed ? `${capped} lot(s)` : sized.note ? `${sized.note}: nothing to trade` : `the bot's maximum lots is ${capital.maxLots}`;
  return { gate: { name: 'size', passed, reason }, lots: capped, notes };
}

/** The margin an entry needs against what the bot's allocation (and the broker, when known) has free. */
export function marginGate(required: number, capital: CapitalView, basis: string): Gate {
  const free = capital.allocation - capital.deployed;
  const limit = capital.availableFunds === undefined ? free : Math.min(free, capital.availableFunds);
  const passed = required <= limit;
  const source = capital.availableFunds === undefined ? 'allocation free' : 'free (allocation and broker funds)';
  return { name: 'margin', passed, reason: `margin ≈ ₹${Math.round(required)} (${basis}) ${passed ? '≤' : '>'} ₹${Math.round(limit)} ${source}` };
}

export interface SellerSignalInputs {
  readonly sources: SourceView[];
  readonly regime: RegimeReading | undefined;
  readonly inputs: Record<string, SignalInput>;
}

/**
 * The enhancement sources a seller reads: technical indicators and the price-action composite on its
 * signal timeframe, the context's ML slot, and no confirmation layers; plus the context's regime.
 */
export function sellerSources<P, S>(ctx: BotContext<P, S>, index: InstrumentId, timeframe: Timeframe, vix: number | undefined): SellerSignalInputs {
  const close = ctx.market(index).lastBar(timeframe)?.close ?? NaN;
  const regime = ctx.models.regime.classify(readRegimeInputs(ctx, index, timeframe, vix));
  const sources = [
    ctx.models.ml.evaluate({ underlying: index, now: ctx.now, direction: 'neutral' }),
    technicalSource(ctx.studies, index, timeframe, close),
    priceActionSource(ctx.studies.priceAction(index, timeframe)),
    confirmationSource('neutral', []),
  ];
  return { sources, regime, inputs: { regime: regime?.regime ?? null, regimeReason: regime?.reason ?? 'regime studies warming up' } };
}
