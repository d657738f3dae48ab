import { err, ok, type Result } from '#core/result';
import type { Fill } from '#model/fill';
import type { BrokerOrderId, ClientOrderId, IntentId, StructureId } from '#model/ids';
import type { Intent } from '#model/intent';
import { isTerminal, type NewOrder, type Order } from '#model/order';
import { applyOrderEvent, type OrderEvent, type OrderTransitionError } from '#model/order-fsm';
import type { OrderRecord, OrdersRepository } from '#store/orders-repository';
import { AuditKind, botActor, type AuditActor, type AuditTrail } from './audit.ts';
import { PositionBook } from './positions.ts';

export type LedgerError = OrderTransitionError | { kind: 'unknown-order'; message: string } | { kind: 'duplicate-trade'; message: string };

export interface OrderChange {
  readonly record: OrderRecord;
  /** Undefined when the order was just created. */
  readonly event?: OrderEvent;
  readonly fill?: Fill;
}

/**
 * The single write path for orders. Every change goes through the order state machine, then lands in
 * one SQLite transaction (event log row, order snapshot, fill, audit entry) and only then in memory, so
 * memory never holds a state the store lacks. Positions are folded from the fills it accepts.
 */
export class OrderLedger {
  private readonly repo: OrdersRepository;
  private readonly audit: AuditTrail;
  private readonly records = new Map<ClientOrderId, OrderRecord>();
  /** The orders not yet terminal, in the order they were first remembered (as `records`). */
  private readonly openIds = new Set<ClientOrderId>();
  private readonly byBroker = new Map<BrokerOrderId, ClientOrderId>();
  /** Each structure's orders, in the order they were first remembered (as `records`). */
  private readonly byStructure = new Map<StructureId, Set<ClientOrderId>>();
  private readonly intents = new Set<IntentId>();
  private readonly tradeIds = new Set<string>();
  private readonly fillLog: Fill[] = [];
  private readonly listeners = new Set<(change: OrderChange) => void>();
  readonly positions = new PositionBook();

  constructor(repo: OrdersRepository, audit: AuditTrail) {
    this.repo = repo;
    this.audit = audit;
  }

  /** Loads a state rebuilt from the store, without writing (see rebuild.ts). */
  restore(records: readonly OrderRecord[], fills: readonly Fill[]): void {
    for (const r of records) this.remember(r);
    for (const f of fills) this.rememberFill(f);
  }

  transaction<T>(fn: () => T): T {
    return this.repo.transaction(fn);
  }

  hasIntent(id: IntentId): boolean {
    return this.intents.has(id) || this.repo.hasIntent(id);
  }

  /** Marks an intent as taken before it is written (it may wait for the order rate): a resubmission is a duplicate. */
  reserveIntent(id: IntentId): void {
    this.intents.add(id);
  }

  /** Writes an intent with the orders it became (possibly none), all in one transaction. */
  recordIntent(intent: Intent, ts: number, created: readonly { record: OrderRecord; spec: NewOrder }[] = []): void {
    this.repo.transaction(() => {
      this.repo.insertIntent(intent, ts);
      this.audit.record(AuditKind.intent, botActor(intent.botId), intent, intent.intentId);
      for (const c of created) this.insertOrder(c.record, c.spec);
    });
    this.intents.add(intent.intentId);
    for (const c of created) this.created(c.record);
  }

  /** Adds orders to an intent already written (a structure leg's retry, an unwind order). */
  addOrders(created: readonly { record: OrderRecord; spec: NewOrder }[]): void {
    this.repo.transaction(() => {
      for (const c of created) this.insertOrder(c.record, c.spec);
    });
    for (const c of created) this.created(c.record);
  }

  get(id: ClientOrderId): OrderRecord | undefined {
    return this.records.get(id);
  }

  byBrokerId(id: BrokerOrderId): OrderRecord | undefined {
    const c = this.byBroker.get(id);
    return c === undefined ? undefined : this.records.get(c);
  }

  isClaimed(id: BrokerOrderId): boolean {
    return this.byBroker.has(id);
  }

