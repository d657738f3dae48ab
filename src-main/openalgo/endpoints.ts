import { z } from 'zod';
import * as acc from './wire/account.ts';
import * as md from './wire/market-data.ts';
import * as ord from './wire/orders.ts';
import * as sym from './wire/symbols.ts';
import * as util from './wire/utility.ts';
import { matchBasketResults } from './basket-match.ts';
import { cancelAllLegs, legOf, multiLegs, splitLegs, type LegReport } from './legs.ts';
import * as cal from './wire/calendar.ts';
import { fractionalQuantity } from './wire/orders.ts';

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
  /** Route under /api/v1, also the key of its back-off after a 429 (OpenAlgo limits each route apart). */
  readonly path: string;
  readonly bucket: Bucket;
  readonly write: boolean;
  readonly request: Req;
  readonly response: Res;
  /** GET routes carry the key and the request in the query string; `target` builds path and query. */
  readonly method?: 'GET';
  readonly target?: (request: z.output<Req>) => { readonly path: string; readonly query: Readonly<Record<string, string>> };
  /** Cross-field rules OpenAlgo applies after its schema (e.g. whole quantities); returns the problems. */
  readonly check?: (request: z.output<Req>) => readonly string[];
  /** Per-leg results of batch endpoints, tied to the request. */
  readonly legs?: (response: z.output<Res>, request: z.output<Req> | undefined) => LegReport | undefined;
  /** Risk-reducing calls (cancel, modify) go ahead of queued placements in the shared order bucket. */
  readonly priority?: boolean;
  readonly timeoutMs?: number;
  /** False where OpenAlgo never checks the key, so an answer proves nothing about the session. */
  readonly checksKey?: false;
}

function spec<Req extends z.ZodType, Res extends z.ZodType>(s: EndpointSpec<Req, Res>): EndpointSpec<Req, Res> {
  return s;
}

const issues = (...found: (string | undefined)[]): string[] => found.filter((m): m is string => m !== undefined);

const placeOrderResponse = z.union([ord.orderIdResponse, ord.queuedResponse]);

