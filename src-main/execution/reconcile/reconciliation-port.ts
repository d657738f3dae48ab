import { err, ok, type Result } from '#core/result';
import type { Fill } from '#model/fill';
import { clientOrderId, tradeId, type BotId, type ClientOrderId, type InstrumentId, type StructureId } from '#model/ids';
import { createOrder, type NewOrder, type Order, type OrderSide, type Product } from '#model/order';
import type { OrderLink, OrderRecord } from '#store/orders-repository';
import type { AuditActor } from '../audit.ts';
import type { Books } from '../book-poller.ts';
import type { BrokerError, BrokerOrderRow, BrokerPosition, BrokerTrade } from '../broker.ts';
import type { ExecutionContext } from '../execution-context.ts';
import type { OrderPath } from '../order-path.ts';
import { planOrders } from '../order-planner.ts';
import type { OrderSync } from '../order-sync.ts';
import { referencePrice } from '../quotes.ts';
import type { StructureExecutor } from '../structures/structure-executor.ts';
import type { SubmitError } from '../submit-errors.ts';

/** The three books reconciliation compares with the store. */
export interface BrokerBooks extends Books {
  readonly positions: readonly BrokerPosition[];
}

/** Who an adopted order or an adjustment belongs to: a bot (undefined: the trader), and optionally a structure leg. */
export interface Owner {
  readonly botId?: BotId;
  readonly link?: OrderLink;
}

/**
 * A fact of the broker the store has no trade for (a position carried in from outside, a leg closed
 * outside the terminal): written as an order with one fill of trade id `adj:<key>`, charged nothing and
 * never sent. The key makes it idempotent: a second write with the same key changes nothing.
 */
export interface Adjustment {
  readonly key: string;
  readonly owner: Owner;
  readonly instrumentId: InstrumentId;
  readonly product: Product;
  readonly side: OrderSide;
  readonly quantity: number;
  readonly price: number;
}

/**
 * What reconciliation may do to the order manager's state, all through its ledger (state machine, one
 * transaction, audit): apply book reads, adopt a broker order, write an adjustment, expire or drop an
 * order the broker no longer has, send closing orders through risk, complete or close a structure.
 * Nothing here sends an order except `close` and the structure calls, which take the normal order path.
 */
export interface ReconciliationPort {
  /** The order manager's allowance for broker time stamps (its unknown-outcome rule uses the same). */
  readonly clockSkewMs: number;
  readBooks(): Promise<Result<BrokerBooks, BrokerError>>;
  /** The broker's `booksVersion`, when it can tell one (the paper broker): unchanged, the books read the same. */
  booksVersion?(): number | undefined;
  /** Applies books read by reconciliation exactly as the poller's own reads are applied. */
  applyBooks(books: Books): void;
  /** Writes an order for a broker order no order of ours claims, claims its id and imports its trades. */
  adopt(row: BrokerOrderRow, trades: readonly BrokerTrade[], owner: Owner, actor: AuditActor): Result<ClientOrderId, string>;
  adjust(adjustment: Adjustment, actor: AuditActor): Result<ClientOrderId, string>;
  /** A day order of an earlier session that the broker's book (today's) no longer has. */
  expire(id: ClientOrderId, actor: AuditActor): Result<void, string>;
  /** A working order the broker's book does not have: the store takes the book's word that it is gone. */
  dropWorking(id: ClientOrderId, reason: string, actor: AuditActor): Result<void, string>;
  cancel(id: ClientOrderId, actor: AuditActor): Promise<Result<void, string>>;
  /** Closes units of one owner at market through risk (reduce-only) and the order path. */
  close(owner: BotId | undefined, instrumentId: InstrumentId, product: Product, side: OrderSide, quantity: number): Promise<Result<ClientOrderId[], SubmitError>>;
  completeStructure(id: StructureId, reason: string, actor: AuditActor): Result<void, SubmitError>;
  /** Exits an open structure, unwinds an entering one, retries an orphaned one; hedge-last in every case. */
  closeStructure(id: StructureId, reason: string, actor: AuditActor): Result<void, SubmitError>;
  /** The price an adjustment is written at when the broker gives none: the quote's mid, else its last price. */
  mark(instrumentId: InstrumentId): number | undefined;
  settled(): Promise<void>;
}

export interface PortParts {
  readonly ctx: ExecutionContext;
  readonly sync: OrderSync;
  readonly path: OrderPath;
  readonly structures: StructureExecutor;
  readonly applyBooks: (books: Books) => void;
}

const priced = (type: Order['type'], price: number): number | undefined => (price > 0 && (type === 'LIMIT' || type === 'SL') ? price : undefined);

