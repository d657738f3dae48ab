import type { Fill } from '#model/fill';
import type { BrokerOrderId, ClientOrderId } from '#model/ids';
import { isTerminal, type Order } from '#model/order';
import { ORDER_TRANSITIONS, type OrderEvent } from '#model/order-fsm';
import type { BrokerOrderRow, BrokerTrade, BrokerUpdate } from './broker.ts';
import { chargesForFill } from './charges.ts';
import type { ExecutionContext } from './execution-context.ts';
import type { PendingRequests } from './pending-requests.ts';

/**
 * Turns the broker's facts (pushed or read from its books) into order events. Fills come only from
 * trades, each once by trade id. A terminal row (cancelled, rejected) is applied only once every fill it
 * counts has arrived as a trade: a terminal order takes no fills, so applying it early would lose them.
 * Facts about a broker id no order has claimed yet are held: the placement answer may still be on its way.
 */
export class OrderSync {
  private readonly ctx: ExecutionContext;
  private readonly requests: PendingRequests;
  /** Per unclaimed broker id: its latest row and its trades (a row read on every poll is kept once). */
  private readonly unclaimed = new Map<BrokerOrderId, { row?: BrokerOrderRow; trades: Map<string, BrokerTrade> }>();
  /** Terminal rows waiting for their fills. */
  private readonly heldRows = new Map<ClientOrderId, BrokerOrderRow>();

  constructor(ctx: ExecutionContext, requests: PendingRequests) {
    this.ctx = ctx;
    this.requests = requests;
  }

  apply(update: BrokerUpdate): void {
    if (update.kind === 'trade') this.applyTrade(update.trade);
    else this.applyRow(update.row);
  }

  /** True while some order's row counts fills its trades have not delivered: read the trade book. */
  awaitingTrades(): boolean {
    return this.heldRows.size > 0;
  }

  /** Replays what arrived for a broker id before the order that owns it was known. */
  claimed(brokerOrderId: BrokerOrderId): void {
    const held = this.unclaimed.get(brokerOrderId);
    if (!held) return;
    this.unclaimed.delete(brokerOrderId);
    for (const t of held.trades.values()) this.applyTrade(t);
    if (held.row) this.applyRow(held.row);
  }

  applyTrade(t: BrokerTrade): void {
    const { ledger, findings } = this.ctx;
    if (ledger.hasTrade(t.tradeId)) return;
    const rec = ledger.byBrokerId(t.brokerOrderId);
    if (!rec) return this.hold(t.brokerOrderId, { kind: 'trade', trade: t });
    const order = rec.order;
    const fill = this.fillFor(order, t);
    const event: OrderEvent = { kind: 'filled', tradeId: t.tradeId, quantity: t.quantity, price: t.price, ts: fill.tsEvent };
    const mismatch = t.instrumentId !== order.instrumentId || t.side !== order.side;
    const r = mismatch ? undefined : ledger.apply(order.clientOrderId, event, { fill, actor: 'broker' });
    if (r?.ok) {
      this.releaseHeldRow(order.clientOrderId);
      return;
    }
    if (r && (r.error.kind === 'duplicate-fill' || r.error.kind === 'duplicate-trade')) return;
    if (findings.open().some((f) => f.details['tradeId'] === t.tradeId)) return;
    const overfill = r?.error.kind === 'overfill';
    findings.raise({
      kind: overfill ? 'overfill' : 'unexpected-fill',
      severity: 'critical',
      ...(order.botId !== undefined ? { botId: order.botId } : {}),
      subject: order.clientOrderId,
      message: overfill
        ? `The broker reports trade ${t.tradeId} (${t.quantity} @ ${t.price}) on order ${order.clientOrderId}, more than its ${order.quantity}: the fill was not applied; check the broker's positions before trading this bot again.`
        : `The broker reports trade ${t.tradeId} on order ${order.clientOrderId} that the order cannot take (${r ? r.error.message : 'instrument or side differ'}): the fill was not applied; check the broker's positions.`,
      details: { tradeId: t.tradeId, brokerOrderId: t.brokerOrderId, quantity: t.quantity, price: t.price, status: order.status },
      blocking: true,
    });
  }

