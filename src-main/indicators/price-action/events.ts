import type { Side, Stamp } from './types.ts';
import type { StructureKind } from './structure-rule.ts';

/**
 * Append-only: once emitted an event is never changed or withdrawn; later knowledge arrives as a new
 * event (a swing superseding another, a block turning breaker). That is what makes the look-ahead
 * test meaningful: events known at bar k depend only on bars 0..k.
 */
export type SwingEvent = Stamp & {
  readonly kind: 'swing';
  readonly side: Side;
  readonly level: number;
  /** Index of the same-side swing this one supersedes (a more extreme pivot in the same run), or null. */
  readonly replaces: number | null;
};

/** A swing becomes final when the next opposite-side swing is confirmed: its run can no longer change. */
export type SwingFinalEvent = Stamp & { readonly kind: 'swing-final'; readonly side: Side; readonly level: number };

/** Stamped at swing b (the broken level's bar); known once the pattern and the close through b exist. */
export type StructureEvent = Stamp & {
  readonly kind: StructureKind;
  readonly side: Side;
  readonly level: number;
  readonly brokenIndex: number;
  /** The swing d that completed the pattern. */
  readonly confirmIndex: number;
};

export type FvgEvent = Stamp & { readonly kind: 'fvg'; readonly side: Side; readonly top: number; readonly bottom: number };
export type FvgMitigatedEvent = Stamp & {
  readonly kind: 'fvg-mitigated';
  readonly side: Side;
  readonly top: number;
  readonly bottom: number;
  readonly mitigatedIndex: number;
};

export type OrderBlockEvent = Stamp & {
  readonly kind: 'order-block' | 'order-block-mitigated' | 'breaker-invalidated';
  readonly side: Side;
  readonly top: number;
  readonly bottom: number;
  readonly triggerIndex: number;
  readonly swingIndex: number;
};

/** A group of at least two same-side swings within the tolerance; re-emitted when it grows. */
export type LiquidityEvent = Stamp & {
  readonly kind: 'liquidity';
  readonly side: Side;
  readonly level: number;
  readonly members: number;
  readonly end: number;
  readonly range: number;
  readonly sweptIndex: number | null;
};
export type LiquiditySweptEvent = Stamp & {
  readonly kind: 'liquidity-swept';
  readonly side: Side;
  readonly level: number;
  readonly sweptIndex: number;
};

export type PriceActionEvent =
  | SwingEvent
  | SwingFinalEvent
  | StructureEvent
  | FvgEvent
  | FvgMitigatedEvent
  | OrderBlockEvent
  | LiquidityEvent
  | LiquiditySweptEvent;
