import { z } from 'zod';
import * as acc from './wire/account.ts';
import * as md from './wire/market-data.ts';
import * as ord from './wire/orders.ts';
import * as sym from './wire/symbols.ts';
import * as util from './wire/utility.ts';
import type { LegResult } from './errors.ts';

/**
 * One row per REST endpoint: path, rate bucket, whether it writes (never blindly retried), request and
 * response schemas, and for batch endpoints how to read per-leg results.
 */
export const Bucket = {
  /** Every order-creating or order-changing call, shared: under the 10 orders/s SEBI and OpenAlgo limit. */
  orders: 'orders',
  api: 'api',
  margin: 'margin',
  greeks: 'greeks',
} as const;
export type Bucket = (typeof Bucket)[keyof typeof Bucket];

export interface EndpointSpec<Req extends z.ZodType, Res extends z.ZodType> {
  readonly path: string;
  readonly bucket: Bucket;
  readonly write: boolean;
  readonly request: Req;
  readonly response: Res;
  readonly legs?: (response: z.output<Res>) => LegResult[] | undefined;
}

function spec<Req extends z.ZodType, Res extends z.ZodType>(s: EndpointSpec<Req, Res>): EndpointSpec<Req, Res> {
  return s;
}

interface ChildLike {
  status: string;
  orderid?: string | undefined;
  symbol?: string | undefined;
  message?: string | undefined;
  split_results?: ChildLike[] | undefined;
}

function childLegs(children: readonly ChildLike[] | undefined): LegResult[] | undefined {
  if (!children) return undefined;
  return children.map((c, index) => {
    const nestedOk = c.split_results === undefined || c.split_results.every((s) => s.status === 'success');
    return {
      index,
      ok: c.status === 'success' && nestedOk,
      ...(c.orderid !== undefined ? { orderid: c.orderid } : {}),
      ...(c.symbol !== undefined ? { symbol: c.symbol } : {}),
      ...(c.message !== undefined ? { message: c.message } : {}),
      raw: c as unknown as Record<string, unknown>,
    };
  });
}

const placeOrderResponse = z.union([ord.orderIdResponse, ord.queuedResponse]);

export const ENDPOINTS = {
  placeOrder: spec({ path: 'placeorder', bucket: 'orders', write: true, request: ord.placeOrderRequest, response: placeOrderResponse }),
  placeSmartOrder: spec({ path: 'placesmartorder', bucket: 'orders', write: true, request: ord.placeSmartOrderRequest, response: ord.smartOrderResponse }),
  optionsOrder: spec({
    path: 'optionsorder',
    bucket: 'orders',
    write: true,
    request: ord.optionsOrderRequest,
    response: ord.optionsOrderResponse,
    legs: (r) => childLegs(r.results),
  }),
  optionsMultiOrder: spec({
    path: 'optionsmultiorder',
    bucket: 'orders',
    write: true,
    request: ord.optionsMultiOrderRequest,
    response: ord.optionsMultiOrderResponse,
    legs: (r) => childLegs(r.results),
  }),
  basketOrder: spec({
    path: 'basketorder',
    bucket: 'api',
    write: true,
    request: ord.basketOrderRequest,
    response: ord.basketOrderResponse,
    legs: (r) => childLegs(r.results),
  }),
  splitOrder: spec({
    path: 'splitorder',
    bucket: 'api',
    write: true,
    request: ord.splitOrderRequest,
    response: ord.splitOrderResponse,
    legs: (r) => childLegs(r.results),
  }),
  modifyOrder: spec({ path: 'modifyorder', bucket: 'orders', write: true, request: ord.modifyOrderRequest, response: ord.orderIdResponse }),
  cancelOrder: spec({ path: 'cancelorder', bucket: 'orders', write: true, request: ord.cancelOrderRequest, response: ord.orderIdResponse }),
  cancelAllOrder: spec({
    path: 'cancelallorder',
    bucket: 'api',
    write: true,
    request: ord.strategyOnlyRequest,
    response: ord.cancelAllResponse,
    legs: (r) => [
      ...r.canceled_orders.map((orderid, index) => ({ index, ok: true, orderid, raw: { orderid } })),
      ...r.failed_cancellations.map((f, i) => ({
        index: r.canceled_orders.length + i,
        ok: false,
        orderid: f.orderid,
        ...(f.reason !== undefined ? { message: f.reason } : {}),
        raw: f as unknown as Record<string, unknown>,
      })),
    ],
  }),
  closePosition: spec({ path: 'closeposition', bucket: 'api', write: true, request: ord.strategyOnlyRequest, response: ord.messageResponse }),
  orderStatus: spec({ path: 'orderstatus', bucket: 'api', write: false, request: acc.orderStatusRequest, response: acc.orderStatusResponse }),
  openPosition: spec({ path: 'openposition', bucket: 'api', write: false, request: acc.openPositionRequest, response: acc.openPositionResponse }),
  orderBook: spec({ path: 'orderbook', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.orderBookResponse }),
  tradeBook: spec({ path: 'tradebook', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.tradeBookResponse }),
  positionBook: spec({ path: 'positionbook', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.positionBookResponse }),
  holdings: spec({ path: 'holdings', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.holdingsResponse }),
  funds: spec({ path: 'funds', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.fundsResponse }),
  margin: spec({ path: 'margin', bucket: 'margin', write: false, request: acc.marginRequest, response: acc.marginResponse }),
  quotes: spec({ path: 'quotes', bucket: 'api', write: false, request: md.symbolExchangeRequest, response: md.quotesResponse }),
  multiQuotes: spec({ path: 'multiquotes', bucket: 'api', write: false, request: md.multiQuotesRequest, response: md.multiQuotesResponse }),
  depth: spec({ path: 'depth', bucket: 'api', write: false, request: md.symbolExchangeRequest, response: md.depthResponse }),
  history: spec({ path: 'history', bucket: 'api', write: false, request: md.historyRequest, response: md.historyResponse }),
  intervals: spec({ path: 'intervals', bucket: 'api', write: false, request: acc.emptyRequest, response: md.intervalsResponse }),
  symbol: spec({ path: 'symbol', bucket: 'api', write: false, request: md.symbolExchangeRequest, response: sym.symbolResponse }),
  search: spec({ path: 'search', bucket: 'api', write: false, request: sym.searchRequest, response: sym.searchResponse }),
  expiry: spec({ path: 'expiry', bucket: 'api', write: false, request: sym.expiryRequest, response: sym.expiryResponse }),
  optionSymbol: spec({ path: 'optionsymbol', bucket: 'api', write: false, request: sym.optionSymbolRequest, response: sym.optionSymbolResponse }),
  optionChain: spec({ path: 'optionchain', bucket: 'api', write: false, request: sym.optionChainRequest, response: sym.optionChainResponse }),
  optionGreeks: spec({ path: 'optiongreeks', bucket: 'greeks', write: false, request: sym.optionGreeksRequest, response: sym.optionGreeksResponse }),
  ping: spec({ path: 'ping', bucket: 'api', write: false, request: acc.emptyRequest, response: util.pingResponse }),
  analyzer: spec({ path: 'analyzer', bucket: 'api', write: false, request: acc.emptyRequest, response: util.analyzerResponse }),
  analyzerToggle: spec({ path: 'analyzer/toggle', bucket: 'api', write: true, request: util.analyzerToggleRequest, response: util.analyzerResponse }),
} as const;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;
export type RequestOf<K extends EndpointName> = z.input<Endpoints[K]['request']>;
export type ResponseOf<K extends EndpointName> = z.output<Endpoints[K]['response']>;
export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as EndpointName[];
