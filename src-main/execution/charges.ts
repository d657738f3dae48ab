import { istDateKey } from '#core/time-ist';
import type { Tradable } from '#model/instrument';
import type { OrderSide } from '#model/order';
import { DEFAULT_BROKERAGE, fillCharges, type BrokerageConfig } from '#options/charges';

export interface ChargeableFill {
  readonly side: OrderSide;
  readonly price: number;
  readonly quantity: number;
  readonly tsEvent: number;
  /** Brokerage is per executed order: the first fill of an order carries it, later partial fills do not. */
  readonly firstFillOfOrder: boolean;
}

/**
 * The rupee charges of one fill from the options module's rate tables, on the fill's IST trade date.
 * Undefined for what the tables do not cover (anything but NFO/BFO options and futures); the caller
 * records 0 then, and the README says so.
 */
export function chargesForFill(instrument: Tradable, fill: ChargeableFill, brokerage: BrokerageConfig = DEFAULT_BROKERAGE): number | undefined {
  if (instrument.kind === 'equity' || (instrument.exchange !== 'NFO' && instrument.exchange !== 'BFO')) return undefined;
  return fillCharges(
    {
      date: istDateKey(fill.tsEvent),
      instrument: instrument.kind,
      exchange: instrument.exchange,
      side: fill.side,
      price: fill.price,
      quantity: fill.quantity,
      orders: fill.firstFillOfOrder ? 1 : 0,
    },
    brokerage,
  ).total;
}
