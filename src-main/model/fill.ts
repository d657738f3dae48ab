import type { BrokerOrderId, ClientOrderId, InstrumentId, TradeId } from './ids.ts';
import type { OrderSide } from './order.ts';

/** One execution. `tradeId` is unique per broker and is how a fill reported twice is recognised. */
export interface Fill {
  readonly tradeId: TradeId;
  readonly clientOrderId: ClientOrderId;
  readonly brokerOrderId?: BrokerOrderId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  /** Units, positive. */
  readonly quantity: number;
  readonly price: number;
  /** Statutory charges and brokerage attributed to this fill, in rupees. */
  readonly charges: number;
  readonly tsEvent: number;
}

export function signedQuantity(fill: Pick<Fill, 'side' | 'quantity'>): number {
  return fill.side === 'BUY' ? fill.quantity : -fill.quantity;
}
