import type { InstrumentId } from '#model/ids';
import type { SignalInput, SignalKind } from '#model/signal';
import type { BotContext } from '../contract/context.ts';
import { ruleSignal } from '../common/rule-signal.ts';
import type { Step } from './seller-loop.ts';
import type { SellerPosition } from './seller-state.ts';

export interface Warning {
  /** Identifies the warning within the position: shown once, not every minute it stays true. */
  readonly key: string;
  readonly kind: SignalKind;
  readonly rule: string;
  readonly underlying: InstrumentId;
  readonly reason: string;
  readonly inputs: Readonly<Record<string, SignalInput>>;
}

/**
 * A rule that could not act (a leg it cannot mark, an adjustment it may not make) is said once per
 * position as a filtered signal, and the position is held as it is.
 */
export function warnOnce<P, S>(ctx: BotContext<P, S>, pos: SellerPosition, w: Warning): Step {
  if (pos.warned.includes(w.key)) return { intents: [], signals: [], position: pos };
  const signal = ruleSignal(ctx, { kind: w.kind, rule: w.rule, underlying: w.underlying, taken: false, reason: w.reason, inputs: w.inputs });
  return { intents: [], signals: [signal], position: { ...pos, warned: [...pos.warned, w.key] } };
}
