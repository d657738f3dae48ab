import type { BotId, BrokerOrderId, ClientOrderId, InstrumentId, IntentId, TradeId } from './ids.ts';

export const OrderSide = { buy: 'BUY', sell: 'SELL' } as const;
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];

/** OpenAlgo's price types. */
export const OrderType = { market: 'MARKET', limit: 'LIMIT', stop: 'SL', stopMarket: 'SL-M' } as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/** MIS intraday, NRML carry-forward F&O, CNC delivery equity. */
export const Product = { mis: 'MIS', nrml: 'NRML', cnc: 'CNC' } as const;
export type Product = (typeof Product)[keyof typeof Product];

export const OrderStatus = {
  initialized: 'initialized',
  denied: 'denied',
  submitted: 'submitted',
  /** Sent, but the broker's answer never arrived (timeout, dropped connection): reconciliation decides. */
  unknown: 'unknown',
  accepted: 'accepted',
  rejected: 'rejected',
  triggered: 'triggered',
  pendingUpdate: 'pending-update',
  pendingCancel: 'pending-cancel',
  partiallyFilled: 'partially-filled',
  filled: 'filled',
  cancelled: 'cancelled',
  expired: 'expired',
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['denied', 'rejected', 'filled', 'cancelled', 'expired']);

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.has(status);
}

export interface Order {
  readonly clientOrderId: ClientOrderId;
  readonly brokerOrderId?: BrokerOrderId;
  readonly intentId?: IntentId;
  readonly botId?: BotId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly product: Product;
  /** Units, not lots. */
  readonly quantity: number;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
  readonly status: OrderStatus;
  readonly filledQuantity: number;
  /** Volume-weighted average fill price; 0 until the first fill. */
  readonly avgFillPrice: number;
  readonly tradeIds: readonly TradeId[];
  readonly reason?: string;
  readonly tsInit: number;
  readonly tsLast: number;
}

export interface NewOrder {
  clientOrderId: ClientOrderId;
  intentId?: IntentId;
  botId?: BotId;
  instrumentId: InstrumentId;
  side: OrderSide;
  type: OrderType;
  product: Product;
  quantity: number;
  limitPrice?: number;
  triggerPrice?: number;
  tsInit: number;
}

export function createOrder(spec: NewOrder): Order {
  if (!Number.isInteger(spec.quantity) || spec.quantity <= 0) throw new RangeError(`order quantity must be a positive integer, got ${spec.quantity}`);
  const needsLimit = spec.type === 'LIMIT' || spec.type === 'SL';
  if (needsLimit && !(spec.limitPrice !== undefined && spec.limitPrice > 0)) throw new RangeError(`${spec.type} order needs a positive limit price`);
  const needsTrigger = spec.type === 'SL' || spec.type === 'SL-M';
  if (needsTrigger && !(spec.triggerPrice !== undefined && spec.triggerPrice > 0)) throw new RangeError(`${spec.type} order needs a positive trigger price`);
  return { ...spec, status: 'initialized', filledQuantity: 0, avgFillPrice: 0, tradeIds: [], tsLast: spec.tsInit };
}
