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

/**
 * OpenAlgo builds many answers from nullable database columns and broker dicts (`result.lotsize`,
 * `quote.get("oi")`), so `null` arrives wherever a value is unknown. These read it as "absent".
 */
const nullToUndefined = (v: unknown): unknown => (v === null ? undefined : v);
export const optNum = z.preprocess(nullToUndefined, num.optional());
export const numOr = (fallback: number) => z.preprocess(nullToUndefined, num.default(fallback));
export const optStr = z.preprocess(nullToUndefined, z.string().optional());
export const strOr = (fallback: string) => z.preprocess(nullToUndefined, z.string().default(fallback));

/** Order ids are strings on the wire; a broker that sends a number still means the same id. */
export const idString = z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]);
export const optId = z.preprocess(nullToUndefined, idString.optional());

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
/** A real calendar date as `YYYY-MM-DD`: OpenAlgo parses it with `%Y-%m-%d`, so 2026-02-30 is a 400. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine(isRealDate, { error: (issue) => `${String(issue.input)} is not a calendar date` });

export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export const positiveQty = z.number().positive();
export const nonNegPrice = z.number().nonnegative();
export const nonNegInt = z.number().int().nonnegative();
export const strategy = z.string().min(1);
export const symbol = z.string().min(1);

/** `"mode":"analyze"` appears on sandbox responses; live responses carry no mode. */
export const modeTag = z.string().optional();

export const successStatus = z.literal('success');

const MAX_DETAIL = 240;
function describeDetail(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  return s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL)}…` : s;
}

/**
 * `{"status":"error", ...}`. Most routes send `message` as a string, but some put marshmallow's error
 * dict in `message` (instruments, market calendar) or add it as `errors` (optionchain, syntheticfuture):
 * both end up in one readable `message`.
 */
export const errorBody = z
  .object({
    status: z.literal('error'),
    message: z.unknown().optional(),
    errors: z.unknown().optional(),
    retry_after: optNum.catch(undefined),
    code: optStr.catch(undefined),
  })
  .transform((b) => {
    const main = describeDetail(b.message);
    const detail = describeDetail(b.errors);
    const message = main && detail ? `${main}: ${detail}` : (main ?? detail);
    return { status: b.status, message, retry_after: b.retry_after, code: b.code };
  });
export type ErrorBody = z.infer<typeof errorBody>;

export const orderStatus = z.string().transform((s) => s.toLowerCase());
