import type { Unsubscribe } from '#core/bus';
import type { Result } from '#core/result';
import type { BrokerOrderId, InstrumentId, TradeId } from '#model/ids';
import type { OrderSide, OrderType, Product } from '#model/order';

/**
 * The port every broker implements (paper, OpenAlgo live, OpenAlgo analyzer). It speaks the broker's
 * own facts: rows of its order book, trades, net positions. The order manager owns the mapping from
 * those facts to its orders; a broker never sees a client order id because OpenAlgo cannot carry one.
 */
export interface PlaceOrderRequest {
  /** The bot id (OpenAlgo's `strategy` field); `terminal` for the trader's own orders. */
  readonly strategy: string;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  /** Units. */
  readonly quantity: number;
  readonly type: OrderType;
  readonly product: Product;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
}

/** What a modify asks for: the full new order terms (OpenAlgo's modifyorder needs all of them). */
export interface ModifyOrderRequest {
  readonly strategy: string;
  readonly brokerOrderId: BrokerOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly product: Product;
  readonly type: OrderType;
  readonly quantity: number;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
}

/** OpenAlgo's order statuses (lowercase on the wire; `trigger pending` spelt with a hyphen here). */
export type BrokerOrderStatus = 'open' | 'trigger-pending' | 'complete' | 'cancelled' | 'rejected';

export interface BrokerOrderRow {
  readonly brokerOrderId: BrokerOrderId;
  readonly strategy?: string;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly type: OrderType;
  readonly product: Product;
  /** Limit price; 0 for MARKET and SL-M (OpenAlgo forces 0 for MARKET rows). */
  readonly price: number;
  readonly triggerPrice: number;
  readonly status: BrokerOrderStatus;
  readonly filledQuantity: number;
  readonly avgPrice: number;
  readonly rejectionReason?: string;
  /** When the broker took the order, epoch ms, if its timestamp could be read. */
  readonly placedAt?: number;
}

export interface BrokerTrade {
  /** Stable across reads: a broker without trade ids must derive one (the OpenAlgo adapter does). */
  readonly tradeId: TradeId;
  readonly brokerOrderId: BrokerOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly product: Product;
  readonly quantity: number;
  readonly price: number;
  /** Rupees, when the broker computes them (the paper broker does); otherwise execution estimates. */
  readonly charges?: number;
  readonly ts?: number;
}

export interface BrokerPosition {
  readonly instrumentId: InstrumentId;
  readonly product: Product;
  /** Signed units. */
  readonly quantity: number;
  readonly avgPrice: number;
}

/** Pushed facts, in the order the broker learnt them: a trade before the row that counts it. */
export type BrokerUpdate = { readonly kind: 'order'; readonly row: BrokerOrderRow } | { readonly kind: 'trade'; readonly trade: BrokerTrade };

/**
 * Failures as the caller must treat them:
 * - `unknown-outcome`: the write may have reached the broker (timeout, dropped connection, 5xx after
 *   sending). Only the order book can tell; sending again could double the order.
 * - `rejected`: the broker refused; nothing was placed, modified or cancelled.
 * - `rate-limited`: refused before or at the broker's door; nothing happened; retry after `retryAfterMs`.
 * - `session-expired`: the broker login behind OpenAlgo ended (daily at 03:00 IST); nothing happened.
 * - `unavailable`: the request did not reach the broker (connection refused, not connected).
 * - `not-found`: the order id is not in the broker's book.
 */
export type BrokerErrorKind = 'unknown-outcome' | 'rejected' | 'rate-limited' | 'session-expired' | 'unavailable' | 'not-found';

export interface BrokerError {
  readonly kind: BrokerErrorKind;
  readonly message: string;
  readonly retryAfterMs?: number;
}

export type BrokerResult<T> = Promise<Result<T, BrokerError>>;

export interface Broker {
  /** `paper`, `openalgo`, `openalgo-analyzer`: shown to the trader beside every order. */
  readonly name: string;
  place(request: PlaceOrderRequest): BrokerResult<{ brokerOrderId: BrokerOrderId }>;
  modify(request: ModifyOrderRequest): BrokerResult<void>;
  cancel(brokerOrderId: BrokerOrderId, strategy: string): BrokerResult<void>;
  /** One row; for OpenAlgo this costs two broker calls, so the manager polls `orderBook` instead. */
  orderStatus(brokerOrderId: BrokerOrderId, strategy: string): BrokerResult<BrokerOrderRow>;
  orderBook(): BrokerResult<readonly BrokerOrderRow[]>;
  tradeBook(): BrokerResult<readonly BrokerTrade[]>;
  positionBook(): BrokerResult<readonly BrokerPosition[]>;
  onUpdate(handler: (update: BrokerUpdate) => void): Unsubscribe;
  /**
   * A number that changes whenever any of the three books would read differently, for a broker that can
   * tell (the paper broker, in process): reconciliation then skips re-reading books that cannot have
   * changed. A remote broker cannot tell and leaves it out; its books are always read.
   */
  booksVersion?(): number;
}

export function brokerError(kind: BrokerErrorKind, message: string, retryAfterMs?: number): BrokerError {
  return retryAfterMs === undefined ? { kind, message } : { kind, message, retryAfterMs };
}