export function createReconciliationPort({ ctx, sync, path, structures, applyBooks }: PortParts): ReconciliationPort {
  const { ledger, clock, broker } = ctx;

  /** Writes a new order that never goes to the broker, and takes it to `submitted` in the same transaction. */
  const writeOrder = (spec: NewOrder, link: OrderLink | undefined, sentAt: number, actor: AuditActor): OrderRecord => {
    const record: OrderRecord = { order: createOrder(spec), reduceOnly: false, ...(link ? { link } : {}) };
    ledger.addOrders([{ record, spec }]);
    const r = ledger.apply(spec.clientOrderId, { kind: 'submitted', ts: sentAt }, { sentAt, actor });
    if (!r.ok) throw new Error(`reconciliation could not write order ${spec.clientOrderId}: ${r.error.message}`);
    return record;
  };

  return {
    clockSkewMs: ctx.config.clockSkewMs,

    async readBooks() {
      const rows = await broker.orderBook();
      if (!rows.ok) return rows;
      const trades = await broker.tradeBook();
      if (!trades.ok) return trades;
      const positions = await broker.positionBook();
      if (!positions.ok) return positions;
      return ok({ rows: rows.value, trades: trades.value, positions: positions.value });
    },

    booksVersion: () => broker.booksVersion?.(),

    applyBooks,

    adopt(row, trades, owner, actor) {
      if (ledger.isClaimed(row.brokerOrderId)) return err(`broker order ${row.brokerOrderId} already belongs to order ${ledger.byBrokerId(row.brokerOrderId)?.order.clientOrderId}`);
      const now = clock.now();
      const limitPrice = priced(row.type, row.price);
      const triggerPrice = row.type === 'SL' || row.type === 'SL-M' ? row.triggerPrice : undefined;
      const spec: NewOrder = {
        clientOrderId: clientOrderId(ctx.orderIds.next()),
        ...(owner.botId !== undefined ? { botId: owner.botId } : {}),
        instrumentId: row.instrumentId,
        side: row.side,
        type: row.type,
        product: row.product,
        quantity: row.quantity,
        ...(limitPrice !== undefined ? { limitPrice } : {}),
        ...(triggerPrice !== undefined && triggerPrice > 0 ? { triggerPrice } : {}),
        tsInit: row.placedAt ?? now,
      };
      try {
        createOrder(spec);
      } catch (e) {
        return err(`broker order ${row.brokerOrderId} cannot be written as an order: ${(e as Error).message}`);
      }
      ledger.transaction(() => {
        writeOrder(spec, owner.link, spec.tsInit, actor);
        const r = ledger.apply(spec.clientOrderId, { kind: 'accepted', brokerOrderId: row.brokerOrderId, ts: now }, { actor });
        if (!r.ok) throw new Error(`reconciliation could not adopt ${row.brokerOrderId}: ${r.error.message}`);
      });
      sync.claimed(row.brokerOrderId);
      for (const t of trades) sync.applyTrade(t);
      sync.applyRow(row);
      return ok(spec.clientOrderId);
    },

    adjust(a, actor) {
      const id = tradeId(`adj:${a.key}`);
      const done = ledger.fills().find((f) => f.tradeId === id);
      if (done) return ok(done.clientOrderId);
      if (!Number.isInteger(a.quantity) || a.quantity <= 0) return err(`an adjustment needs a positive whole quantity, got ${a.quantity}`);
      if (!(a.price > 0)) return err(`an adjustment of ${a.instrumentId} needs a price: the broker gave none and there is no quote`);
      const now = clock.now();
      const spec: NewOrder = {
        clientOrderId: clientOrderId(ctx.orderIds.next()),
        ...(a.owner.botId !== undefined ? { botId: a.owner.botId } : {}),
        instrumentId: a.instrumentId,
        side: a.side,
        type: 'MARKET',
        product: a.product,
        quantity: a.quantity,
        tsInit: now,
      };
      const fill: Fill = { tradeId: id, clientOrderId: spec.clientOrderId, instrumentId: a.instrumentId, side: a.side, quantity: a.quantity, price: a.price, charges: 0, tsEvent: now };
      ledger.transaction(() => {
        writeOrder(spec, a.owner.link, now, actor);
        const r = ledger.apply(spec.clientOrderId, { kind: 'filled', tradeId: id, quantity: a.quantity, price: a.price, ts: now }, { fill, actor });
        if (!r.ok) throw new Error(`reconciliation could not write adjustment ${id}: ${r.error.message}`);
      });
      return ok(spec.clientOrderId);
    },

    expire(id, actor) {
      const r = ledger.apply(id, { kind: 'expired', ts: clock.now() }, { actor });
      return r.ok ? ok(undefined) : err(r.error.message);
    },

    dropWorking(id, reason, actor) {
      const r = ledger.apply(id, { kind: 'cancelled', reason, ts: clock.now() }, { actor });
      return r.ok ? ok(undefined) : err(r.error.message);
    },

    cancel: (id, actor) => path.sender.cancel(id, actor),

    async close(owner, instrumentId, product, side, quantity) {
      const planned = planOrders(ctx, { ...(owner !== undefined ? { botId: owner } : {}), instrumentId, side, quantity, type: 'MARKET', product, reduceOnly: true });
      if (!planned.ok) return planned;
      const written = await path.writeGated(undefined, planned.value);
      if (!written.ok) return written;
      await path.send(written.value);
      return ok(written.value.map((p) => p.spec.clientOrderId));
    },

    completeStructure: (id, reason, actor) => structures.complete(id, reason, actor),

    closeStructure(id, reason, actor) {
      const s = structures.get(id);
      if (s?.status === 'orphaned') return structures.retryOrphan(id);
      if (s?.status === 'exiting' || s?.status === 'unwinding') {
        structures.tick();
        return ok(undefined);
      }
      return structures.exit(id, reason, actor);
    },

    mark(instrumentId) {
      const q = ctx.quotes.quote(instrumentId);
      return q ? referencePrice(q) : undefined;
    },

    settled: () => structures.settled(),
  };
}