  hasTrade(tradeId: string): boolean {
    return this.tradeIds.has(tradeId);
  }

  all(): OrderRecord[] {
    return [...this.records.values()];
  }

  /** A structure's orders, oldest first: `all()` filtered by the structure, without walking the whole history. */
  ofStructure(id: StructureId): OrderRecord[] {
    const out: OrderRecord[] = [];
    for (const c of this.byStructure.get(id) ?? []) out.push(this.records.get(c)!);
    return out;
  }

  /** Orders not yet terminal, oldest first: kept as they change, so asking costs nothing however long the history. */
  open(): OrderRecord[] {
    const out: OrderRecord[] = [];
    for (const id of this.openIds) out.push(this.records.get(id)!);
    return out;
  }

  hasOpen(): boolean {
    return this.openIds.size > 0;
  }

  fills(): readonly Fill[] {
    return this.fillLog;
  }

  /**
   * Applies one event. A `filled` event must come with its Fill (charges included). `sentAt` is set
   * with the `submitted` event. An event the state machine refuses changes nothing and returns why.
   */
  apply(id: ClientOrderId, event: OrderEvent, extra: { fill?: Fill; sentAt?: number; actor?: AuditActor } = {}): Result<Order, LedgerError> {
    const current = this.records.get(id);
    if (!current) return err({ kind: 'unknown-order', message: `order ${id} is not in the ledger` });
    if (event.kind === 'filled' && this.tradeIds.has(event.tradeId)) {
      return err({ kind: 'duplicate-trade', message: `trade ${event.tradeId} was already applied` });
    }
    const next = applyOrderEvent(current.order, event);
    if (!next.ok) return next;
    const record: OrderRecord = { ...current, order: next.value, ...(extra.sentAt !== undefined ? { sentAt: extra.sentAt } : {}) };
    this.repo.transaction(() => {
      this.repo.appendEvent(id, event);
      this.repo.saveSnapshot(record);
      if (extra.fill) {
        this.repo.insertFill(extra.fill);
        this.audit.record(AuditKind.fill, extra.actor ?? 'broker', extra.fill, id);
      }
      this.audit.record(AuditKind.orderEvent, extra.actor ?? 'execution', { event, status: next.value.status }, id);
    });
    this.remember(record);
    if (extra.fill) this.rememberFill(extra.fill);
    this.emit({ record, event, ...(extra.fill ? { fill: extra.fill } : {}) });
    return ok(next.value);
  }

  onChange(listener: (change: OrderChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private insertOrder(record: OrderRecord, spec: NewOrder): void {
    this.repo.insertOrder(record, spec);
    this.audit.record(AuditKind.order, record.order.botId ? botActor(record.order.botId) : 'execution', { ...spec, reduceOnly: record.reduceOnly, link: record.link }, record.order.clientOrderId);
  }

  private created(record: OrderRecord): void {
    this.remember(record);
    this.emit({ record });
  }

  private remember(record: OrderRecord): void {
    this.records.set(record.order.clientOrderId, record);
    if (isTerminal(record.order.status)) this.openIds.delete(record.order.clientOrderId);
    else this.openIds.add(record.order.clientOrderId);
    if (record.order.brokerOrderId !== undefined) this.byBroker.set(record.order.brokerOrderId, record.order.clientOrderId);
    if (record.link) {
      let ids = this.byStructure.get(record.link.structureId);
      if (!ids) this.byStructure.set(record.link.structureId, (ids = new Set()));
      ids.add(record.order.clientOrderId);
    }
  }

  private rememberFill(fill: Fill): void {
    this.tradeIds.add(fill.tradeId);
    this.fillLog.push(fill);
    const owner = this.records.get(fill.clientOrderId)?.order;
    if (!owner) throw new Error(`fill ${fill.tradeId} belongs to order ${fill.clientOrderId}, which the ledger does not hold`);
    this.positions.apply(fill, owner);
  }

  private emit(change: OrderChange): void {
    for (const l of [...this.listeners]) l(change);
  }
}
