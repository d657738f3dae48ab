import type { LoggedOrderEvent } from '#store/orders-repository';

/** One step of an order's life as the order history shows it: what happened, when, and the facts of it. */
export interface OrderStep {
  readonly kind: string;
  readonly ts: number;
  readonly detail?: string;
}

const price = (p: number | undefined): string => (p === undefined ? '' : p.toFixed(2));

/** The order's event log (write before send, then every broker fact) in a trader's words. */
export function orderSteps(events: readonly LoggedOrderEvent[]): OrderStep[] {
  return events.map((row): OrderStep => {
    if (row.kind === 'initialized') {
      const s = row.spec;
      const at = s.limitPrice !== undefined ? ` @ ${price(s.limitPrice)}` : '';
      const trigger = s.triggerPrice !== undefined ? ` trigger ${price(s.triggerPrice)}` : '';
      return { kind: 'initialized', ts: s.tsInit, detail: `${s.side} ${s.quantity} ${s.type}${at}${trigger}` };
    }
    const e = row.event;
    switch (e.kind) {
      case 'denied':
      case 'rejected':
      case 'outcome-unknown':
      case 'update-rejected':
      case 'cancel-rejected':
        return { kind: e.kind, ts: e.ts, detail: e.reason };
      case 'cancelled':
        return { kind: e.kind, ts: e.ts, ...(e.reason ? { detail: e.reason } : {}) };
      case 'accepted':
        return { kind: e.kind, ts: e.ts, detail: `broker order ${e.brokerOrderId}` };
      case 'update-requested':
      case 'updated': {
        const parts = [e.quantity !== undefined ? `qty ${e.quantity}` : '', e.limitPrice !== undefined ? `limit ${price(e.limitPrice)}` : '', e.triggerPrice !== undefined ? `trigger ${price(e.triggerPrice)}` : ''].filter(Boolean);
        return { kind: e.kind, ts: e.ts, ...(parts.length > 0 ? { detail: parts.join(', ') } : {}) };
      }
      case 'filled':
        return { kind: e.kind, ts: e.ts, detail: `${e.quantity} @ ${price(e.price)} (trade ${e.tradeId})` };
      default:
        return { kind: e.kind, ts: e.ts };
    }
  });
}
