import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import type { Fill } from '#model/fill';
import { botId, brokerOrderId, clientOrderId, intentId, tradeId, type ClientOrderId, type InstrumentId, type StructureId } from '#model/ids';
import type { Intent } from '#model/intent';
import type { NewOrder, Order, OrderSide, OrderStatus, OrderType, Product } from '#model/order';
import type { OrderEvent } from '#model/order-fsm';
import type { Selectable } from 'kysely';
import type { FillsTable, OrderEventsTable, OrdersTable } from './schema.ts';

/** Which leg of which structure an order works, and whether it opens (entry) or closes (exit) the leg. */
export interface OrderLink {
  readonly structureId: StructureId;
  readonly legIndex: number;
  readonly role: 'entry' | 'exit';
}

/** An order as the store keeps it: the domain order plus what execution needs to rebuild and reconcile. */
export interface OrderRecord {
  readonly order: Order;
  /** Engine-clock instant just before the order was sent; unset until then. */
  readonly sentAt?: number;
  readonly reduceOnly: boolean;
  readonly link?: OrderLink;
}

/** One row of the order event log; the first row of every order is its `initialized` spec. */
export type LoggedOrderEvent =
  | { readonly seq: number; readonly clientOrderId: ClientOrderId; readonly kind: 'initialized'; readonly spec: NewOrder }
  | { readonly seq: number; readonly clientOrderId: ClientOrderId; readonly kind: 'event'; readonly event: OrderEvent };

const ts = z.number().int();
const text = z.string().min(1);
const eventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('denied'), reason: z.string(), ts }),
  z.object({ kind: z.literal('submitted'), ts }),
  z.object({ kind: z.literal('outcome-unknown'), reason: z.string(), ts }),
  z.object({ kind: z.literal('accepted'), brokerOrderId: text.transform(brokerOrderId), ts }),
  z.object({ kind: z.literal('rejected'), reason: z.string(), ts }),
  z.object({ kind: z.literal('triggered'), ts }),
  z.object({ kind: z.literal('update-requested'), quantity: z.number().optional(), limitPrice: z.number().optional(), triggerPrice: z.number().optional(), ts }),
  z.object({ kind: z.literal('updated'), quantity: z.number().optional(), limitPrice: z.number().optional(), triggerPrice: z.number().optional(), ts }),
  z.object({ kind: z.literal('update-rejected'), reason: z.string(), ts }),
  z.object({ kind: z.literal('cancel-requested'), ts }),
  z.object({ kind: z.literal('cancel-rejected'), reason: z.string(), ts }),
  z.object({ kind: z.literal('cancelled'), reason: z.string().optional(), ts }),
  z.object({ kind: z.literal('expired'), ts }),
  z.object({ kind: z.literal('filled'), tradeId: text.transform(tradeId), quantity: z.number(), price: z.number(), ts }),
]);
const specSchema = z.object({
  clientOrderId: text.transform(clientOrderId),
  intentId: text.transform(intentId).optional(),
  botId: text.transform(botId).optional(),
  instrumentId: text.transform((v) => v as InstrumentId),
  side: z.enum(['BUY', 'SELL']),
  type: z.enum(['MARKET', 'LIMIT', 'SL', 'SL-M']),
  product: z.enum(['MIS', 'NRML', 'CNC']),
  quantity: z.number().int().positive(),
  limitPrice: z.number().optional(),
  triggerPrice: z.number().optional(),
  tsInit: ts,
});

type OrderRow = Selectable<OrdersTable>;

type FillRow = FillsTable;

const orderParams = (r: OrderRecord) => {
  const o = r.order;
  return {
    client_order_id: o.clientOrderId,
    broker_order_id: o.brokerOrderId ?? null,
    intent_id: o.intentId ?? null,
    bot_id: o.botId ?? null,
    instrument_id: o.instrumentId,
    side: o.side,
    type: o.type,
    product: o.product,
    quantity: o.quantity,
    limit_price: o.limitPrice ?? null,
    trigger_price: o.triggerPrice ?? null,
    status: o.status,
    filled_quantity: o.filledQuantity,
    avg_fill_price: o.avgFillPrice,
    ts_init: o.tsInit,
    ts_last: o.tsLast,
    reason: o.reason ?? null,
    sent_at: r.sentAt ?? null,
    reduce_only: r.reduceOnly ? 1 : 0,
    structure_id: r.link?.structureId ?? null,
    leg_index: r.link?.legIndex ?? null,
    leg_role: r.link?.role ?? null,
  };
};

