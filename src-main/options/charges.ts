import type { OrderSide } from '#model/order';
import { CHARGE_RATES, type ChargeRates } from './charges-data.ts';

/**
 * One cost model for the paper broker, backtests and live P&L. Per fill:
 * brokerage + STT(sell) + exchange·turnover + IPFT + SEBI·turnover + stamp(buy) + GST·(brokerage + exchange + IPFT + SEBI).
 * Amounts are exact (unrounded) rupees; contract notes round each line to the paisa and STT to the rupee.
 */
export interface BrokerageConfig {
  /** Flat rupees per executed order (Zerodha-style ₹20). */
  readonly perOrder: number;
  /** For futures: min(perOrder, rate × turnover) when set (0.03 % at Zerodha). */
  readonly futuresRate?: number;
}

export const DEFAULT_BROKERAGE: BrokerageConfig = { perOrder: 20, futuresRate: 0.0003 };

export interface FillForCharges {
  /** Trade date, YYYY-MM-DD (IST). */
  readonly date: string;
  readonly instrument: 'option' | 'future';
  readonly exchange: 'NFO' | 'BFO';
  readonly side: OrderSide;
  readonly price: number;
  /** Units (lots × lot size). */
  readonly quantity: number;
  /** Orders this fill completes: brokerage is charged per executed order, not per partial fill. */
  readonly orders?: number;
}

export interface ChargeBreakdown {
  readonly turnover: number;
  readonly brokerage: number;
  readonly stt: number;
  readonly exchange: number;
  readonly ipft: number;
  readonly sebi: number;
  readonly stamp: number;
  readonly gst: number;
  readonly total: number;
}

export function ratesOn(date: string): ChargeRates {
  let found = CHARGE_RATES[0];
  for (const r of CHARGE_RATES) if (r.from <= date) found = r;
  if (!found) throw new Error('no charge rates');
  return found;
}

export function fillCharges(fill: FillForCharges, brokerage: BrokerageConfig = DEFAULT_BROKERAGE): ChargeBreakdown {
  const r = ratesOn(fill.date);
  const turnover = fill.price * fill.quantity;
  const option = fill.instrument === 'option';
  const sell = fill.side === 'SELL';
  const orders = fill.orders ?? 1;
  const brokerageAmount =
    !option && brokerage.futuresRate !== undefined ? Math.min(brokerage.perOrder * orders, brokerage.futuresRate * turnover) : brokerage.perOrder * orders;
  const stt = sell ? turnover * (option ? r.sttOptionSell : r.sttFutureSell) : 0;
  const exchangeRate = option ? (fill.exchange === 'BFO' ? r.bseOptions : r.nseOptions) : fill.exchange === 'BFO' ? 0 : r.nseFutures;
  const exchange = turnover * exchangeRate;
  const ipft = fill.exchange === 'NFO' ? turnover * (option ? r.ipftOptions : r.ipftFutures) : 0;
  const sebi = turnover * r.sebi;
  const stamp = sell ? 0 : turnover * (option ? r.stampOptions : r.stampFutures);
  const gst = r.gst * (brokerageAmount + exchange + ipft + sebi);
  return { turnover, brokerage: brokerageAmount, stt, exchange, ipft, sebi, stamp, gst, total: brokerageAmount + stt + exchange + ipft + sebi + stamp + gst };
}

/** STT on an in-the-money option exercised at expiry: charged to the holder on the settlement value. */
export function exerciseStt(date: string, intrinsicValue: number, quantity: number): number {
  return ratesOn(date).sttOptionExercise * intrinsicValue * quantity;
}

export function sumCharges(parts: readonly ChargeBreakdown[]): ChargeBreakdown {
  const keys = ['turnover', 'brokerage', 'stt', 'exchange', 'ipft', 'sebi', 'stamp', 'gst', 'total'] as const;
  const out: Record<(typeof keys)[number], number> = { turnover: 0, brokerage: 0, stt: 0, exchange: 0, ipft: 0, sebi: 0, stamp: 0, gst: 0, total: 0 };
  for (const p of parts) for (const k of keys) out[k] += p[k];
  return out;
}

/** Entry and exit of the same quantity: the cost of one round trip. */
export function roundTripCharges(
  base: Omit<FillForCharges, 'side' | 'price'> & { readonly openSide: OrderSide; readonly entry: number; readonly exit: number; readonly exitDate?: string },
  brokerage: BrokerageConfig = DEFAULT_BROKERAGE,
): ChargeBreakdown {
  const closeSide: OrderSide = base.openSide === 'BUY' ? 'SELL' : 'BUY';
  return sumCharges([
    fillCharges({ ...base, side: base.openSide, price: base.entry }, brokerage),
    fillCharges({ ...base, date: base.exitDate ?? base.date, side: closeSide, price: base.exit }, brokerage),
  ]);
}
