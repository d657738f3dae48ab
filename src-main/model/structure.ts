import type { InstrumentId } from './ids.ts';
import type { OrderSide } from './order.ts';

/** The multi-leg shapes the bots trade. The kind is a label for the trader; execution treats all alike. */
export const StructureKind = {
  straddle: 'straddle',
  strangle: 'strangle',
  ironCondor: 'iron-condor',
  ironFly: 'iron-fly',
  verticalSpread: 'vertical-spread',
  calendarSpread: 'calendar-spread',
} as const;
export type StructureKind = (typeof StructureKind)[keyof typeof StructureKind];

/** One leg as a bot asks for it: units (a whole number of lots), market or limit. */
export interface StructureLegSpec {
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly type: 'MARKET' | 'LIMIT';
  readonly limitPrice?: number;
}

/**
 * What to do when a leg fails to fill. `complete` re-sends the unfilled rest a bounded number of times,
 * moving a limit price toward the market by `chaseStepTicks` per attempt but never further than
 * `chaseBandPct` from the first price, then falls back to unwinding. `unwind` closes the filled legs at
 * once. Either way a leg still working after `legTimeoutMs` is cancelled and counts as failed.
 */
export type StructurePolicy =
  | { readonly kind: 'complete'; readonly maxRetries: number; readonly chaseStepTicks: number; readonly chaseBandPct: number; readonly legTimeoutMs: number }
  | { readonly kind: 'unwind'; readonly legTimeoutMs: number };

/**
 * A structure's life. `entering` legs in hedge-first; `open` has every leg filled; `unwinding` closes
 * what filled after a failure; `exiting` closes an open structure; `orphaned` means a leg could not be
 * closed and the trader must act (it is loud: a finding blocks the bot). Terminal: denied, unwound, closed.
 */
export const StructureStatus = {
  pending: 'pending',
  denied: 'denied',
  entering: 'entering',
  open: 'open',
  unwinding: 'unwinding',
  unwound: 'unwound',
  exiting: 'exiting',
  closed: 'closed',
  orphaned: 'orphaned',
} as const;
export type StructureStatus = (typeof StructureStatus)[keyof typeof StructureStatus];
