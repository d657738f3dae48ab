import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from './endpoints.ts';
import { parseResponse } from './parse-response.ts';

/** Parser tests on OpenAlgo's own response samples (fixtures/NOTICE.md). */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function okValue<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`);
  return r.value;
}

describe('OpenAlgo response parsers on the contract fixtures', () => {
  it('F1 placeorder', () => {
    const v = okValue(parseResponse(ENDPOINTS.placeOrder, 200, fixture('F1-placeorder.json')));
    expect(v).toEqual({ status: 'success', orderid: '250408000989443' });
  });

  it('F2 orderbook: string quantity becomes a number, statistics kept', () => {
    const v = okValue(parseResponse(ENDPOINTS.orderBook, 200, fixture('F2-orderbook.json')));
    expect(v.data.orders).toHaveLength(2);
    expect(v.data.orders[0]).toMatchObject({ symbol: 'RELIANCE', quantity: 1, price: 1186, order_status: 'complete', pricetype: 'MARKET' });
    expect(v.data.orders[1]).toMatchObject({ symbol: 'YESBANK', order_status: 'cancelled', price: 16.5 });
    expect(v.data.statistics?.total_buy_orders).toBe(2);
  });

  it('F3 positionbook: all-string numbers parse', () => {
    const v = okValue(parseResponse(ENDPOINTS.positionBook, 200, fixture('F3-positionbook.json')));
    expect(v.data.map((p) => [p.symbol, p.quantity, p.average_price, p.ltp, p.pnl])).toEqual([
      ['NHPC', -1, 83.74, 83.72, 0.02],
      ['RELIANCE', 0, 0, 1189.9, 5.9],
      ['YESBANK', -104, 17.2, 17.31, -10.44],
    ]);
  });

  it('F4 funds', () => {
    const v = okValue(parseResponse(ENDPOINTS.funds, 200, fixture('F4-funds.json')));
    expect(v.data).toEqual({ availablecash: 320.66, collateral: 0, m2mrealized: 3.27, m2munrealized: -7.88, utiliseddebits: 679.34 });
  });

  it('F5 quotes', () => {
    const v = okValue(parseResponse(ENDPOINTS.quotes, 200, fixture('F5-quotes.json')));
    expect(v.data).toMatchObject({ ltp: 1187.75, bid: 1187.85, ask: 1188, prev_close: 1165.7, volume: 14414545 });
  });

  it('F6 depth: five levels a side', () => {
    const v = okValue(parseResponse(ENDPOINTS.depth, 200, fixture('F6-depth.json')));
    expect(v.data.asks).toHaveLength(5);
    expect(v.data.bids[0]).toEqual({ price: 769.4, quantity: 886 });
    expect(v.data.oi).toBe(161265750);
  });

  it('F7 optionsmultiorder in analyze mode: all legs succeeded', () => {
    const v = okValue(parseResponse(ENDPOINTS.optionsMultiOrder, 200, fixture('F7-optionsmultiorder-analyze.json')));
    expect(v.results?.map((l) => [l.leg, l.symbol, l.orderid, l.mode])).toEqual([
      [1, 'NIFTY29SEP2625950CE', '25111933337854', 'analyze'],
      [2, 'NIFTY25AUG2626150CE', '25111957475473', 'analyze'],
    ]);
    expect(v.underlying_ltp).toBe(26052.65);
  });

  it('F7 with one failed leg is a partial failure, never a success', () => {
    const body = JSON.parse(fixture('F7-optionsmultiorder-analyze.json'));
    body.results[1] = { leg: 2, status: 'error', message: 'Insufficient funds', symbol: 'NIFTY25AUG2626150CE' };
    const r = parseResponse(ENDPOINTS.optionsMultiOrder, 200, JSON.stringify(body));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('partial-failure');
    expect(r.error.legs?.map((l) => [l.ok, l.orderid, l.message])).toEqual([
      [true, '25111933337854', undefined],
      [false, undefined, 'Insufficient funds'],
    ]);
  });

  it('F8 cancelallorder with failed cancellations is a partial failure with per-order results', () => {
    const r = parseResponse(ENDPOINTS.cancelAllOrder, 200, fixture('F8-cancelallorder-partial.json'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('partial-failure');
    expect(r.error.legs?.filter((l) => l.ok).map((l) => l.orderid)).toEqual(['250408001042620', '250408001042667', '250408001042642']);
    expect(r.error.legs?.filter((l) => !l.ok).map((l) => [l.orderid, l.message])).toEqual([
      ['250408001043015', 'Order in transit'],
      ['250408001043386', 'Order already executed'],
    ]);
  });

  it('F9 400 bodies are validation errors carrying OpenAlgo’s message', () => {
    const bodies = JSON.parse(fixture('F9-validation-errors.json')) as unknown[];
    for (const b of bodies) {
      const r = parseResponse(ENDPOINTS.placeOrder, 400, JSON.stringify(b));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('validation');
        expect(r.error.message).toBe((b as { message: string }).message);
      }
    }
  });

  it('F9 429 body gives rate-limited with retry_after', () => {
    const r = parseResponse(ENDPOINTS.quotes, 429, fixture('F9-rate-limit-429.json'));
    expect(r.ok ? undefined : [r.error.kind, r.error.retryAfterMs]).toEqual(['rate-limited', 60_000]);
  });

  it('403 is auth; semi-auto and banned-IP 403s are forbidden', () => {
    const auth = parseResponse(ENDPOINTS.funds, 403, '{"status":"error","message":"Invalid openalgo apikey"}');
    expect(auth.ok ? '' : auth.error.kind).toBe('auth');
    const banned = parseResponse(ENDPOINTS.funds, 403, 'Access Denied: Your IP has been banned');
    expect(banned.ok ? '' : banned.error.kind).toBe('forbidden');
    const semi = parseResponse(ENDPOINTS.cancelOrder, 403, '{"status":"error","message":"Cancel order is not allowed in Semi-Auto mode. Please switch to Auto mode"}');
    expect(semi.ok ? '' : semi.error.kind).toBe('forbidden');
  });

  it('a 500 HTML page on a write is an unknown outcome; on a read it is a server error', () => {
    const w = parseResponse(ENDPOINTS.placeOrder, 502, '<html>Bad gateway</html>');
    expect(w.ok ? '' : [w.error.kind, w.error.cause]).toEqual(['unknown-outcome', 'server']);
    const r = parseResponse(ENDPOINTS.quotes, 502, '<html>Bad gateway</html>');
    expect(r.ok ? '' : r.error.kind).toBe('server');
  });

  it('a broker rejection passed through with the broker’s own 4xx status is a broker error', () => {
    const r = parseResponse(ENDPOINTS.placeOrder, 422, '{"status":"error","message":"RMS: margin exceeds"}');
    expect(r.ok ? '' : [r.error.kind, r.error.message]).toEqual(['broker', 'RMS: margin exceeds']);
  });

  it('semi-auto queueing parses as a pending order, not an order id', () => {
    const v = okValue(parseResponse(ENDPOINTS.placeOrder, 200, '{"status":"success","message":"Order queued for approval in Action Center","mode":"semi_auto","pending_order_id":42}'));
    expect(v).toMatchObject({ pending_order_id: '42', mode: 'semi_auto' });
  });

  it('the other documented samples parse', () => {
    expect(okValue(parseResponse(ENDPOINTS.tradeBook, 200, fixture('tradebook.json'))).data[0]?.average_price).toBe(1180.1);
    expect(okValue(parseResponse(ENDPOINTS.holdings, 200, fixture('holdings.json'))).data.statistics?.totalprofitandloss).toBe(-233.15);
    expect(okValue(parseResponse(ENDPOINTS.orderStatus, 200, fixture('orderstatus.json'))).data).toMatchObject({ quantity: 1, average_price: 18.95, order_status: 'complete' });
    expect(okValue(parseResponse(ENDPOINTS.optionsOrder, 200, fixture('optionsorder.json')))).toMatchObject({ orderid: '25102800000006', underlying_ltp: 25966.05 });
    const mq = okValue(parseResponse(ENDPOINTS.multiQuotes, 200, fixture('multiquotes.json')));
    expect(mq.results[0] && 'data' in mq.results[0] ? mq.results[0].data.ltp : undefined).toBe(1569.9);
    const docsCandle = okValue(parseResponse(ENDPOINTS.history, 200, fixture('history-docs.json'))).data[0];
    const codeCandle = okValue(parseResponse(ENDPOINTS.history, 200, fixture('history-code.json'))).data[0];
    expect(docsCandle?.timestamp).toBe(1743479100);
    expect(codeCandle).toMatchObject({ timestamp: 1743479100, close: 772.5, oi: 0 });
    expect(okValue(parseResponse(ENDPOINTS.intervals, 200, fixture('intervals.json'))).data.minutes).toContain('5m');
    expect(okValue(parseResponse(ENDPOINTS.symbol, 200, fixture('symbol.json'))).data).toMatchObject({ lotsize: 65, freeze_qty: 1800, expiry: '25-AUG-26' });
    expect(okValue(parseResponse(ENDPOINTS.search, 200, fixture('search.json'))).data[0]?.strike).toBe(26000);
    expect(okValue(parseResponse(ENDPOINTS.optionSymbol, 200, fixture('optionsymbol.json'))).lotsize).toBe(65);
    expect(okValue(parseResponse(ENDPOINTS.optionGreeks, 200, fixture('optiongreeks.json'))).greeks.delta).toBe(0.4967);
    expect(okValue(parseResponse(ENDPOINTS.ping, 200, fixture('ping.json'))).data.broker).toBe('zerodha');
    expect(okValue(parseResponse(ENDPOINTS.margin, 200, fixture('margin.json'))).data.total_margin_required).toBe(91555.7625);
    expect(okValue(parseResponse(ENDPOINTS.analyzerToggle, 200, fixture('analyzer-toggle.json'))).data.analyze_mode).toBe(true);
  });
});
