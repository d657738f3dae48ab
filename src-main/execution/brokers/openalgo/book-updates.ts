import type { Unsubscribe } from '#core/bus';
import type { BrokerOrderId, TradeId } from '#model/ids';
import type { BrokerOrderRow, BrokerTrade, BrokerUpdate } from '#execution/broker';

/**
 * The adapter's pushed updates, made from its own book reads: each new trade once, each row when it
 * changes, a trade always before the row that counts it (a row whose fills have not all been pushed
 * waits for the trade book read that brings them). OpenAlgo's REST API pushes nothing; its WebSocket's
 * `order_update` frames carry no trade ids, so fills could not be taken from them without risking a
 * second copy of a fill under another id. Whoever reads the books (the order manager's poller,
 * reconciliation) therefore feeds every listener.
 */
export class BookUpdates {
  private readonly handlers = new Set<(u: BrokerUpdate) => void>();
  private readonly seenTrades = new Set<TradeId>();
  private readonly pushedFilled = new Map<BrokerOrderId, number>();
  private readonly lastRow = new Map<BrokerOrderId, string>();
  private readonly waiting = new Map<BrokerOrderId, BrokerOrderRow>();

  subscribe(handler: (u: BrokerUpdate) => void): Unsubscribe {
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }

  trades(trades: readonly BrokerTrade[]): void {
    for (const t of trades) {
      if (this.seenTrades.has(t.tradeId)) continue;
      this.seenTrades.add(t.tradeId);
      this.pushedFilled.set(t.brokerOrderId, (this.pushedFilled.get(t.brokerOrderId) ?? 0) + t.quantity);
      this.emit({ kind: 'trade', trade: t });
    }
    for (const row of [...this.waiting.values()]) if (this.covered(row)) this.pushRow(row);
  }

  rows(rows: readonly BrokerOrderRow[]): void {
    for (const row of rows) {
      if (this.lastRow.get(row.brokerOrderId) === JSON.stringify(row)) {
        this.waiting.delete(row.brokerOrderId);
        continue;
      }
      if (this.covered(row)) this.pushRow(row);
      else this.waiting.set(row.brokerOrderId, row);
    }
  }

  private covered(row: BrokerOrderRow): boolean {
    return (this.pushedFilled.get(row.brokerOrderId) ?? 0) >= row.filledQuantity;
  }

  private pushRow(row: BrokerOrderRow): void {
    this.waiting.delete(row.brokerOrderId);
    this.lastRow.set(row.brokerOrderId, JSON.stringify(row));
    this.emit({ kind: 'order', row });
  }

  private emit(u: BrokerUpdate): void {
    for (const h of [...this.handlers]) h(u);
  }
}
