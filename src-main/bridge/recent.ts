import type { Fill } from '#model/fill';
import { isTerminal } from '#model/order';
import type { OrderRecord } from '#engine/trading/trading-types';

/** Finished orders a fresh subscriber gets besides every open one; older ones stay in the store and the audit export. */
export const RECENT_FINISHED_ORDERS = 200;
/** Fills a fresh subscriber gets, latest last. */
export const RECENT_FILLS = 500;

/** Every open order, plus the latest finished ones, oldest first. */
export function recentOrders(all: readonly OrderRecord[]): OrderRecord[] {
  const open = all.filter((r) => !isTerminal(r.order.status));
  const done = all.filter((r) => isTerminal(r.order.status)).sort((a, b) => a.order.tsLast - b.order.tsLast);
  return [...done.slice(-RECENT_FINISHED_ORDERS), ...open];
}

export function recentTrades(all: readonly Fill[]): Fill[] {
  return all.slice(-RECENT_FILLS);
}
