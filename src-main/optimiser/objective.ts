import type { Result } from '#core/result';
import type { Params } from './search-space.ts';

/** In-sample trials are what the search optimises; the best of them are then scored out-of-sample once. */
export const FOLDS = ['in-sample', 'out-of-sample'] as const;
export type FoldName = (typeof FOLDS)[number];

export interface TrialOutcome {
  /** Higher is better; null when the trial has nothing to score (no trades, no variance). */
  readonly score: number | null;
  /** Figures shown beside the score (the backtest's metrics). */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Per-period (daily) returns: the deflated Sharpe ratio and PBO read them. */
  readonly returns: readonly number[];
}

export type TrialError =
  /** The bot's own schema refused the combination (a cross-field rule): the trial is recorded as failed. */
  | { readonly kind: 'invalid-params'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

/** The port every search runs against: one evaluation of one parameter set on one fold. */
export interface Objective {
  evaluate(params: Params, fold: FoldName, signal?: AbortSignal): Promise<Result<TrialOutcome, TrialError>>;
}
