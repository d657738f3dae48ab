import type { BotId, InstrumentId, IntentId, SignalId } from './ids.ts';

export const SignalDirection = { long: 'long', short: 'short', neutral: 'neutral' } as const;
export type SignalDirection = (typeof SignalDirection)[keyof typeof SignalDirection];

/** What the evaluation was about: opening, closing or adjusting a position. */
export const SignalKind = { entry: 'entry', exit: 'exit', adjustment: 'adjustment' } as const;
export type SignalKind = (typeof SignalKind)[keyof typeof SignalKind];

/** The enhancement sources of the pipeline (strategies.md: ML, technical, price action, confirmations). */
export const SignalSource = { ml: 'ml', technical: 'technical', priceAction: 'priceAction', confirmation: 'confirmation' } as const;
export type SignalSource = (typeof SignalSource)[keyof typeof SignalSource];

/** A value a rule read, as the trader sees it; `null` when the input was missing. */
export type SignalInput = number | string | boolean | null;

/**
 * One source's view. `not-available` (no ML model installed, a study not warm yet) and `not-applicable`
 * (a seller has no confirmation layers) carry no weight; the ensemble renormalises over the rest.
 */
export interface SourceScore {
  readonly source: SignalSource;
  readonly status: 'ok' | 'not-available' | 'not-applicable';
  readonly direction: SignalDirection;
  /** Confidence in `direction`, 0..1. */
  readonly score: number;
  /** The source's default weight and the weight it carried after renormalisation (0 when unavailable). */
  readonly weight: number;
  readonly effectiveWeight: number;
  /** Why unavailable, or the parts the score came from ("RSI 61, MACD hist +3.2, …"). */
  readonly detail: string;
}

/** The ensemble's verdict over the available sources. */
export interface CombinedScore {
  readonly direction: SignalDirection;
  /** Weighted confidence of the sources agreeing with `direction`, 0..1. */
  readonly score: number;
  /** Weighted share of the sources agreeing with `direction`, 0..1. */
  readonly consensus: number;
  /** Sum of the default weights of the sources that were available; < 1 means they were renormalised. */
  readonly availableWeight: number;
}

export interface SignalRegime {
  readonly regime: 'trending' | 'ranging' | 'volatile';
  readonly confidence: number;
  /** Which classifier decided: `rules` today, an ML model later. */
  readonly source: string;
}

/**
 * `taken`: the bot's rules chose to act and its intents went to the order manager (when some of them were
 * refused there, the reason says which and why); `filtered`: the rules or the bot manager chose not to;
 * `refused`: the rules chose to act but every intent was refused before reaching the broker (risk, the
 * kill switch, trading not started or armed), the reason being the refusal's.
 */
export type SignalDecision = { readonly kind: 'taken' | 'filtered' | 'refused'; readonly reason: string };

/**
 * What a bot shows the trader: every evaluation that reached a decision is kept with its inputs, each
 * source's score, the combined score and the decision with its reason, including the ones not taken,
 * so the UI can explain both a trade and its absence.
 */
export interface Signal {
  readonly id: SignalId;
  readonly botId: BotId;
  /** The underlying (index) the evaluation was about. */
  readonly instrumentId: InstrumentId;
  readonly tsEvent: number;
  readonly kind: SignalKind;
  /** The rule that fired, e.g. `short-straddle/entry` or `iron-condor/stop`. */
  readonly rule: string;
  readonly direction: SignalDirection;
  /** 0..1: the combined score where the pipeline ran, else the rule's own strength. */
  readonly strength: number;
  /** Named scores for tables and charts: each available source and `combined`. */
  readonly scores: Readonly<Record<string, number>>;
  readonly inputs: Readonly<Record<string, SignalInput>>;
  readonly sources: readonly SourceScore[];
  readonly combined?: CombinedScore;
  readonly regime?: SignalRegime;
  readonly decision: SignalDecision;
  /** Rules that could not be applied as written and what was done instead (no OI from the broker, …). */
  readonly notes: readonly string[];
  /** The intents a taken decision produced. */
  readonly intentIds: readonly IntentId[];
}
