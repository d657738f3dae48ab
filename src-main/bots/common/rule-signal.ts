import type { InstrumentId, IntentId } from '#model/ids';
import type { Signal, SignalInput, SignalKind } from '#model/signal';
import type { BotContext } from '../contract/context.ts';

/**
 * A decision taken on a rule alone (an exit, an adjustment): no enhancement sources, the rule's
 * inputs and the reason, linked to the intents it produced.
 */
export function ruleSignal<P, S>(
  ctx: BotContext<P, S>,
  o: {
    readonly kind: SignalKind;
    readonly rule: string;
    readonly underlying: InstrumentId;
    readonly taken: boolean;
    readonly reason: string;
    readonly inputs: Readonly<Record<string, SignalInput>>;
    readonly intentIds?: readonly IntentId[];
    readonly notes?: readonly string[];
    readonly strength?: number;
  },
): Signal {
  return {
    id: ctx.ids.signal(),
    botId: ctx.botId,
    instrumentId: o.underlying,
    tsEvent: ctx.now,
    kind: o.kind,
    rule: o.rule,
    direction: 'neutral',
    strength: o.strength ?? 1,
    scores: {},
    inputs: o.inputs,
    sources: [],
    decision: o.taken ? { kind: 'taken', reason: o.reason } : { kind: 'filtered', reason: o.reason },
    notes: o.notes ?? [],
    intentIds: o.taken ? (o.intentIds ?? []) : [],
  };
}
