import { z } from 'zod';
import {
  action,
  expiryDate,
  idString,
  modeTag,
  nonNegInt,
  nonNegPrice,
  num,
  optId,
  optNum,
  optStr,
  offset,
  optionProduct,
  optionType,
  orderExchange,
  exchange,
  positiveQty,
  priceType,
  product,
  strategy,
  successStatus,
  symbol,
} from './common.ts';

/**
 * Order-management requests and responses (openalgo.md §3.1). Requests are strict: OpenAlgo rejects any
 * key its schema does not know, so a misspelt field fails here, before it leaves the process.
 */
const orderFields = {
  exchange: orderExchange,
  symbol,
  action,
  quantity: positiveQty,
  pricetype: priceType.optional(),
  product: product.optional(),
  price: nonNegPrice.optional(),
  trigger_price: nonNegPrice.optional(),
  disclosed_quantity: nonNegInt.optional(),
};

export const placeOrderRequest = z.strictObject({ strategy, ...orderFields });
export const placeSmartOrderRequest = z.strictObject({ strategy, ...orderFields, quantity: z.number().nonnegative(), position_size: z.number() });
export const splitOrderRequest = z.strictObject({ strategy, ...orderFields, splitsize: z.number().int().min(1) });
export const basketOrderRequest = z.strictObject({ strategy, orders: z.array(z.strictObject(orderFields)).min(1) });

const optionLegFields = {
  offset,
  option_type: optionType,
  action,
  quantity: z.number().int().min(1),
  splitsize: nonNegInt.optional(),
  pricetype: priceType.optional(),
  product: optionProduct.optional(),
  price: nonNegPrice.optional(),
  trigger_price: nonNegPrice.optional(),
  disclosed_quantity: nonNegInt.optional(),
};

export const optionsOrderRequest = z.strictObject({
  strategy,
  underlying: symbol,
  exchange,
  expiry_date: expiryDate.optional(),
  strike_int: z.number().int().min(1).optional(),
  ...optionLegFields,
});

export const optionsMultiOrderRequest = z.strictObject({
  strategy,
  underlying: symbol,
  exchange,
  expiry_date: expiryDate.optional(),
  strike_int: z.number().int().min(1).optional(),
  legs: z.array(z.strictObject({ ...optionLegFields, expiry_date: expiryDate.optional() })).min(1).max(20),
});

export const modifyOrderRequest = z.strictObject({
  strategy,
  exchange: orderExchange,
  symbol,
  orderid: z.string().min(1),
  action,
  product,
  pricetype: priceType,
  price: nonNegPrice,
  quantity: positiveQty,
  disclosed_quantity: nonNegInt,
  trigger_price: nonNegPrice,
});

export const cancelOrderRequest = z.strictObject({ strategy, orderid: z.string().min(1) });
export const strategyOnlyRequest = z.strictObject({ strategy });

/** Semi-auto mode queues the order for approval instead of placing it: no order id exists yet. */
export const queuedResponse = z.object({
  status: successStatus,
  pending_order_id: idString,
  message: optStr,
  mode: modeTag,
});

export const orderIdResponse = z.object({ status: successStatus, orderid: idString, mode: modeTag, message: optStr });

export const smartOrderResponse = z.union([orderIdResponse, queuedResponse, z.object({ status: successStatus, message: z.string(), mode: modeTag })]);

/** One child of a split: `orderid` on success, `message` on failure. */
const splitChild = z.object({
  order_num: optNum,
  orderid: optId,
  quantity: optNum,
  status: z.string(),
  message: optStr,
});

export const splitOrderResponse = z.object({
  status: successStatus,
  split_size: num,
  total_quantity: num,
  results: z.array(splitChild),
  mode: modeTag,
});

export const optionsOrderResponse = z.object({
  status: successStatus,
  orderid: optId,
  pending_order_id: optId,
  symbol: optStr,
  exchange: optStr,
  offset: optStr,
  option_type: optStr,
  underlying: optStr,
  underlying_ltp: optNum,
  total_quantity: optNum,
  split_size: optNum,
  results: z.array(splitChild).optional(),
  message: optStr,
  mode: modeTag,
});

/** `leg` is the 1-based position of the leg in the request; results come back sorted by it. */
export const multiLegResult = z.object({
  leg: optNum,
  symbol: optStr,
  exchange: optStr,
  offset: optStr,
  option_type: optStr,
  action: optStr,
  status: z.string(),
  orderid: optId,
  message: optStr,
  mode: modeTag,
  total_quantity: optNum,
  split_size: optNum,
  split_results: z.array(splitChild).optional(),
});

export const optionsMultiOrderResponse = z.object({
  status: successStatus,
  underlying: optStr,
  underlying_ltp: optNum,
  results: z.array(multiLegResult).optional(),
  pending_order_id: optId,
  message: optStr,
  mode: modeTag,
});

/**
 * Basket results arrive in completion order (BUY items first, then concurrently in batches of ten); a
 * success carries symbol, exchange, product and orderid, a failure only symbol and message. Match them to
 * the request with `matchBasketResults`, never by position.
 */
export const basketResult = z.object({
  symbol: optStr,
  exchange: optStr,
  product: optStr,
  status: z.string(),
  orderid: optId,
  message: optStr,
});
export type BasketResult = z.infer<typeof basketResult>;

export const basketOrderResponse = z.object({
  status: successStatus,
  results: z.array(basketResult).optional(),
  pending_order_id: optId,
  message: optStr,
  mode: modeTag,
});

/**
 * A failed cancellation as brokers report it: most append the bare order id, the sandbox
 * `{orderid, message}`, the docs show `{orderid, reason}`, Tradejini `{orderId, error}`.
 */
const failedCancellation = z.union([
  idString.transform((orderid) => ({ orderid, reason: undefined as string | undefined })),
  z
    .object({ orderid: optId, orderId: optId, reason: optStr, message: optStr, error: optStr })
    .transform((f) => ({ orderid: f.orderid ?? f.orderId, reason: f.reason ?? f.message ?? f.error })),
]);

export const cancelAllResponse = z.object({
  status: successStatus,
  message: optStr,
  canceled_orders: z.preprocess((v) => (v === null ? undefined : v), z.array(idString).default([])),
  failed_cancellations: z.preprocess((v) => (v === null ? undefined : v), z.array(failedCancellation).default([])),
  mode: modeTag,
});

export const messageResponse = z.object({ status: successStatus, message: optStr, mode: modeTag });

/**
 * OpenAlgo's `_coerce_quantity_to_int`: a fractional quantity is refused for every exchange but CRYPTO.
 * Checked beside the schemas (not as a refinement) so the request schemas stay plain objects.
 */
export function fractionalQuantity(order: { exchange?: unknown; quantity?: unknown }, path: readonly (string | number)[] = []): string | undefined {
  if (order.exchange === 'CRYPTO' || typeof order.quantity !== 'number' || Number.isInteger(order.quantity)) return undefined;
  return `${[...path, 'quantity'].join('.')}: Fractional quantity (${order.quantity}) is not allowed for non-crypto exchanges.`;
}
