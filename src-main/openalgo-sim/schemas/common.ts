import { length, oneOf, str, type Field } from '../marshmallow/fields.ts';
import type { LoadResult } from '../marshmallow/schema.ts';
import { pyFloatRepr } from '../marshmallow/py-repr.ts';

/** Values shared by OpenAlgo's request schemas (`utils/constants.py`, `restx_api/*schema*.py`). */
export const VALID_EXCHANGES = ['NSE', 'NFO', 'CDS', 'BSE', 'BFO', 'BCD', 'MCX', 'NCDEX', 'NCO', 'NSE_INDEX', 'BSE_INDEX', 'MCX_INDEX', 'GLOBAL_INDEX', 'CRYPTO'] as const;
/** Exchanges that list derivatives (`F_AND_O_EXCHANGES`). */
export const FO_EXCHANGES = ['NFO', 'BFO', 'MCX', 'CDS', 'NCO', 'BCD', 'NCDEX', 'CRYPTO'] as const;
export const CRYPTO_EXCHANGES: readonly string[] = ['CRYPTO'];
export const ACTIONS = ['BUY', 'SELL', 'buy', 'sell'] as const;
export const PRICE_TYPES = ['MARKET', 'LIMIT', 'SL', 'SL-M'] as const;
export const PRODUCTS = ['MIS', 'NRML', 'CNC'] as const;
export const OPTION_TYPES = ['CE', 'PE', 'ce', 'pe'] as const;

export const apikey = (): Field => str({ required: true, validate: [length({ min: 1, max: 256 })] });
export const exchange = (o: { required?: boolean } = { required: true }): Field => str({ ...o, validate: [oneOf(VALID_EXCHANGES)] });

/**
 * OpenAlgo's `post_load` on order schemas: a fractional quantity is refused except on crypto exchanges,
 * a whole one becomes an int. Python prints the float in the message (`1.5`, `1e-05`).
 */
export function coerceQuantityToInt(data: Record<string, unknown>): LoadResult {
  if (!CRYPTO_EXCHANGES.includes(data.exchange as string) && 'quantity' in data) {
    const q = data.quantity as number;
    if (q !== Math.trunc(q)) {
      return { ok: false, errors: new Map([['quantity', [`Fractional quantity (${pyFloatRepr(q)}) is not allowed for non-crypto exchanges.`]]]) };
    }
    data.quantity = Math.trunc(q);
  }
  return { ok: true, data };
}
