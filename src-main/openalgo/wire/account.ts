import { z } from 'zod';
import { action, exchange, idString, isoDate, modeTag, num, orderExchange, orderStatus, priceType, product, strategy, successStatus, symbol } from './common.ts';

/** Order and account information (openalgo.md §3.2). Extra sandbox keys are dropped. */
export const orderStatusRequest = z.strictObject({ strategy, orderid: z.string().min(1) });
export const openPositionRequest = z.strictObject({ strategy, symbol, exchange, product });
export const emptyRequest = z.strictObject({});

const orderRow = z.object({
  action: z.string(),
  symbol: z.string(),
  exchange: z.string(),
  orderid: idString,
  product: z.string(),
  quantity: num,
  price: num,
  pricetype: z.string().optional(),
  /** The sandbox spells it `price_type`. */
  price_type: z.string().optional(),
  order_status: orderStatus,
  trigger_price: num.default(0),
  timestamp: z.string().optional(),
  average_price: num.optional(),
  filled_quantity: num.optional(),
  pending_quantity: num.optional(),
  rejection_reason: z.string().optional(),
  strategy: z.string().optional(),
});
export type OrderRow = z.infer<typeof orderRow>;

export const orderStatusResponse = z.object({ status: successStatus, data: orderRow, mode: modeTag });

export const openPositionResponse = z.object({ status: successStatus, quantity: num, mode: modeTag });

export const orderBookResponse = z.object({
  status: successStatus,
  data: z.object({
    orders: z.array(orderRow),
    statistics: z
      .object({
        total_buy_orders: num,
        total_sell_orders: num,
        total_completed_orders: num,
        total_open_orders: num,
        total_rejected_orders: num,
        total_trigger_pending_orders: num.optional(),
      })
      .optional(),
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
      product: z.string(),
      quantity: num,
      average_price: num,
      timestamp: z.string().optional(),
      trade_value: num.optional(),
      tradeid: idString.optional(),
      price: num.optional(),
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
      product: z.string(),
      quantity: num,
      average_price: num,
      ltp: num.optional(),
      pnl: num.optional(),
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
        product: z.string(),
        quantity: num,
        pnl: num.optional(),
        pnlpercent: num.optional(),
        average_price: num.optional(),
      }),
    ),
    statistics: z
      .object({ totalholdingvalue: num, totalinvvalue: num, totalprofitandloss: num, totalpnlpercentage: num })
      .partial()
      .optional(),
  }),
  mode: modeTag,
});

export const fundsResponse = z.object({
  status: successStatus,
  data: z.object({
    availablecash: num,
    collateral: num.default(0),
    m2mrealized: num.default(0),
    m2munrealized: num.default(0),
    utiliseddebits: num.default(0),
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
  data: z.object({ total_margin_required: num, span_margin: num.optional(), exposure_margin: num.optional() }),
});

export const dateOnly = isoDate;
