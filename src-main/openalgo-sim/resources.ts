import { jsonRaw, RESTX_INTERNAL_ERROR, type JsonStyle, type RawReply } from './http-answers.ts';
import type { Schema } from './marshmallow/schema.ts';
import * as d from './schemas/data.ts';
import * as o from './schemas/orders.ts';

/**
 * OpenAlgo's REST resources as the simulator serves them (`restx_api/*.py`): method, schema, rate
 * bucket, and the resource-specific ways of answering. The resources differ more than the docs say:
 * a schema error is a Python repr string on order routes, a JSON object on data routes and an
 * `errors` object on option routes; a body that is not JSON ends in a different 500 on each.
 */
export type Bucket = 'order' | 'smart' | 'api' | 'greeks';

/**
 * Who checks what: `broker` needs a live broker session (403 otherwise, wrong key or expired alike);
 * `key` only checks the API key; `greeks` answers a wrong key with 401; `none` checks nothing.
 */
export type Auth = 'broker' | 'key' | 'greeks' | 'none';

/** How a schema error is answered. */
export type InvalidStyle = 'repr' | 'dict' | 'validation-error' | 'validation-failed';

export interface Resource {
  readonly method: 'GET' | 'POST';
  readonly schema: Schema;
  readonly bucket: Bucket;
  readonly auth: Auth;
  readonly invalid: InvalidStyle;
  /** The answer when `request.json` raises (body not JSON, wrong content type). */
  readonly unreadable: RawReply;
  /** Order resources that answer errors with `"mode":"analyze"` in analyze mode. */
  readonly analyzeErrors?: boolean;
  /** `jsonify` for resources returning `make_response(jsonify(...))`, `restx` for plain dict returns. */
  readonly style: JsonStyle;
  /** Greeks resources check `data is None` before the schema. */
  readonly refuseNullBody?: boolean;
}

const IN_ENDPOINT = jsonRaw(500, 'jsonify', { status: 'error', message: 'An unexpected error occurred in the API endpoint' });
const UNEXPECTED = jsonRaw(500, 'jsonify', { status: 'error', message: 'An unexpected error occurred' });
const UNEXPECTED_RESTX = jsonRaw(500, 'restx', { status: 'error', message: 'An unexpected error occurred' });
const GREEKS_FAILED = jsonRaw(500, 'jsonify', { status: 'error', message: 'Internal server error while calculating option Greeks' });

/** Order resources whose `except` block reads the never-assigned `data`: Flask-RESTX's bare 500. */
const order = (schema: Schema, bucket: Bucket): Resource => ({
  method: 'POST', schema, bucket, auth: 'broker', invalid: 'repr', unreadable: RESTX_INTERNAL_ERROR, analyzeErrors: true, style: 'jsonify',
});
const data = (schema: Schema, auth: Auth = 'broker'): Resource => ({ method: 'POST', schema, bucket: 'api', auth, invalid: 'dict', unreadable: UNEXPECTED, style: 'jsonify' });

