import { err, ok, type Result } from '#core/result';
import type { BrokerOrderId, TradeId } from './ids.ts';
import type { Order, OrderStatus } from './order.ts';

/** What can happen to an order. Past tense: each is a fact reported by risk, the broker or reconciliation. */
export type OrderEvent =
  | { kind: 'denied'; reason: string; ts: number }
  | { kind: 'submitted'; ts: number }
  | { kind: 'outcome-unknown'; reason: string; ts: number }
  | { kind: 'accepted'; brokerOrderId: BrokerOrderId; ts: number }
  | { kind: 'rejected'; reason: string; ts: number }
  | { kind: 'triggered'; ts: number }
  /** Carries the terms asked for, so a restart can still recognise them in the broker's book. */
  | { kind: 'update-requested'; quantity?: number; limitPrice?: number; triggerPrice?: number; ts: number }
  | { kind: 'updated'; quantity?: number; limitPrice?: number; triggerPrice?: number; ts: number }
  | { kind: 'update-rejected'; reason: string; ts: number }
  | { kind: 'cancel-requested'; ts: number }
  | { kind: 'cancel-rejected'; reason: string; ts: number }
  | { kind: 'cancelled'; reason?: string; ts: number }
  | { kind: 'expired'; ts: number }
  | { kind: 'filled'; tradeId: TradeId; quantity: number; price: number; ts: number };

export type OrderEventKind = OrderEvent['kind'];

/**
 * The order lifecycle as data (NautilusTrader's table). A missing cell is an illegal transition.
 * `filled` maps to partially-filled here; `applyOrderEvent` promotes it to `filled` when the quantity
 * is complete. `update-rejected`/`cancel-rejected` return to the state the request left, which is
 * recovered from the fill count. `accepted`, `rejected`, `cancelled` and `filled` are legal from
 * `unknown` because reconciliation resolves an unknown outcome into any of them.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, Partial<Record<OrderEventKind, OrderStatus>>>> = {
  initialized: { denied: 'denied', submitted: 'submitted' },
  denied: {},
  submitted: {
    accepted: 'accepted',
    rejected: 'rejected',
    'outcome-unknown': 'unknown',
    filled: 'partially-filled',
    cancelled: 'cancelled',
    expired: 'expired',
  },
  unknown: { accepted: 'accepted', rejected: 'rejected', filled: 'partially-filled', cancelled: 'cancelled', expired: 'expired' },
  accepted: {
    triggered: 'triggered',
    'update-requested': 'pending-update',
    'cancel-requested': 'pending-cancel',
    filled: 'partially-filled',
    cancelled: 'cancelled',
    expired: 'expired',
    rejected: 'rejected',
  },
  rejected: {},
  triggered: {
    'update-requested': 'pending-update',
    'cancel-requested': 'pending-cancel',
    filled: 'partially-filled',
    cancelled: 'cancelled',
    expired: 'expired',
    rejected: 'rejected',
  },
  'pending-update': {
    updated: 'accepted',
    'update-rejected': 'accepted',
    'cancel-requested': 'pending-cancel',
    filled: 'partially-filled',
    cancelled: 'cancelled',
    expired: 'expired',
  },
  'pending-cancel': {
    cancelled: 'cancelled',
    'cancel-rejected': 'accepted',
    filled: 'partially-filled',
    expired: 'expired',
  },
  'partially-filled': {
    'update-requested': 'pending-update',
    'cancel-requested': 'pending-cancel',
    filled: 'partially-filled',
    cancelled: 'cancelled',
    expired: 'expired',
  },
  filled: {},
  cancelled: {},
  expired: {},
};

export type OrderTransitionError =
  | { kind: 'illegal-transition'; from: OrderStatus; event: OrderEventKind; message: string }
  | { kind: 'duplicate-fill'; tradeId: TradeId; message: string }
  | { kind: 'overfill'; filled: number; quantity: number; message: string }
  | { kind: 'invalid-event'; message: string };

/** Pure: returns the next order, or a typed error that leaves the order untouched. */
export function applyOrderEvent(order: Order, event: OrderEvent): Result<Order, OrderTransitionError> {
  const target = ORDER_TRANSITIONS[order.status][event.kind];
  if (target === undefined) {
    return err({
      kind: 'illegal-transition',
      from: order.status,
      event: event.kind,
      message: `order ${order.clientOrderId}: '${event.kind}' is not allowed in status '${order.status}'`,
    });
  }
  const base = { ...order, tsLast: Math.max(order.tsLast, event.ts) };
  switch (event.kind) {
    case 'filled': {
      if (order.tradeIds.includes(event.tradeId)) {
        return err({ kind: 'duplicate-fill', tradeId: event.tradeId, message: `order ${order.clientOrderId}: trade ${event.tradeId} was already applied` });
      }
      if (!Number.isInteger(event.quantity) || event.quantity <= 0 || !(event.price > 0)) {
        return err({ kind: 'invalid-event', message: `order ${order.clientOrderId}: a fill needs a positive integer quantity and a positive price` });
      }
      const filled = order.filledQuantity + event.quantity;
      if (filled > order.quantity) {
        return err({ kind: 'overfill', filled, quantity: order.quantity, message: `order ${order.clientOrderId}: fill of ${event.quantity} takes ${filled} above ${order.quantity}` });
      }
      const avg = (order.avgFillPrice * order.filledQuantity + event.price * event.quantity) / filled;
      return ok({
        ...base,
        status: filled === order.quantity ? 'filled' : 'partially-filled',
        filledQuantity: filled,
        avgFillPrice: avg,
        tradeIds: [...order.tradeIds, event.tradeId],
      });
    }
    case 'accepted':
      return ok({ ...base, status: order.filledQuantity > 0 ? 'partially-filled' : target, brokerOrderId: event.brokerOrderId });
    case 'update-rejected':
    case 'cancel-rejected':
      return ok({ ...base, status: order.filledQuantity > 0 ? 'partially-filled' : target, reason: event.reason });
    case 'updated': {
      const quantity = event.quantity ?? order.quantity;
      if (quantity < order.filledQuantity) {
        return err({ kind: 'invalid-event', message: `order ${order.clientOrderId}: new quantity ${quantity} is below the filled ${order.filledQuantity}` });
      }
      const next: Order = {
        ...base,
        quantity,
        ...(event.limitPrice !== undefined ? { limitPrice: event.limitPrice } : {}),
        ...(event.triggerPrice !== undefined ? { triggerPrice: event.triggerPrice } : {}),
      };
      const status: OrderStatus = order.filledQuantity === 0 ? 'accepted' : order.filledQuantity === quantity ? 'filled' : 'partially-filled';
      return ok({ ...next, status });
    }
    case 'denied':
    case 'rejected':
    case 'outcome-unknown':
      return ok({ ...base, status: target, reason: event.reason });
    case 'cancelled':
      return ok({ ...base, status: target, ...(event.reason !== undefined ? { reason: event.reason } : {}) });
    default:
      return ok({ ...base, status: target });
  }
}
