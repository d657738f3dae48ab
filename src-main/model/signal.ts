import type { BotId, InstrumentId, SignalId } from './ids.ts';

export const SignalDirection = { long: 'long', short: 'short', neutral: 'neutral' } as const;
export type SignalDirection = (typeof SignalDirection)[keyof typeof SignalDirection];

/**
 * What a bot shows the trader: every signal is kept with its inputs and the decision, including the
 * ones not taken, so the UI can explain both a trade and its absence.
 */
export interface Signal {
  readonly id: SignalId;
  readonly botId: BotId;
  readonly instrumentId: InstrumentId;
  readonly tsEvent: number;
  readonly direction: SignalDirection;
  /** 0..1 */
  readonly strength: number;
  /** Named component scores, e.g. { ml: 0.62, technical: 0.7, priceAction: 0.55 }. */
  readonly scores: Readonly<Record<string, number>>;
  readonly decision: { readonly kind: 'taken' } | { readonly kind: 'filtered'; readonly reason: string };
}
