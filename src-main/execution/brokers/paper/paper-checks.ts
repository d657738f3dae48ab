import type { Tradable } from '#model/instrument';
import type { OrderType } from '#model/order';
import type { Quote } from '#execution/quotes';

export interface CheckedTerms {
  readonly quantity: number;
  readonly type: OrderType;
  readonly limitPrice?: number;
  readonly triggerPrice?: number;
}

/**
 * The exchange's and the broker's refusals, as sentences: whole lots, the freeze quantity, prices
 * inside the day's band (the circuit limits when the quote has them, else ±`bandPct` % of the
 * reference price). Undefined when the terms pass.
 */
export function termsRefusal(instrument: Tradable, t: CheckedTerms, quote: Quote, freezeQty: number | undefined, bandPct: number): string | undefined {
  if (!Number.isInteger(t.quantity) || t.quantity <= 0 || t.quantity % instrument.lotSize !== 0) {
    return `quantity ${t.quantity} is not a whole number of lots of ${instrument.lotSize}`;
  }
  if (freezeQty !== undefined && t.quantity > freezeQty) return `quantity ${t.quantity} exceeds the freeze quantity ${freezeQty} of ${instrument.symbol}`;
  const needsLimit = t.type === 'LIMIT' || t.type === 'SL';
  const needsTrigger = t.type === 'SL' || t.type === 'SL-M';
  if (needsLimit && !(t.limitPrice !== undefined && t.limitPrice > 0)) return `${t.type} order needs a positive price`;
  if (needsTrigger && !(t.triggerPrice !== undefined && t.triggerPrice > 0)) return `${t.type} order needs a positive trigger price`;
  const reference = quote.reference ?? quote.ltp;
  const low = quote.lowerCircuit ?? reference * (1 - bandPct / 100);
  const high = quote.upperCircuit ?? reference * (1 + bandPct / 100);
  for (const [what, price] of [
    ['price', needsLimit ? t.limitPrice : undefined],
    ['trigger price', needsTrigger ? t.triggerPrice : undefined],
  ] as const) {
    if (price !== undefined && (price < low || price > high)) {
      return `${what} ${price} is outside the day's band ${low.toFixed(2)}–${high.toFixed(2)} for ${instrument.symbol}`;
    }
  }
  return undefined;
}