export const RESOURCES: Readonly<Record<string, Resource>> = {
  placeorder: { method: 'POST', schema: o.OrderSchema, bucket: 'order', auth: 'broker', invalid: 'repr', unreadable: IN_ENDPOINT, style: 'jsonify' },
  placesmartorder: order(o.SmartOrderSchema, 'smart'),
  optionsorder: { method: 'POST', schema: o.OptionsOrderSchema, bucket: 'order', auth: 'broker', invalid: 'validation-error', unreadable: IN_ENDPOINT, style: 'jsonify' },
  optionsmultiorder: { method: 'POST', schema: o.OptionsMultiOrderSchema, bucket: 'order', auth: 'broker', invalid: 'validation-error', unreadable: IN_ENDPOINT, style: 'jsonify' },
  basketorder: order(o.BasketOrderSchema, 'api'),
  splitorder: order(o.SplitOrderSchema, 'api'),
  modifyorder: order(o.ModifyOrderSchema, 'order'),
  cancelorder: order(o.CancelOrderSchema, 'order'),
  cancelallorder: order(o.CancelAllOrderSchema, 'api'),
  closeposition: order(o.ClosePositionSchema, 'api'),
  orderstatus: order(d.OrderStatusSchema, 'api'),
  openposition: order(d.OpenPositionSchema, 'api'),
  orderbook: data(d.OrderbookSchema),
  tradebook: data(d.TradebookSchema),
  positionbook: data(d.PositionbookSchema),
  holdings: data(d.HoldingsSchema),
  funds: data(d.FundsSchema),
  margin: { method: 'POST', schema: o.MarginCalculatorSchema, bucket: 'api', auth: 'broker', invalid: 'repr', unreadable: IN_ENDPOINT, style: 'jsonify' },
  quotes: data(d.QuotesSchema),
  multiquotes: data(d.MultiQuotesSchema),
  depth: data(d.DepthSchema),
  history: data(d.HistorySchema),
  intervals: data(d.IntervalsSchema),
  symbol: data(d.SymbolSchema),
  search: data(d.SearchSchema),
  expiry: data(d.ExpirySchema),
  optionsymbol: { method: 'POST', schema: d.OptionSymbolSchema, bucket: 'api', auth: 'broker', invalid: 'validation-error', unreadable: UNEXPECTED_RESTX, style: 'restx' },
  optionchain: { method: 'POST', schema: d.OptionChainSchema, bucket: 'api', auth: 'broker', invalid: 'validation-error', unreadable: UNEXPECTED_RESTX, style: 'restx' },
  optiongreeks: {
    method: 'POST', schema: d.OptionGreeksSchema, bucket: 'greeks', auth: 'greeks', invalid: 'validation-failed', unreadable: GREEKS_FAILED, style: 'jsonify', refuseNullBody: true,
  },
  multioptiongreeks: {
    method: 'POST', schema: d.MultiOptionGreeksSchema, bucket: 'api', auth: 'greeks', invalid: 'validation-failed', unreadable: GREEKS_FAILED, style: 'jsonify', refuseNullBody: true,
  },
  syntheticfuture: { method: 'POST', schema: o.SyntheticFutureSchema, bucket: 'api', auth: 'broker', invalid: 'validation-error', unreadable: IN_ENDPOINT, style: 'jsonify' },
  ping: data(d.PingSchema),
  analyzer: { method: 'POST', schema: d.AnalyzerSchema, bucket: 'api', auth: 'broker', invalid: 'repr', unreadable: RESTX_INTERNAL_ERROR, style: 'jsonify' },
  'analyzer/toggle': { method: 'POST', schema: d.AnalyzerToggleSchema, bucket: 'api', auth: 'broker', invalid: 'repr', unreadable: RESTX_INTERNAL_ERROR, style: 'jsonify' },
  'market/holidays': data(d.MarketHolidaysSchema, 'none'),
  'market/timings': data(d.MarketTimingsSchema, 'none'),
  instruments: { method: 'GET', schema: d.InstrumentsSchema, bucket: 'api', auth: 'key', invalid: 'dict', unreadable: UNEXPECTED, style: 'jsonify' },
};

/** Methods Flask answers on a resource's URL: the declared one plus the automatic HEAD and OPTIONS. */
export function allowedMethods(r: Resource): string[] {
  return r.method === 'GET' ? ['GET', 'HEAD', 'OPTIONS'] : ['OPTIONS', 'POST'];
}

/** Per-route moving-window limits per client IP (`limiter.py`, `.sample.env`). */
export const LIMITS: Readonly<Record<Bucket, { readonly count: number; readonly windowMs: number }>> = {
  order: { count: 10, windowMs: 1000 },
  smart: { count: 10, windowMs: 1000 },
  api: { count: 50, windowMs: 1000 },
  greeks: { count: 30, windowMs: 60_000 },
};
