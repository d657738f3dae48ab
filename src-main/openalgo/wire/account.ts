import { z } from 'zod';
import { action, exchange, idString, modeTag, optId, num, numOr, optNum, optStr, orderExchange, orderStatus, priceType, product, strategy, strOr, successStatus, symbol } from './common.ts';

/**
 * Order and account information (openalgo.md §3.2). Extra sandbox keys are dropped. Rows come from each
 * broker's mapper (`order.get("price", 0.0)` is None when the broker sends null), so every field but the
 * ones that identify the row may be null.
 */
export const orderStatusRequest = z.strictObject({ strategy, orderid: z.string().min(1) });
export const openPositionRequest = z.strictObject({ strategy, symbol, exchange, product });
export const emptyRequest = z.strictObject({});

const orderRow = z.object({
  action: z.string(),
  symbol: z.string(),
  exchange: z.string(),
  orderid: idString,
  product: strOr(''),
  quantity: num,
  price: numOr(0),
  pricetype: optStr,
  /** The sandbox spells it `price_type`. */
  price_type: optStr,
  order_status: orderStatus,
  trigger_price: numOr(0),
  timestamp: optStr,
  average_price: optNum,
  filled_quantity: optNum,
  pending_quantity: optNum,
  rejection_reason: optStr,
  strategy: optStr,
});
export type OrderRow = z.infer<typeof orderRow>;

export const orderStatusResponse = z.object({ status: successStatus, data: orderRow, mode: modeTag });

/** Never defaulted: a null quantity means "unknown", and reading it as flat could double a position. */
export const openPositionResponse = z.object({ status: successStatus, quantity: num, mode: modeTag });

export const orderBookResponse = z.object({
  status: successStatus,
  data: z.object({
    orders: z.array(orderRow),
    statistics: z
      .object({
        total_buy_orders: numOr(0),
        total_sell_orders: numOr(0),
        total_completed_orders: numOr(0),
        total_open_orders: numOr(0),
        total_rejected_orders: numOr(0),
        total_trigger_pending_orders: optNum,
      })
      .optional()
      .catch(undefined),
  }),
  mode: modeTag,
});

export const tradeBookResponse = z.object({
  status: successStatus,
  data: z.array(
    z.object({
      action: z.string(),
      symbol: z.string(),
      exchange: z.string(),
      orderid: idString,
      product: strOr(''),
      quantity: num,
      average_price: num,
      timestamp: optStr,
      trade_value: optNum,
      tradeid: optId,
      price: optNum,
    }),
  ),
  mode: modeTag,
});

export const positionBookResponse = z.object({
  status: successStatus,
  data: z.array(
    z.object({
      symbol: z.string(),
      exchange: z.string(),
      product: strOr(''),
      quantity: num,
      average_price: numOr(0),
      ltp: optNum,
      pnl: optNum,
    }),
  ),
  mode: modeTag,
});

export const holdingsResponse = z.object({
  status: successStatus,
  data: z.object({
    holdings: z.array(
      z.object({
        symbol: z.string(),
        exchange: z.string(),
        product: strOr(''),
        quantity: num,
        pnl: optNum,
        pnlpercent: optNum,
        average_price: optNum,
      }),
    ),
    statistics: z
      .object({ totalholdingvalue: optNum, totalinvvalue: optNum, totalprofitandloss: optNum, totalpnlpercentage: optNum })
      .optional()
      .catch(undefined),
  }),
  mode: modeTag,
});

export const fundsResponse = z.object({
  status: successStatus,
  data: z.object({
    availablecash: num,
    collateral: numOr(0),
    m2mrealized: numOr(0),
    m2munrealized: numOr(0),
    utiliseddebits: numOr(0),
  }),
  mode: modeTag,
});
export type Funds = z.infer<typeof fundsResponse>['data'];

const marginString = z.union([z.string().regex(/^\d+(\.\d+)?$/), z.number().nonnegative().transform(String)]);
export const marginRequest = z.strictObject({
  positions: z
    .array(
      z.strictObject({
        symbol: z.string().min(1).max(50),
        exchange: orderExchange,
        action,
        quantity: marginString,
        product,
        pricetype: priceType,
        price: marginString.optional(),
        trigger_price: marginString.optional(),
      }),
    )
    .min(1)
    .max(50),
});

export const marginResponse = z.object({
  status: successStatus,
  data: z.object({ total_margin_required: num, span_margin: optNum, exposure_margin: optNum }),
});
