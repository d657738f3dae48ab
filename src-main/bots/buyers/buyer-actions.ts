import { structureId as toStructureId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Product } from '#model/order';
import type { Signal, SignalInput } from '#model/signal';
import type { StructurePolicy } from '#model/structure';
import { quotePrice, type OptionChain, type OptionQuote } from '#options/chain';
import { underlyingIndexId } from '#options/option-symbol';
import type { BotContext } from '../contract/context.ts';
import { asInstrumentId, quoteAt, touchPrice } from '../common/chain-legs.ts';
import { ruleSignal } from '../common/rule-signal.ts';
import { legLabel, stripUndefined, type BuyerLeg, type BuyerPosition } from './buyer-position.ts';

/**
 * How the order manager works a long straddle: re-send an unfilled leg up to 3 times, 2 ticks a time
 * within 2 % of the first price, cancel after 15 s, then unwind what filled, so a half-filled entry never
 * leaves the bot holding one directional leg it did not choose.
 */
export const STRADDLE_POLICY: StructurePolicy = { kind: 'complete', maxRetries: 3, chaseStepTicks: 2, chaseBandPct: 2, legTimeoutMs: 15_000 };

export const toPaise = (x: number): number => Math.round(x * 100) / 100;

/** Buys `legs` at the ask: one marketable limit order for a single leg, one structure for a straddle. */
export function entryIntent<P, S>(ctx: BotContext<P, S>, product: Product, legs: readonly BuyerLeg[], chain: OptionChain, reason: string): Intent {
  const price = (l: BuyerLeg): number => {
    const q = quoteAt(chain, l.strike, l.right);
    if (!q) throw new Error(`no quote for ${legLabel(l)} on the ${chain.underlying} ${chain.expiry} chain`);
    return touchPrice(q, 'BUY', chain.tickSize);
  };
  if (legs.length === 1) {
    const l = legs[0]!;
    return { kind: 'place', intentId: ctx.ids.intent(), botId: ctx.botId, instrumentId: asInstrumentId(l.instrumentId), side: 'BUY', quantity: l.quantity, type: 'LIMIT', product, limitPrice: price(l), reason };
  }
  return {
    kind: 'enter-structure',
    intentId: ctx.ids.intent(),
    botId: ctx.botId,
    structure: 'straddle',
    product,
    legs: legs.map((l) => ({ instrumentId: asInstrumentId(l.instrumentId), side: 'BUY' as const, quantity: l.quantity, type: 'LIMIT' as const, limitPrice: price(l) })),
    policy: STRADDLE_POLICY,
    reason,
  };
}

/** Premium per unit at the entry intent's limit prices. */
export function limitPremium(intent: Intent): number {
  if (intent.kind === 'place') return intent.limitPrice ?? 0;
  if (intent.kind === 'enter-structure') return toPaise(intent.legs.reduce((s, l) => s + (l.limitPrice ?? 0), 0));
  return 0;
}

/** Closes a position: its structure, or its single leg. */
export function exitIntents<P, S>(ctx: BotContext<P, S>, pos: BuyerPosition, reason: string): Intent[] {
  if (pos.entry === 'structure' && pos.structureId) return [{ kind: 'exit-structure', intentId: ctx.ids.intent(), botId: ctx.botId, structureId: toStructureId(pos.structureId), reason }];
  return pos.legs.map((l) => ({ kind: 'flatten' as const, intentId: ctx.ids.intent(), botId: ctx.botId, instrumentId: asInstrumentId(l.instrumentId), reason }));
}

export interface BuyerMarks {
  /** Premium per unit at mid, summed over the legs. */
  readonly premium: number;
  /** Mean implied volatility of the legs (decimal); undefined when a leg has none. */
  readonly iv: number | undefined;
  /** Legs with no usable quote: the position cannot be marked. */
  readonly missing: readonly string[];
  readonly quotes: readonly (OptionQuote | undefined)[];
}

export function markBuyer(pos: BuyerPosition, chain: OptionChain): BuyerMarks {
  let premium = 0;
  let ivSum = 0;
  let ivCount = 0;
  const missing: string[] = [];
  const quotes = pos.legs.map((l) => {
    const q = quoteAt(chain, l.strike, l.right);
    if (!q || !(quotePrice(q) > 0)) {
      missing.push(legLabel(l));
      return q;
    }
    premium += quotePrice(q);
    if (q.iv !== undefined) {
      ivSum += q.iv;
      ivCount++;
    }
    return q;
  });
  return { premium, iv: ivCount === pos.legs.length ? ivSum / ivCount : undefined, missing, quotes };
}

/** The position with its exit sent: phase exiting, the exit signal linked to the exit intents. */
export function exitStep<T extends BuyerPosition, P, S>(
  ctx: BotContext<P, S>,
  pos: T,
  o: { readonly name: string; readonly rule: string; readonly reason: string; readonly inputs: Readonly<Record<string, SignalInput>>; readonly notes?: readonly string[] },
): { intents: Intent[]; signal: Signal; position: T } {
  const intents = exitIntents(ctx, pos, `${o.name}: ${o.reason}`);
  const signal = ruleSignal(ctx, { kind: 'exit', rule: `${o.name}/${o.rule}`, underlying: underlyingIndexId(pos.underlying), taken: true, reason: o.reason, inputs: o.inputs, intentIds: intents.map((i) => i.intentId), ...(o.notes ? { notes: o.notes } : {}) });
  return { intents, signal, position: stripUndefined({ ...pos, phase: 'exiting', exitSentAt: ctx.now }) };
}
