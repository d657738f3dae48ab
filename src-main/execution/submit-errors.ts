import type { RiskRejection } from '#risk/pre-trade';

/** Why an intent was refused before anything reached the broker. The intent itself is still recorded. */
export type SubmitError =
  | { readonly kind: 'bot-blocked'; readonly message: string }
  | { readonly kind: 'duplicate-intent'; readonly message: string }
  | { readonly kind: 'unknown-instrument'; readonly message: string }
  | { readonly kind: 'no-quote'; readonly message: string }
  | { readonly kind: 'invalid-order'; readonly message: string }
  | { readonly kind: 'risk-denied'; readonly message: string; readonly rejection: RiskRejection }
  | { readonly kind: 'unknown-order'; readonly message: string }
  | { readonly kind: 'unknown-structure'; readonly message: string }
  | { readonly kind: 'not-allowed'; readonly message: string };

/** What became of an accepted intent: the orders written for it (and the structure, for a structure). */
export interface SubmitOutcome {
  readonly orders: readonly string[];
  readonly structureId?: string;
}
