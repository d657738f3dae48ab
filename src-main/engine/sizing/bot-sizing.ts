import { istDateKey } from '#core/time-ist';
import type { RiskConfig } from '#config/risk-schema';
import type { BotId, IntentId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { Tradable } from '#model/instrument';
import type { Signal, SignalInput } from '#model/signal';
import { isUnderlying } from '#options/contract-specs';
import { botLimitsOf } from '#risk/bot-limits';
import { estimateMargin } from '#risk/margin-estimate';
import type { MarketView } from '#risk/ports';
import type { SizingPolicy } from '#risk/sizing/policy';
import { sizePosition, type SizingInputs } from '#risk/sizing/size';
import { legGreeks, underlyingOf, valueLegs, type BookLeg } from '#risk/valuation';
import type { InstrumentLookup } from '#execution/instruments';

export interface BotSizingDeps {
  readonly instruments: InstrumentLookup;
  readonly market: MarketView;
  readonly limits: () => RiskConfig;
  /** The bot's closed trades, rupees net of charges (Kelly). */
  readonly tradePnls: (botId: BotId) => readonly number[];
}

export interface SizingOutcome {
  readonly intents: Intent[];
  readonly signals: Signal[];
  /** Opening intents the policy could not size to a whole lot, with why. */
  readonly held: Map<IntentId, string>;
}

interface Leg {
  readonly instrument: Tradable;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  readonly price: number | undefined;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Applies a bot's sizing policy to its opening intents after its signal and before risk: an order's
 * quantity, or a structure's legs in proportion (the structure's smallest whole unit times the lots).
 * The signal that named the intent carries the policy, its inputs and its sentence; an intent the policy
 * cannot size to a whole lot is held back with the reason.
 */
export function createBotSizing(deps: BotSizingDeps) {
  const legsOf = (intent: Intent): Leg[] | undefined => {
    const raw = intent.kind === 'place' ? [intent] : intent.kind === 'enter-structure' ? intent.legs : [];
    const out: Leg[] = [];
    for (const l of raw) {
      const instrument = deps.instruments.tradable(l.instrumentId);
      if (!instrument) return undefined;
      out.push({ instrument, side: l.side, quantity: l.quantity, price: l.limitPrice ?? deps.market.mark(l.instrumentId) });
    }
    return out.length > 0 ? out : undefined;
  };

  const inputsFor = (policy: SizingPolicy, botId: BotId, legs: readonly Leg[], unit: number, signal: Signal | undefined, now: number, capital: number): SizingInputs | string => {
    const first = legs[0]!.instrument;
    const lotSize = first.kind === 'option' || first.kind === 'future' ? first.lotSize : 1;
    // Quantities of one unit of the position (one lot of the first leg in proportion).
    const perUnit = legs.map((l) => ({ ...l, units: l.quantity / unit }));
    let premium = 0;
    for (const l of perUnit) {
      if (l.price === undefined || !(l.price > 0)) return `no price for ${l.instrument.symbol}`;
      premium += ((l.side === 'BUY' ? 1 : -1) * l.price * l.units) / lotSize;
    }
    const book: BookLeg[] = perUnit.map((l) => ({ instrument: l.instrument, botId, quantity: l.side === 'BUY' ? l.units : -l.units, mark: l.price! }));
    const limits = deps.limits();
    const valued = valueLegs(book, deps.market, limits.rate, now);
    const underlying = underlyingOf(first);
    const contract =
      (first.kind === 'option' || first.kind === 'future') && isUnderlying(underlying)
        ? { underlying, expiry: istDateKey(first.expiry), tradeDate: istDateKey(now) }
        : { lotSize };
    const atr = signal?.inputs.atr;
    const ml = signal?.sources.find((s) => s.source === 'ml' && s.status === 'ok');
    const spot = deps.market.spot(underlying);
    const iv = valued.ok ? valued.value.find((l) => l.option)?.option?.iv : undefined;
    return {
      capital,
      maxLots: botLimitsOf(limits, botId).maxLots,
      contract,
      side: premium >= 0 ? 'buy' : 'sell',
      premium: Math.abs(premium),
      ...(spot !== undefined ? { spot } : {}),
      ...(iv !== undefined ? { iv } : {}),
      ...(typeof atr === 'number' ? { atr } : {}),
      ...(valued.ok ? { delta: Math.abs(valued.value.reduce((d, l) => d + legGreeks(l).deltaLots, 0)), marginPerLot: estimateMargin(valued.value, limits.margin, now).total } : {}),
      ...(policy.policy === 'kelly' ? { tradePnls: deps.tradePnls(botId) } : {}),
      ...(signal ? { strength: signal.strength } : {}),
      ...(ml && signal ? { ml: { agrees: ml.direction === signal.direction, confidence: ml.score } } : {}),
    };
  };

  return (policy: SizingPolicy, botId: BotId, capital: number, intents: readonly Intent[], isOpening: (i: Intent) => boolean, signals: readonly Signal[], now: number): SizingOutcome => {
    const held = new Map<IntentId, string>();
    const notes = new Map<IntentId, { inputs: Record<string, SignalInput>; note: string }>();
    const out = intents.map((intent): Intent => {
      if (!isOpening(intent)) return intent;
      const legs = legsOf(intent);
      if (!legs) {
        held.set(intent.intentId, `sizing (${policy.policy}): an instrument of the order is unknown`);
        return intent;
      }
      const lotSizes = legs.map((l) => (l.instrument.kind === 'option' || l.instrument.kind === 'future' ? l.instrument.lotSize : 1));
      const unit = legs.map((l, i) => l.quantity / lotSizes[i]!).reduce((a, b) => gcd(a, Math.round(b)), 0) || 1;
      const signal = signals.find((s) => s.intentIds.includes(intent.intentId));
      const inputs = inputsFor(policy, botId, legs, unit, signal, now, capital);
      if (typeof inputs === 'string') {
        held.set(intent.intentId, `sizing (${policy.policy}): ${inputs}`);
        return intent;
      }
      const sized = sizePosition(policy, inputs);
      const figures = Object.fromEntries(Object.entries((sized.ok ? sized.value : sized.error).inputs).map(([k, v]) => [`sizing.${k}`, v]));
      if (!sized.ok) {
        held.set(intent.intentId, `sizing (${policy.policy}): ${sized.error.reason}`);
        notes.set(intent.intentId, { inputs: figures, note: `sizing refused: ${sized.error.reason}` });
        return intent;
      }
      notes.set(intent.intentId, { inputs: figures, note: `sizing ${sized.value.explanation}` });
      // The first leg gets its lots per unit × the sized lots × the contract's lot on the day; the other legs keep their ratio to it.
      const first = (legs[0]!.quantity / lotSizes[0]! / unit) * sized.value.lots * sized.value.lotSize;
      const scale = (q: number): number => Math.round((q / legs[0]!.quantity) * first);
      if (intent.kind === 'place') return { ...intent, quantity: scale(intent.quantity) };
      if (intent.kind === 'enter-structure') return { ...intent, legs: intent.legs.map((l) => ({ ...l, quantity: scale(l.quantity) })) };
      return intent;
    });
    const sigs = signals.map((s) => {
      const hit = s.intentIds.map((id) => notes.get(id)).filter((n) => n !== undefined);
      if (hit.length === 0) return s;
      return { ...s, inputs: { ...s.inputs, ...Object.assign({}, ...hit.map((h) => h.inputs)) }, notes: [...s.notes, ...hit.map((h) => h.note)] };
    });
    return { intents: out, signals: sigs, held };
  };
}