export const ENDPOINTS = {
  placeOrder: spec({
    path: 'placeorder',
    bucket: 'orders',
    write: true,
    request: ord.placeOrderRequest,
    response: placeOrderResponse,
    check: (r) => issues(fractionalQuantity(r)),
  }),
  placeSmartOrder: spec({
    path: 'placesmartorder',
    bucket: 'orders',
    write: true,
    request: ord.placeSmartOrderRequest,
    response: ord.smartOrderResponse,
    check: (r) => issues(fractionalQuantity(r), fractionalQuantity({ exchange: r.exchange, quantity: r.position_size }, ['position_size'])),
  }),
  optionsOrder: spec({
    path: 'optionsorder',
    bucket: 'orders',
    write: true,
    request: ord.optionsOrderRequest,
    response: ord.optionsOrderResponse,
    legs: (r) => splitLegs(r.results),
  }),
  optionsMultiOrder: spec({
    path: 'optionsmultiorder',
    bucket: 'orders',
    write: true,
    request: ord.optionsMultiOrderRequest,
    response: ord.optionsMultiOrderResponse,
    legs: (r, req) => multiLegs(r.results, req?.legs.length),
  }),
  basketOrder: spec({
    path: 'basketorder',
    bucket: 'api',
    write: true,
    request: ord.basketOrderRequest,
    response: ord.basketOrderResponse,
    check: (r) => issues(...r.orders.map((o, i) => fractionalQuantity(o, ['orders', i]))),
    legs: (r, req) => (r.results ? matchBasketResults(req?.orders ?? [], r.results) : undefined),
  }),
  splitOrder: spec({
    path: 'splitorder',
    bucket: 'api',
    write: true,
    request: ord.splitOrderRequest,
    response: ord.splitOrderResponse,
    check: (r) => issues(fractionalQuantity(r)),
    legs: (r) => splitLegs(r.results),
  }),
  modifyOrder: spec({
    path: 'modifyorder',
    bucket: 'orders',
    write: true,
    priority: true,
    request: ord.modifyOrderRequest,
    response: ord.orderIdResponse,
    check: (r) => issues(fractionalQuantity(r)),
  }),
  cancelOrder: spec({ path: 'cancelorder', bucket: 'orders', write: true, priority: true, request: ord.cancelOrderRequest, response: ord.orderIdResponse }),
  cancelAllOrder: spec({
    path: 'cancelallorder',
    bucket: 'api',
    write: true,
    priority: true,
    request: ord.strategyOnlyRequest,
    response: ord.cancelAllResponse,
    legs: (r) => cancelAllLegs(r.canceled_orders, r.failed_cancellations),
  }),
  closePosition: spec({ path: 'closeposition', bucket: 'api', write: true, request: ord.strategyOnlyRequest, response: ord.messageResponse }),
  orderStatus: spec({ path: 'orderstatus', bucket: 'api', write: false, request: acc.orderStatusRequest, response: acc.orderStatusResponse }),
  openPosition: spec({ path: 'openposition', bucket: 'api', write: false, request: acc.openPositionRequest, response: acc.openPositionResponse }),
  orderBook: spec({ path: 'orderbook', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.orderBookResponse }),
  tradeBook: spec({ path: 'tradebook', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.tradeBookResponse }),
  positionBook: spec({ path: 'positionbook', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.positionBookResponse }),
  holdings: spec({ path: 'holdings', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.holdingsResponse }),
  funds: spec({ path: 'funds', bucket: 'api', write: false, request: acc.emptyRequest, response: acc.fundsResponse }),
  margin: spec({
    path: 'margin',
    bucket: 'margin',
    write: false,
    request: acc.marginRequest,
    response: acc.marginResponse,
    check: (r) => issues(...r.positions.map((p, i) => fractionalQuantity({ exchange: p.exchange, quantity: Number(p.quantity) }, ['positions', i]))),
  }),
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
  multiOptionGreeks: spec({
    path: 'multioptiongreeks',
    bucket: 'api',
    write: false,
    request: sym.multiOptionGreeksRequest,
    response: sym.multiOptionGreeksResponse,
    legs: (r) => ({ legs: r.data.map((row, i) => legOf(i, { ...row, symbol: row.symbol ?? undefined })) }),
  }),
  syntheticFuture: spec({ path: 'syntheticfuture', bucket: 'api', write: false, request: sym.syntheticFutureRequest, response: sym.syntheticFutureResponse }),
  instruments: spec({
    path: 'instruments',
    bucket: 'api',
    write: false,
    method: 'GET',
    // The whole master contract: tens of thousands of rows for NFO alone.
    timeoutMs: 120_000,
    request: sym.instrumentsRequest,
    response: sym.instrumentsResponse,
    target: (r) => ({ path: 'instruments', query: { exchange: r.exchange, format: 'json' } }),
  }),
  ticker: spec({
    path: 'ticker',
    bucket: 'api',
    write: false,
    method: 'GET',
    request: md.tickerRequest,
    response: md.tickerResponse,
    target: (r) => ({ path: `ticker/${encodeURIComponent(`${r.exchange}:${r.symbol}`)}`, query: { interval: r.interval, from: r.from, to: r.to, format: 'json' } }),
  }),
  marketHolidays: spec({ path: 'market/holidays', bucket: 'api', write: false, checksKey: false, request: cal.holidaysRequest, response: cal.holidaysResponse }),
  marketTimings: spec({ path: 'market/timings', bucket: 'api', write: false, checksKey: false, request: cal.timingsRequest, response: cal.timingsResponse }),
  ping: spec({ path: 'ping', bucket: 'api', write: false, request: acc.emptyRequest, response: util.pingResponse }),
  analyzer: spec({ path: 'analyzer', bucket: 'api', write: false, request: acc.emptyRequest, response: util.analyzerResponse }),
  analyzerToggle: spec({ path: 'analyzer/toggle', bucket: 'api', write: true, request: util.analyzerToggleRequest, response: util.analyzerResponse }),
} as const;

export type Endpoints = typeof ENDPOINTS;
export type EndpointName = keyof Endpoints;
export type RequestOf<K extends EndpointName> = z.input<Endpoints[K]['request']>;
export type ResponseOf<K extends EndpointName> = z.output<Endpoints[K]['response']>;
export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as EndpointName[];
