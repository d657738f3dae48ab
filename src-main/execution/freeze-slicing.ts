import { err, ok, type Result } from '#core/result';
import { istDateKey } from '#core/time-ist';
import type { Tradable } from '#model/instrument';
import { isUnderlying, type SpecSource } from '#options/contract-specs';

/**
 * The exchange's freeze quantity for an instrument on the trade date (the most units one order may
 * carry), from the options module's dated contract specs; undefined when none applies (equity, or an
 * underlying the table does not know).
 */
export function freezeQuantity(instrument: Tradable, tsNow: number, specs: SpecSource): number | undefined {
  if (instrument.kind === 'equity' || !isUnderlying(instrument.underlying)) return undefined;
  return specs.specOn(instrument.underlying, istDateKey(tsNow), istDateKey(instrument.expiry)).freezeQty;
}

export type SliceError = { kind: 'not-lot-multiple'; message: string } | { kind: 'freeze-below-lot'; message: string };

/**
 * Splits a quantity into orders of at most the freeze quantity, each a whole number of lots: as many
 * full slices as fit, the remainder last (OpenAlgo's splitorder does the same). An order exactly at the
 * freeze quantity is one order.
 */
export function sliceQuantity(quantity: number, lotSize: number, freezeQty: number | undefined): Result<number[], SliceError> {
  if (!Number.isInteger(quantity) || quantity <= 0 || quantity % lotSize !== 0) {
    return err({ kind: 'not-lot-multiple', message: `quantity ${quantity} is not a positive whole number of lots of ${lotSize}` });
  }
  if (freezeQty === undefined || quantity <= freezeQty) return ok([quantity]);
  const maxSlice = Math.floor(freezeQty / lotSize) * lotSize;
  if (maxSlice === 0) return err({ kind: 'freeze-below-lot', message: `freeze quantity ${freezeQty} is below one lot of ${lotSize}` });
  const slices: number[] = [];
  let left = quantity;
  while (left > 0) {
    const q = Math.min(maxSlice, left);
    slices.push(q);
    left -= q;
  }
  return ok(slices);
}
