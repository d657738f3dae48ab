import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from './endpoints.ts';
import { parseResponse } from './parse-response.ts';
import { parseWsFrame } from './wire/ws.ts';

/** Answers as OpenAlgo's service code builds them (fixtures/NOTICE.md, "built from OpenAlgo's code"). */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function okValue<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function failure(r: { ok: true } | { ok: false; error: { kind: string; message: string; cause?: string } }) {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('optionchain: the nulls OpenAlgo’s service sends', () => {
  it('a default call (no Greeks): forward_price null, a missing PE leg null, null quote fields', () => {
    const v = okValue(parseResponse(ENDPOINTS.optionChain, 200, fixture('optionchain-default.json')));
    expect(v.forward_price).toBeUndefined();
    expect(v.expiry_ts).toBe(1787651400);
    expect(v.underlying_exchange).toBe('NSE_INDEX');
    expect(v.chain[1]?.pe).toBeUndefined();
    expect(v.chain[1]?.ce?.label).toBe('ATM');
    expect(v.chain[2]?.ce).toMatchObject({ oi: 0, volume: 0, bid_qty: 0, ltp: 281.2 });
    expect(v.chain[0]?.ce?.delta).toBeUndefined();
  });

  it('with Greeks: forward price and Greeks kept, expiry_ts null read as absent, an unpriced leg has no Greeks', () => {
    const v = okValue(parseResponse(ENDPOINTS.optionChain, 200, fixture('optionchain-greeks.json')));
    expect(v.forward_price).toBe(24575.6);
    expect(v.expiry_ts).toBeUndefined();
    expect(v.chain[0]?.ce).toMatchObject({ implied_volatility: 14.92, delta: 0.5221 });
    expect(v.chain[1]?.ce?.implied_volatility).toBeUndefined();
    expect(v.chain[1]?.pe).toBeUndefined();
  });

  it('a validation error shows marshmallow’s field errors, not just "Validation error"', () => {
    const e = failure(parseResponse(ENDPOINTS.optionChain, 400, fixture('optionchain-validation-error.json')));
    expect(e.kind).toBe('validation');
    expect(e.message).toContain('Validation error');
    expect(e.message).toContain('strike_count');
  });
});

describe('nullable master-contract and broker fields', () => {
  it('symbol rows with null expiry, strike, lotsize and tick size parse; lot size is never invented', () => {
    const body = JSON.parse(fixture('symbol.json'));
    body.data = { ...body.data, expiry: null, strike: null, lotsize: null, tick_size: null, name: null, freeze_qty: null, token: null };
    const v = okValue(parseResponse(ENDPOINTS.symbol, 200, JSON.stringify(body)));
    expect(v.data).toMatchObject({ expiry: '', strike: 0, lotsize: undefined, tick_size: undefined, freeze_qty: undefined });
  });

  it('order book rows with null price, trigger price, timestamp and rejection reason parse', () => {
    const body = JSON.parse(fixture('F2-orderbook.json'));
    body.data.orders[0] = { ...body.data.orders[0], price: null, trigger_price: null, timestamp: null, rejection_reason: null, average_price: null };
    const v = okValue(parseResponse(ENDPOINTS.orderBook, 200, JSON.stringify(body)));
    expect(v.data.orders[0]).toMatchObject({ price: 0, trigger_price: 0, timestamp: undefined, rejection_reason: undefined });
  });

  it('quotes and depth with null OI, volume and book levels parse; a null last price does not', () => {
    const q = JSON.parse(fixture('F5-quotes.json'));
    q.data = { ...q.data, oi: null, volume: null, bid: null };
    expect(okValue(parseResponse(ENDPOINTS.quotes, 200, JSON.stringify(q))).data).toMatchObject({ oi: undefined, volume: 0, bid: 0 });
    const d = JSON.parse(fixture('F6-depth.json'));
    d.data.asks[4] = { price: null, quantity: null };
    expect(okValue(parseResponse(ENDPOINTS.depth, 200, JSON.stringify(d))).data.asks[4]).toEqual({ price: 0, quantity: 0 });
    q.data.ltp = null;
    expect(failure(parseResponse(ENDPOINTS.quotes, 200, JSON.stringify(q))).kind).toBe('protocol');
  });

  it('a history answer with a bare NaN (pandas through Python’s json) parses, the missing OI read as absent', () => {
    const v = okValue(parseResponse(ENDPOINTS.history, 200, fixture('history-nan.txt')));
    expect(v.data[0]).toMatchObject({ timestamp: 1743479100, close: 772.5, oi: undefined });
  });

  it('an open position of null stays an error: unknown is never read as flat', () => {
    expect(failure(parseResponse(ENDPOINTS.openPosition, 200, '{"status":"success","quantity":null}')).kind).toBe('protocol');
  });
});

describe('cancelallorder: failed cancellations in every shape brokers use', () => {
  it.each([
    ['plain order-id strings (Zerodha, Angel, Dhan, Upstox…)', 'cancelallorder-strings.json', [['250408001043015', undefined]]],
    ['{orderid, message} (sandbox)', 'cancelallorder-sandbox.json', [['25111957475473', 'Order 25111957475473 cannot be cancelled in complete status']]],
    ['{orderId, error} (Tradejini)', 'cancelallorder-tradejini.json', [['26012300000042', 'Bad status code: 502']]],
  ])('%s: a partial result with the failed ids, never an unknown outcome', (_what, file, failed) => {
    const e = failure(parseResponse(ENDPOINTS.cancelAllOrder, 200, fixture(file))) as { kind: string; legs?: { ok: boolean; orderid?: string; message?: string; outcome: string }[] };
    expect(e.kind).toBe('partial-failure');
    expect(e.legs?.filter((l) => !l.ok).map((l) => [l.orderid, l.message])).toEqual(failed);
    expect(e.legs?.every((l) => l.outcome !== 'unknown')).toBe(true);
  });
});

describe('5xx and session expiry', () => {
  it('"Failed to place order due to internal error" (HTTP 500) on a write is an unknown outcome carrying OpenAlgo’s text', () => {
    const e = failure(parseResponse(ENDPOINTS.placeOrder, 500, fixture('placeorder-internal-error.json')));
    expect([e.kind, e.cause]).toEqual(['unknown-outcome', 'server']);
    expect(e.message).toContain('Failed to place order due to internal error');
    expect(failure(parseResponse(ENDPOINTS.cancelOrder, 503, '{"status":"error","message":"x"}')).kind).toBe('unknown-outcome');
  });

  it('an enveloped 5xx on a read is a server error (retried), with OpenAlgo’s message', () => {
    const e = failure(parseResponse(ENDPOINTS.quotes, 500, '{"status":"error","message":"Failed to fetch quotes"}'));
    expect(e.kind).toBe('server');
    expect(e.message).toContain('Failed to fetch quotes');
  });

  it('"Invalid openalgo apikey" is session-expired once the key has worked, auth before', () => {
    expect(failure(parseResponse(ENDPOINTS.funds, 403, fixture('invalid-apikey.json'), { keyWorked: true })).kind).toBe('session-expired');
    expect(failure(parseResponse(ENDPOINTS.optionGreeks, 401, fixture('invalid-apikey.json'), { keyWorked: true })).kind).toBe('session-expired');
    const first = failure(parseResponse(ENDPOINTS.funds, 403, fixture('invalid-apikey.json')));
    expect(first.kind).toBe('auth');
    expect(first.message).toMatch(/check the key, or log in to your broker/);
  });

  it('a broker token error passed through (403, or 500 on a read) is session-expired with the login message', () => {
    const e = failure(parseResponse(ENDPOINTS.placeOrder, 403, '{"status":"error","message":"Incorrect `api_key` or `access_token`."}'));
    expect(e.kind).toBe('session-expired');
    expect(e.message).toMatch(/^OpenAlgo session expired: log in to your broker in OpenAlgo/);
    expect(failure(parseResponse(ENDPOINTS.funds, 500, '{"status":"error","message":"Error fetching funds: Invalid Token"}')).kind).toBe('session-expired');
  });
});

describe('429: how long to back off', () => {
  it('prefers the Retry-After header over the body’s retry_after (always 60 in OpenAlgo)', () => {
    const e = failure(parseResponse(ENDPOINTS.placeOrder, 429, fixture('F9-rate-limit-429.json'), { retryAfterHeader: '1' })) as { retryAfterMs?: number };
    expect(e.retryAfterMs).toBe(1000);
    const date = failure(parseResponse(ENDPOINTS.placeOrder, 429, '', { retryAfterHeader: 'Thu, 01 Jan 1970 00:00:03 GMT', nowMs: 1000 })) as { retryAfterMs?: number };
    expect(date.retryAfterMs).toBe(2000);
  });
});

describe('basketorder: results tied to the request, never by position', () => {
  const request = {
    strategy: 't',
    orders: [
      { exchange: 'NFO', symbol: 'NIFTY25AUG2625000CE', action: 'SELL', quantity: 65, product: 'NRML' },
      { exchange: 'NSE', symbol: 'BHEL', action: 'BUY', quantity: 10 },
      { exchange: 'NFO', symbol: 'NIFTY25AUG2624500PE', action: 'BUY', quantity: 65, product: 'NRML' },
    ],
  } as const;

  it('completion-order rows land on their own legs; the failed row (symbol only) on BHEL', () => {
    const e = failure(parseResponse(ENDPOINTS.basketOrder, 200, fixture('basketorder-completion-order.json'), { request })) as {
      kind: string;
      legs?: { index: number; outcome: string; orderid?: string; message?: string }[];
    };
    expect(e.kind).toBe('partial-failure');
    expect(e.legs?.map((l) => [l.index, l.outcome, l.orderid ?? l.message])).toEqual([
      [0, 'ok', '250408000999544'],
      [1, 'failed', 'RMS:Margin Exceeds, Required:2450, Available:120'],
      [2, 'ok', '250408000999601'],
    ]);
  });
});

describe('endpoints the terminal did not have', () => {
  it('instruments: the master contract with its nullable columns; a validation dict becomes readable text', () => {
    const v = okValue(parseResponse(ENDPOINTS.instruments, 200, fixture('instruments.json')));
    expect(v.data.map((r) => [r.symbol, r.lotsize, r.expiry, r.token])).toEqual([
      ['NIFTY25AUG2625000CE', 65, '25-AUG-26', '12345'],
      ['NIFTY', undefined, '', '256265'],
      ['SBIN', 1, '', '3045'],
    ]);
    const e = failure(parseResponse(ENDPOINTS.instruments, 400, fixture('instruments-validation-error.json')));
    expect(e.message).toContain('Must be one of: NSE');
  });

  it('market holidays and timings', () => {
    const h = okValue(parseResponse(ENDPOINTS.marketHolidays, 200, fixture('market-holidays.json')));
    expect(h.data.map((d) => d.holiday_type)).toEqual(['TRADING_HOLIDAY', 'SETTLEMENT_HOLIDAY', 'TRADING_HOLIDAY', 'SPECIAL_SESSION']);
    expect(h.data[2]?.open_exchanges).toEqual([{ exchange: 'MCX', start_time: 1741624200000, end_time: 1741677900000 }]);
    expect(h.data[3]?.open_exchanges[0]?.start_time).toBeUndefined();
    const t = okValue(parseResponse(ENDPOINTS.marketTimings, 200, fixture('market-timings.json')));
    expect(t.data[0]).toEqual({ exchange: 'NSE', start_time: 1766115900000, end_time: 1766138400000 });
  });

  it('multioptiongreeks: status "partial" is a partial failure naming the failed symbol', () => {
    const e = failure(parseResponse(ENDPOINTS.multiOptionGreeks, 200, fixture('multioptiongreeks-partial.json'))) as { kind: string; legs?: { ok: boolean; symbol?: string }[] };
    expect(e.kind).toBe('partial-failure');
    expect(e.legs?.map((l) => [l.symbol, l.ok])).toEqual([
      ['NIFTY30DEC2524000CE', true],
      ['NIFTY30DEC2524000PE', false],
      ['NIFTY30DEC2526000CE', true],
    ]);
  });

  it('syntheticfuture and ticker', () => {
    expect(okValue(parseResponse(ENDPOINTS.syntheticFuture, 200, fixture('syntheticfuture.json')))).toMatchObject({ synthetic_future_price: 26015.25, atm_strike: 26000 });
    expect(okValue(parseResponse(ENDPOINTS.ticker, 200, fixture('ticker.json'))).data[0]).toMatchObject({ timestamp: 1783296000, close: 1528.4 });
  });
});

describe('WebSocket authentication errors as websocket_proxy/server.py sends them', () => {
  it('parse as error frames carrying their code, which the client acts on', () => {
    const frames = JSON.parse(fixture('ws-auth-errors.json')) as object[];
    expect(frames.map((f) => parseWsFrame(JSON.stringify(f))).map((r) => (r.ok && r.value.kind === 'error' ? r.value.code : 'x'))).toEqual([
      'BROKER_ERROR',
      'BROKER_INIT_ERROR',
      'BROKER_CONNECTION_ERROR',
      'AUTHENTICATION_ERROR',
    ]);
  });
});