  applyRow(row: BrokerOrderRow): void {
    const rec = this.ctx.ledger.byBrokerId(row.brokerOrderId);
    if (!rec) return this.hold(row.brokerOrderId, { kind: 'order', row });
    const order = rec.order;
    if (isTerminal(order.status)) return;
    if (row.status === 'cancelled' || row.status === 'rejected') {
      if (row.filledQuantity > order.filledQuantity) {
        this.heldRows.set(order.clientOrderId, row);
        return;
      }
      this.heldRows.delete(order.clientOrderId);
      this.applyTerminal(order, row);
      return;
    }
    const pending = this.requests.modifyOf(order.clientOrderId);
    if (order.status === 'pending-update' && pending && rowShowsTerms(row, pending)) {
      this.requests.clear(order.clientOrderId);
      this.event(order, { kind: 'updated', ...pending, ts: this.ctx.clock.now() });
      return;
    }
    if (row.status === 'open' && (order.type === 'SL' || order.type === 'SL-M') && order.status === 'accepted') {
      this.event(order, { kind: 'triggered', ts: this.ctx.clock.now() });
    }
  }

  private applyTerminal(order: Order, row: BrokerOrderRow): void {
    const ts = this.ctx.clock.now();
    this.requests.clear(order.clientOrderId);
    if (row.status === 'rejected' && ORDER_TRANSITIONS[order.status].rejected !== undefined) {
      this.event(order, { kind: 'rejected', reason: row.rejectionReason ?? 'rejected by the broker', ts });
    } else {
      const reason = row.status === 'rejected' ? `rejected by the broker after a part filled: ${row.rejectionReason ?? ''}`.trim() : undefined;
      this.event(order, { kind: 'cancelled', ...(reason !== undefined ? { reason } : {}), ts });
    }
  }

  private releaseHeldRow(id: ClientOrderId): void {
    const row = this.heldRows.get(id);
    if (row) this.applyRow(row);
  }

  private event(order: Order, event: OrderEvent): void {
    this.ctx.ledger.apply(order.clientOrderId, event, { actor: 'broker' });
  }

  private fillFor(order: Order, t: BrokerTrade): Fill {
    const tsEvent = t.ts ?? this.ctx.clock.now();
    const instrument = this.ctx.instruments.tradable(order.instrumentId);
    const estimated = instrument
      ? chargesForFill(instrument, { side: t.side, price: t.price, quantity: t.quantity, tsEvent, firstFillOfOrder: order.tradeIds.length === 0 }, this.ctx.brokerage)
      : undefined;
    return {
      tradeId: t.tradeId,
      clientOrderId: order.clientOrderId,
      brokerOrderId: t.brokerOrderId,
      instrumentId: t.instrumentId,
      side: t.side,
      quantity: t.quantity,
      price: t.price,
      charges: t.charges ?? estimated ?? 0,
      tsEvent,
    };
  }

  private hold(id: BrokerOrderId, update: BrokerUpdate): void {
    const held = this.unclaimed.get(id) ?? { trades: new Map<string, BrokerTrade>() };
    if (update.kind === 'trade') held.trades.set(update.trade.tradeId, update.trade);
    else held.row = update.row;
    this.unclaimed.delete(id);
    this.unclaimed.set(id, held);
    while (this.unclaimed.size > this.ctx.config.unclaimedBufferLimit) {
      const oldest = this.unclaimed.keys().next().value;
      if (oldest === undefined) break;
      this.unclaimed.delete(oldest);
    }
  }
}

function rowShowsTerms(row: BrokerOrderRow, terms: { quantity?: number; limitPrice?: number; triggerPrice?: number }): boolean {
  const same = (a: number, b: number | undefined): boolean => b === undefined || Math.round(a * 100) === Math.round(b * 100);
  return same(row.quantity, terms.quantity) && same(row.price, terms.limitPrice) && same(row.triggerPrice, terms.triggerPrice);
}