type EventRow = Pick<Selectable<OrderEventsTable>, 'seq' | 'client_order_id' | 'kind' | 'payload'>;

/** A row of the event log; one that does not parse is a corrupt store and throws. */
function parseEventRow(row: EventRow): LoggedOrderEvent {
  const id = clientOrderId(row.client_order_id);
  const json: unknown = JSON.parse(row.payload);
  if (row.kind === 'initialized') {
    const spec = specSchema.safeParse(json);
    if (!spec.success) throw new Error(`order_events #${row.seq} (${id}): bad initialized spec: ${spec.error.message}`);
    return { seq: row.seq, clientOrderId: id, kind: 'initialized', spec: stripUndefined(spec.data) as NewOrder };
  }
  const event = eventSchema.safeParse(json);
  if (!event.success || event.data.kind !== row.kind) throw new Error(`order_events #${row.seq} (${id}): bad '${row.kind}' event`);
  return { seq: row.seq, clientOrderId: id, kind: 'event', event: stripUndefined(event.data) as OrderEvent };
}

/**
 * Intents, orders, their event log and fills, on the raw better-sqlite3 handle: every call is
 * synchronous, so a caller's `transaction` wraps the writes that must land together before a send.
 */
export class OrdersRepository {
  private readonly db: BetterSqlite3.Database;
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.db = db;
    const cols = Object.keys(orderParams({ order: {} as Order, reduceOnly: false }));
    this.stmts = {
      intentExists: db.prepare('SELECT 1 FROM intents WHERE intent_id = ?').pluck(),
      insertIntent: db.prepare('INSERT INTO intents (intent_id, bot_id, kind, payload, ts_init) VALUES (?, ?, ?, ?, ?)'),
      insertOrder: db.prepare(`INSERT INTO orders (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`),
      updateOrder: db.prepare(`UPDATE orders SET ${cols.filter((c) => c !== 'client_order_id').map((c) => `${c} = @${c}`).join(', ')} WHERE client_order_id = @client_order_id`),
      appendEvent: db.prepare('INSERT INTO order_events (client_order_id, kind, payload, ts_event) VALUES (?, ?, ?, ?)'),
      fillExists: db.prepare('SELECT 1 FROM fills WHERE trade_id = ?').pluck(),
      insertFill: db.prepare(
        'INSERT INTO fills (trade_id, client_order_id, broker_order_id, instrument_id, side, quantity, price, charges, ts_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      orders: db.prepare('SELECT * FROM orders ORDER BY ts_init, rowid'),
      events: db.prepare('SELECT seq, client_order_id, kind, payload FROM order_events ORDER BY seq'),
      eventsOf: db.prepare('SELECT seq, client_order_id, kind, payload FROM order_events WHERE client_order_id = ? ORDER BY seq'),
      fills: db.prepare('SELECT * FROM fills ORDER BY rowid'),
      brokerIds: db.prepare('SELECT broker_order_id FROM orders WHERE broker_order_id IS NOT NULL').pluck(),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  hasIntent(id: string): boolean {
    return this.stmts.intentExists.get(id) !== undefined;
  }

  insertIntent(intent: Intent, tsInit: number): void {
    this.stmts.insertIntent.run(intent.intentId, intent.botId, intent.kind, JSON.stringify(intent), tsInit);
  }

  /** Writes a new order and the first row of its event log (the spec it was created from). */
  insertOrder(record: OrderRecord, spec: NewOrder): void {
    this.stmts.insertOrder.run(orderParams(record));
    this.stmts.appendEvent.run(record.order.clientOrderId, 'initialized', JSON.stringify(spec), spec.tsInit);
  }

  appendEvent(id: ClientOrderId, event: OrderEvent): void {
    this.stmts.appendEvent.run(id, event.kind, JSON.stringify(event), event.ts);
  }

  /** The orders row is a projection of the event log, kept for queries; the log is the truth. */
  saveSnapshot(record: OrderRecord): void {
    const r = this.stmts.updateOrder.run(orderParams(record));
    if (r.changes !== 1) throw new Error(`order ${record.order.clientOrderId} is not in the store`);
  }

  hasFill(id: string): boolean {
    return this.stmts.fillExists.get(id) !== undefined;
  }

  insertFill(f: Fill): void {
    this.stmts.insertFill.run(f.tradeId, f.clientOrderId, f.brokerOrderId ?? null, f.instrumentId, f.side, f.quantity, f.price, f.charges, f.tsEvent);
  }

  claimedBrokerIds(): Set<string> {
    return new Set(this.stmts.brokerIds.all() as string[]);
  }

  loadOrderRecords(): OrderRecord[] {
    const tradeIds = new Map<string, string[]>();
    for (const f of this.loadFills()) {
      const list = tradeIds.get(f.clientOrderId) ?? [];
      list.push(f.tradeId);
      tradeIds.set(f.clientOrderId, list);
    }
    return (this.stmts.orders.all() as OrderRow[]).map((row) => toRecord(row, tradeIds.get(row.client_order_id) ?? []));
  }

  /** The whole event log in write order; a row that does not parse is a corrupt store and throws. */
  loadEvents(): LoggedOrderEvent[] {
    return (this.stmts.events.all() as EventRow[]).map(parseEventRow);
  }

  /** One order's events in write order (the order history's state transitions). */
  eventsOf(id: string): LoggedOrderEvent[] {
    return (this.stmts.eventsOf.all(id) as EventRow[]).map(parseEventRow);
  }


  loadFills(): Fill[] {
    return (this.stmts.fills.all() as FillRow[]).map((r) => ({
      tradeId: tradeId(r.trade_id),
      clientOrderId: clientOrderId(r.client_order_id),
      ...(r.broker_order_id !== null ? { brokerOrderId: brokerOrderId(r.broker_order_id) } : {}),
      instrumentId: r.instrument_id as InstrumentId,
      side: r.side as OrderSide,
      quantity: r.quantity,
      price: r.price,
      charges: r.charges,
      tsEvent: r.ts_event,
    }));
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function toRecord(row: OrderRow, tradeIds: string[]): OrderRecord {
  const order: Order = {
    clientOrderId: clientOrderId(row.client_order_id),
    ...(row.broker_order_id !== null ? { brokerOrderId: brokerOrderId(row.broker_order_id) } : {}),
    ...(row.intent_id !== null ? { intentId: intentId(row.intent_id) } : {}),
    ...(row.bot_id !== null ? { botId: botId(row.bot_id) } : {}),
    instrumentId: row.instrument_id as InstrumentId,
    side: row.side as OrderSide,
    type: row.type as OrderType,
    product: row.product as Product,
    quantity: row.quantity,
    ...(row.limit_price !== null ? { limitPrice: row.limit_price } : {}),
    ...(row.trigger_price !== null ? { triggerPrice: row.trigger_price } : {}),
    status: row.status as OrderStatus,
    filledQuantity: row.filled_quantity,
    avgFillPrice: row.avg_fill_price,
    tradeIds: tradeIds.map(tradeId),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    tsInit: row.ts_init,
    tsLast: row.ts_last,
  };
  const link: OrderLink | undefined =
    row.structure_id !== null && row.leg_index !== null && (row.leg_role === 'entry' || row.leg_role === 'exit')
      ? { structureId: row.structure_id as StructureId, legIndex: row.leg_index, role: row.leg_role }
      : undefined;
  return { order, ...(row.sent_at !== null ? { sentAt: row.sent_at } : {}), reduceOnly: row.reduce_only === 1, ...(link ? { link } : {}) };
}
