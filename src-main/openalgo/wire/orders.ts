import { z } from 'zod';
import {
  action,
  expiryDate,
  idString,
  modeTag,
  nonNegInt,
  nonNegPrice,
  num,
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
  message: z.string().optional(),
  mode: modeTag,
});

export const orderIdResponse = z.object({ status: successStatus, orderid: idString, mode: modeTag, message: z.string().optional() });

export const smartOrderResponse = z.union([orderIdResponse, queuedResponse, z.object({ status: successStatus, message: z.string(), mode: modeTag })]);

const splitChild = z.object({
  order_num: num.optional(),
  orderid: idString.optional(),
  quantity: num.optional(),
  status: z.string(),
  message: z.string().optional(),
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
  orderid: idString.optional(),
  pending_order_id: idString.optional(),
  symbol: z.string().optional(),
  exchange: z.string().optional(),
  offset: z.string().optional(),
  option_type: z.string().optional(),
  underlying: z.string().optional(),
  underlying_ltp: num.optional(),
  total_quantity: num.optional(),
  split_size: num.optional(),
  results: z.array(splitChild).optional(),
  message: z.string().optional(),
  mode: modeTag,
});

export const multiLegResult = z.object({
  leg: num.optional(),
  symbol: z.string().optional(),
  offset: z.string().optional(),
  option_type: z.string().optional(),
  action: z.string().optional(),
  status: z.string(),
  orderid: idString.optional(),
  message: z.string().optional(),
  mode: modeTag,
  total_quantity: num.optional(),
  split_size: num.optional(),
  split_results: z.array(splitChild).optional(),
});

export const optionsMultiOrderResponse = z.object({
  status: successStatus,
  underlying: z.string().optional(),
  underlying_ltp: num.optional(),
  results: z.array(multiLegResult).optional(),
  pending_order_id: idString.optional(),
  message: z.string().optional(),
  mode: modeTag,
});

export const basketOrderResponse = z.object({
  status: successStatus,
  results: z
    .array(
      z.object({
        symbol: z.string().optional(),
        exchange: z.string().optional(),
        product: z.string().optional(),
        status: z.string(),
        orderid: idString.optional(),
        message: z.string().optional(),
      }),
    )
    .optional(),
  pending_order_id: idString.optional(),
  message: z.string().optional(),
  mode: modeTag,
});

export const cancelAllResponse = z.object({
  status: successStatus,
  message: z.string().optional(),
  canceled_orders: z.array(idString).default([]),
  failed_cancellations: z.array(z.object({ orderid: idString, reason: z.string().optional() })).default([]),
  mode: modeTag,
});

export const messageResponse = z.object({ status: successStatus, message: z.string().optional(), mode: modeTag });
