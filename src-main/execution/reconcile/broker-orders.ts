import { botId as toBotId, type BotId, type BrokerOrderId, type ClientOrderId, type InstrumentId } from '#model/ids';
import { signedQuantity } from '#model/fill';
import type { OrderRecord } from '#store/orders-repository';
import type { BrokerOrderRow, BrokerTrade } from '../broker.ts';
import { unknownOutcomeCandidates } from '../order-book-matcher.ts';

/** A broker order no order of ours claims, with its trades. */
export interface UnknownBrokerOrder {
  /** The book row; one built from the trades when the trade book names an order the order book lacks. */
  readonly row: BrokerOrderRow;
  readonly trades: readonly BrokerTrade[];
  /** Signed units its trades added to the broker's position. */
  readonly filled: number;
  readonly working: boolean;
  /** The bot its `strategy` tag names, when that is a bot this terminal knows. */
  readonly tagBot?: BotId;
}

/** An open order of ours whose broker id the broker's book does not show. */
export interface AbsentOrder {
  readonly record: OrderRecord;
  /** Sent before today's IST midnight: a day order of an earlier session, expired at its close. */
  readonly earlierDay: boolean;
}

const WORKING_AT_BROKER = new Set(['open', 'trigger-pending']);
/** Our statuses in which the broker holds the order as working. */
const WORKING_HERE = new Set(['accepted', 'triggered', 'partially-filled', 'pending-update', 'pending-cancel']);

export interface BrokerOrderFacts {
  readonly unknown: UnknownBrokerOrder[];
  /** Unclaimed rows left to the order manager: they may be the answer to one of its unknown outcomes. */
  readonly awaitingResolver: BrokerOrderId[];
  readonly absent: AbsentOrder[];
}

/**
 * Matches the broker's order and trade books to the store's orders by broker order id. Rows no order
 * claims are the broker's orders the store does not know, except those the order manager's unknown-
 * outcome rule may still adopt (same terms as an order sent without an answer, placed after its send):
 * those are its to settle. A finished row with nothing filled changed nothing and is left out.
 */
export function matchBrokerOrders(input: {
  readonly orders: readonly OrderRecord[];
  readonly rows: readonly BrokerOrderRow[];
  readonly trades: readonly BrokerTrade[];
  readonly skewMs: number;
  readonly inScope: (id: InstrumentId) => boolean;
  readonly bots: ReadonlySet<string>;
  readonly dayStart: number;
}): BrokerOrderFacts {
  const { orders, rows, trades, skewMs, inScope, bots, dayStart } = input;
  const claimed = new Map<string, ClientOrderId>();
  for (const r of orders) if (r.order.brokerOrderId !== undefined) claimed.set(r.order.brokerOrderId, r.order.clientOrderId);
  const unanswered = orders.filter((r) => r.order.status === 'submitted' || r.order.status === 'unknown');
  const tradesOf = new Map<string, BrokerTrade[]>();
  for (const t of trades) {
    if (claimed.has(t.brokerOrderId) || !inScope(t.instrumentId)) continue;
    tradesOf.set(t.brokerOrderId, [...(tradesOf.get(t.brokerOrderId) ?? []), t]);
  }
  const tagBot = (tag: string | undefined): BotId | undefined => (tag !== undefined && bots.has(tag) ? toBotId(tag) : undefined);
  const unknown: UnknownBrokerOrder[] = [];
  const awaitingResolver: BrokerOrderId[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.brokerOrderId);
    if (claimed.has(row.brokerOrderId) || !inScope(row.instrumentId)) continue;
    if (unanswered.some((r) => unknownOutcomeCandidates(r.order, r.sentAt ?? r.order.tsInit, [row], () => false, skewMs).length > 0)) {
      awaitingResolver.push(row.brokerOrderId);
      continue;
    }
    const own = tradesOf.get(row.brokerOrderId) ?? [];
    const working = WORKING_AT_BROKER.has(row.status);
    if (!working && own.length === 0 && row.filledQuantity === 0) continue;
    const bot = tagBot(row.strategy);
    unknown.push({ row, trades: own, filled: own.reduce((s, t) => s + signedQuantity(t), 0), working, ...(bot ? { tagBot: bot } : {}) });
  }
  for (const [id, own] of tradesOf) {
    if (seen.has(id)) continue;
    const first = own[0]!;
    const quantity = own.reduce((s, t) => s + t.quantity, 0);
    const row: BrokerOrderRow = {
      brokerOrderId: first.brokerOrderId,
      instrumentId: first.instrumentId,
      side: first.side,
      quantity,
      type: 'MARKET',
      product: first.product,
      price: 0,
      triggerPrice: 0,
      status: 'complete',
      filledQuantity: quantity,
      avgPrice: own.reduce((s, t) => s + t.price * t.quantity, 0) / quantity,
      ...(first.ts !== undefined ? { placedAt: first.ts } : {}),
    };
    unknown.push({ row, trades: own, filled: own.reduce((s, t) => s + signedQuantity(t), 0), working: false });
  }
  const absent = orders
    .filter((r) => r.order.brokerOrderId !== undefined && WORKING_HERE.has(r.order.status) && !seen.has(r.order.brokerOrderId))
    .map((record) => ({ record, earlierDay: (record.sentAt ?? record.order.tsInit) < dayStart }));
  return { unknown, awaitingResolver, absent };
}
