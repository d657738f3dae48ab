import type { Fill } from '#model/fill';
import type { ClientOrderId } from '#model/ids';
import { createOrder, type Order } from '#model/order';
import { applyOrderEvent } from '#model/order-fsm';
import type { OrderRecord, OrdersRepository } from '#store/orders-repository';
import type { ModifyTerms } from './pending-requests.ts';

export interface LedgerMismatch {
  readonly clientOrderId: ClientOrderId;
  readonly message: string;
}

export interface RebuiltOrders {
  readonly records: OrderRecord[];
  readonly fills: Fill[];
  /** The terms of each order's latest modify request, to recognise them in the book after a restart. */
  readonly requestedTerms: ReadonlyMap<ClientOrderId, ModifyTerms>;
  /** Orders whose snapshot row and replayed event log disagree; the log wins. */
  readonly mismatches: LedgerMismatch[];
}

const comparable = (o: Order): string =>
  JSON.stringify(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/**
 * Orders as the event log tells them: each order's `initialized` spec folded through the order state
 * machine, event by event, exactly as it was applied the first time. The orders rows (kept for queries)
 * must agree; where they do not the log wins and the difference is reported.
 */
export function rebuildOrders(repo: OrdersRepository): RebuiltOrders {
  const replayed = new Map<ClientOrderId, Order>();
  const broken = new Map<ClientOrderId, string>();
  const requestedTerms = new Map<ClientOrderId, ModifyTerms>();
  for (const row of repo.loadEvents()) {
    if (broken.has(row.clientOrderId)) continue;
    if (row.kind === 'event' && row.event.kind === 'update-requested') {
      const { kind: _kind, ts: _ts, ...terms } = row.event;
      requestedTerms.set(row.clientOrderId, terms);
    }
    if (row.kind === 'initialized') {
      replayed.set(row.clientOrderId, createOrder(row.spec));
      continue;
    }
    const current = replayed.get(row.clientOrderId);
    if (!current) {
      broken.set(row.clientOrderId, `event #${row.seq} comes before the order's initialized row`);
      continue;
    }
    const next = applyOrderEvent(current, row.event);
    if (next.ok) replayed.set(row.clientOrderId, next.value);
    else broken.set(row.clientOrderId, `event #${row.seq} does not replay: ${next.error.message}`);
  }
  const mismatches: LedgerMismatch[] = [];
  const records = repo.loadOrderRecords().map((snapshot) => {
    const id = snapshot.order.clientOrderId;
    const order = replayed.get(id);
    const problem = broken.get(id) ?? (order === undefined ? 'the order has no event log' : comparable(order) !== comparable(snapshot.order) ? 'the orders row differs from its event log' : undefined);
    if (problem !== undefined) mismatches.push({ clientOrderId: id, message: `order ${id}: ${problem}` });
    return order !== undefined && !broken.has(id) ? { ...snapshot, order } : snapshot;
  });
  return { records, fills: repo.loadFills(), requestedTerms, mismatches };
}
