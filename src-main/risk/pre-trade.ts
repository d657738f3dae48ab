import type { Result } from '#core/result';
import type { BotId, ClientOrderId, StructureId } from '#model/ids';
import type { Tradable } from '#model/instrument';
import type { OrderSide, OrderType, Product } from '#model/order';

/**
 * The seam between execution and risk. The order manager builds one proposal per order it is about to
 * write and send (after slicing, per leg of a structure) and asks the gate; risk never calls a broker
 * and execution never decides a limit.
 */
export interface OrderProposal {
  /** Undefined for the trader's own orders and for the kill switch. */
  readonly botId?: BotId;
  readonly instrument: Tradable;
  readonly side: OrderSide;
  /** Units, a whole number of lots. */
  readonly quantity: number;
  readonly type: OrderType;
  readonly product: Product;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
  /** Only reduces an existing position (exits, stops, unwinds, the kill switch): allowed while *reducing*. */
  readonly reduceOnly: boolean;
  /** Last traded price (or quote mid) of the instrument when the proposal is made, for bands and margin. */
  readonly referencePrice: number;
  /** Engine-clock time of the proposal, epoch ms. */
  readonly ts: number;
  /** The structure this order is a leg of: legs of a structure the gate already accepted skip the book-wide checks. */
  readonly structureId?: StructureId;
  /** An order of the kill switch's plan: the only orders allowed while *halted* (they must also be reduce-only). */
  readonly killSwitch?: boolean;
  /** The order manager's id, when it has one: lets the gate name the order in its decision. */
  readonly clientOrderId?: ClientOrderId;
}

/** A multi-leg structure is checked as one unit before its first leg is sent (margin, Greeks, shock). */
export interface StructureProposal {
  readonly botId?: BotId;
  /** When set (here or on the legs), the gate remembers the accepted legs so their sends are not re-judged leg by leg. */
  readonly structureId?: StructureId;
  readonly legs: readonly OrderProposal[];
  readonly ts: number;
}

export type RiskCheckName =
  | 'trading-state'
  | 'reduce-only'
  | 'market-hours'
  | 'entry-window'
  | 'bot-capital'
  | 'position-limit'
  | 'lot-limit'
  | 'order-size'
  | 'order-rate'
  | 'price-band'
  | 'margin'
  | 'daily-loss'
  | 'drawdown'
  | 'greeks'
  | 'shock'
  | 'stacking'
  | 'var'
  | 'stress';

/** Why a proposal was refused: which check, a sentence for the trader, and the figures behind it. */
export interface RiskRejection {
  readonly check: RiskCheckName;
  readonly reason: string;
  readonly limit?: number;
  readonly value?: number;
  /** Set when the same order may pass later (the order-rate window): retry after this many ms, never re-send blindly. */
  readonly retryAfterMs?: number;
  /** The leg of a structure that failed a per-leg check (index into `legs`). */
  readonly legIndex?: number;
}

export interface RiskGate {
  check(proposal: OrderProposal): Result<void, RiskRejection>;
  checkStructure(structure: StructureProposal): Result<void, RiskRejection>;
  /** The order manager reports every order actually sent, for the order-rate check. */
  recordSent(proposal: OrderProposal): void;
  /**
   * Milliseconds until one more order fits under the order-rate limit at `ts` (0: now). Asked right
   * before each send: orders that passed their checks in the same instant must not all go out together.
   */
  sendDelay?(ts: number): number;
}
