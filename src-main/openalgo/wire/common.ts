import { z } from 'zod';

/**
 * Shared wire types. Brokers do not agree on number types (positionbook and funds arrive as strings from
 * some, numbers from others), so every numeric response field goes through `num`: a JSON number or a
 * numeric string, always a finite number after parsing.
 */
const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export const num = z
  .union([z.number(), z.string().trim().regex(NUMERIC, 'not a numeric string').transform(Number)])
  .pipe(z.number().finite());

/** Order ids are strings on the wire; a broker that sends a number still means the same id. */
export const idString = z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]);

export const EXCHANGES = ['NSE', 'NFO', 'CDS', 'BSE', 'BFO', 'BCD', 'MCX', 'NCDEX', 'NCO', 'NSE_INDEX', 'BSE_INDEX', 'MCX_INDEX', 'GLOBAL_INDEX', 'CRYPTO'] as const;
export const exchange = z.enum(EXCHANGES);
export type WireExchange = z.infer<typeof exchange>;

/** Exchanges that take orders: the *_INDEX exchanges are quote-only. */
export const orderExchange = z.enum(['NSE', 'NFO', 'CDS', 'BSE', 'BFO', 'BCD', 'MCX', 'NCDEX', 'NCO', 'CRYPTO']);
export const foExchange = z.enum(['NFO', 'BFO', 'MCX', 'CDS', 'NCO', 'BCD', 'NCDEX', 'CRYPTO']);

export const action = z.enum(['BUY', 'SELL']);
export const product = z.enum(['MIS', 'NRML', 'CNC']);
export const optionProduct = z.enum(['MIS', 'NRML']);
export const priceType = z.enum(['MARKET', 'LIMIT', 'SL', 'SL-M']);
export const optionType = z.enum(['CE', 'PE']);
export const offset = z.string().regex(/^(ATM|ITM([1-9]|[1-4]\d|50)|OTM([1-9]|[1-4]\d|50))$/, 'offset must be ATM, ITM1..ITM50 or OTM1..OTM50');
/** `DDMMMYY`, the request form of an expiry (`25AUG26`). */
export const expiryDate = z.string().regex(/^\d{2}(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\d{2}$/, 'expiry_date must be DDMMMYY');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

export const positiveQty = z.number().positive();
export const nonNegPrice = z.number().nonnegative();
export const nonNegInt = z.number().int().nonnegative();
export const strategy = z.string().min(1);
export const symbol = z.string().min(1);

/** `"mode":"analyze"` appears on sandbox responses; live responses carry no mode. */
export const modeTag = z.string().optional();

export const successStatus = z.literal('success');

export const errorBody = z.object({
  status: z.literal('error'),
  message: z.string().optional(),
  retry_after: num.optional(),
  code: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const orderStatus = z.string().transform((s) => s.toLowerCase());
