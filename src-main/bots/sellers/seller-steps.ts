import type { InstrumentId } from '#model/ids';
import type { SignalInput } from '#model/signal';
import type { BotContext } from '../contract/context.ts';
import { ruleSignal } from '../common/rule-signal.ts';
import { exitIntents, legLabel } from './seller-actions.ts';
import { stripUndefined, type Step } from './seller-loop.ts';
import type { SellerLeg, SellerPosition } from './seller-state.ts';

/** Closes the position for `reason`: rule `${name}/${rule}`, an exit signal linked to the exit intents. */
export function exitStep<P, S>(ctx: BotContext<P, S>, pos: SellerPosition, index: InstrumentId, name: string, rule: string, reason: string, inputs: Readonly<Record<string, SignalInput>>): Step {
  const intents = exitIntents(ctx, pos, `${name}: ${reason}`);
  const signal = ruleSignal(ctx, { kind: 'exit', rule: `${name}/${rule}`, underlying: index, taken: true, reason, inputs, intentIds: intents.map((i) => i.intentId) });
  return { intents, signals: [signal], position: stripUndefined({ ...pos, phase: 'exiting', rollTo: undefined }) };
}

/**
 * An adjustment that changes legs: execution has no leg-level roll, so the structure is closed now
 * (shorts first) and `rollTo` entered as a new structure once it is flat (`sellerOnBar` does that).
 */
export function rollStep<P, S>(
  ctx: BotContext<P, S>,
  pos: SellerPosition,
  index: InstrumentId,
  name: string,
  rollTo: readonly SellerLeg[],
  reason: string,
  inputs: Readonly<Record<string, SignalInput>>,
): Step {
  const full = `${reason} (exit, then re-enter ${rollTo.map(legLabel).join(', ')})`;
  const intents = exitIntents(ctx, pos, `${name}: ${full}`);
  const signal = ruleSignal(ctx, {
    kind: 'adjustment',
    rule: `${name}/adjust`,
    underlying: index,
    taken: true,
    reason: full,
    inputs,
    intentIds: intents.map((i) => i.intentId),
    notes: ['the order manager has no leg-level roll: the structure is closed and the rolled one entered once flat'],
  });
  return { intents, signals: [signal], position: { ...pos, phase: 'exiting', rollTo: [...rollTo], adjustments: pos.adjustments + 1 } };
}
