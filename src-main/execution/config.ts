/** Timings and bounds of the order path. Defaults suit OpenAlgo (≤ 10 orders/s, book reads ~1/s). */
export interface ExecutionConfig {
  /** Order and trade book are read at most this often, and only while something is open or unresolved. */
  readonly pollIntervalMs: number;
  /** How long an unknown outcome waits for its order to appear in the book before it is ruled not placed. */
  readonly unknownOutcomeWaitMs: number;
  /** A book row stamped up to this long before the send still counts as placed after it (clock skew, whole-second stamps). */
  readonly clockSkewMs: number;
  /** How long a modify or cancel whose answer was lost waits for the book to confirm it. */
  readonly requestConfirmWaitMs: number;
  /** Re-sends of an order the broker refused with rate-limited (nothing was placed), after its retry-after. */
  readonly rateLimitRetries: number;
  /** Closing orders tried per leg when unwinding or exiting a structure before it is declared orphaned. */
  readonly unwindRetries: number;
  /** Times an intent waits out the gate's order-rate refusal (its retry-after) before it is refused. */
  readonly rateWaits: number;
  /** Pause before a structure leg is re-sent. */
  readonly retryDelayMs: number;
  /** Pushed updates for broker ids not yet claimed are held this many at most (they may belong to an order in flight). */
  readonly unclaimedBufferLimit: number;
}

export const DEFAULT_EXECUTION_CONFIG: ExecutionConfig = {
  pollIntervalMs: 1000,
  unknownOutcomeWaitMs: 30_000,
  clockSkewMs: 2000,
  requestConfirmWaitMs: 30_000,
  rateLimitRetries: 2,
  unwindRetries: 3,
  rateWaits: 5,
  retryDelayMs: 500,
  unclaimedBufferLimit: 500,
};
