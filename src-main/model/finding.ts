import type { BotId } from './ids.ts';

/**
 * Something the trader must look at because the engine will not guess: an order whose fate it cannot
 * tell, a fill that does not fit, a leg it could not close. A blocking finding stops its bot from
 * opening anything until the trader resolves it; it survives a restart.
 */
export const FindingKind = {
  /** An unknown outcome matched two or more order-book rows. */
  ambiguousOutcome: 'ambiguous-outcome',
  /** The broker reported more filled than the order asked for. */
  overfill: 'overfill',
  /** A fill arrived for an order in a state that cannot take one (already cancelled or rejected). */
  unexpectedFill: 'unexpected-fill',
  /** A structure left a leg open that its policy could not close (possibly a naked short). */
  orphanedStructure: 'orphaned-structure',
  /** The store's order and its replayed event log disagree. */
  ledgerMismatch: 'ledger-mismatch',
  // Restart reconciliation (execution/reconcile): the store against the broker's books.
  /** A trade the store lacked, on an order it knows: imported through the ledger (raised already resolved). */
  missingFill: 'missing-fill',
  /** An order in the broker's book that no order of ours claims (placed outside the terminal, or lost). */
  unknownBrokerOrder: 'unknown-broker-order',
  /** A working order of ours that the broker's book no longer has. */
  orderNotAtBroker: 'order-not-at-broker',
  /** The broker holds units the store does not account for: a position no bot owns. */
  unownedPosition: 'unowned-position',
  /** The store holds units the broker does not: closed outside the terminal, or never filled. */
  positionMismatch: 'position-mismatch',
  /** A structure leg the store counts as held that the broker (or the bot's own position) does not hold. */
  structureMissingLeg: 'structure-missing-leg',
  /** A structure's short leg is held while its hedge is not: a naked short, until repaired. */
  nakedShort: 'naked-short',
} as const;
export type FindingKind = (typeof FindingKind)[keyof typeof FindingKind];

export type FindingSeverity = 'warning' | 'critical';

export interface Finding {
  readonly findingId: string;
  readonly kind: FindingKind;
  readonly severity: FindingSeverity;
  readonly botId?: BotId;
  /** The order or structure concerned. */
  readonly subject: string;
  /** A sentence for the trader saying what happened and what is asked of them. */
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly blocking: boolean;
  readonly status: 'open' | 'resolved';
  readonly resolution?: string;
  readonly tsRaised: number;
  readonly tsResolved?: number;
}
