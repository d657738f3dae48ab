import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { createOpenAlgoClient, type OpenAlgoClient } from '#openalgo/client';
import { ENDPOINT_NAMES } from '#openalgo/endpoints';
import type { OpenAlgoSim } from './server.ts';
import { startTestSim, TEST_API_KEY } from './test-support.ts';

/** Every REST endpoint over real HTTP on loopback, client against simulator. */
let sim: OpenAlgoSim;
let client: OpenAlgoClient;
const clock = new WallClock();

beforeAll(async () => {
  sim = await startTestSim({}, clock);
  client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock, timeoutMs: 2000 });
});
afterAll(async () => {
  await sim.close();
});

function value<T>(r: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
  return r.value;
}

describe('OpenAlgo client ↔ simulator, every endpoint', () => {
  const touched = new Set<string>();
  const track = <T>(name: string, p: T): T => {
    touched.add(name);
    return p;
  };

  it('orders: place, status, modify, cancel, smart, split, basket, options, multi-leg, cancel-all, close', async () => {
    const placed = value(await track('placeOrder', client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'RELIANCE', action: 'BUY', quantity: 2 })));
    expect('orderid' in placed && placed.orderid).toMatch(/^\d{15}$/);
    const orderid = 'orderid' in placed ? placed.orderid : '';
    const st = value(await track('orderStatus', client.orderStatus({ strategy: 't', orderid })));
    expect(st.data).toMatchObject({ orderid, order_status: 'complete', quantity: 2, symbol: 'RELIANCE' });

    const resting = value(await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1, pricetype: 'LIMIT', price: 1 }));
    const restingId = 'orderid' in resting ? resting.orderid : '';
    value(await track('modifyOrder', client.modifyOrder({
      strategy: 't', exchange: 'NSE', symbol: 'SBIN', orderid: restingId, action: 'BUY', product: 'MIS', pricetype: 'LIMIT', price: 2, quantity: 3, disclosed_quantity: 0, trigger_price: 0,
    })));
    const book = value(await track('orderBook', client.orderBook({})));
    expect(book.data.orders.find((o) => o.orderid === restingId)).toMatchObject({ price: 2, quantity: 3, order_status: 'open' });
    value(await track('cancelOrder', client.cancelOrder({ strategy: 't', orderid: restingId })));
    expect(value(await client.orderStatus({ strategy: 't', orderid: restingId })).data.order_status).toBe('cancelled');

    const smart = value(await track('placeSmartOrder', client.placeSmartOrder({ strategy: 't', exchange: 'NSE', symbol: 'RELIANCE', action: 'BUY', quantity: 0, position_size: 5 })));
    expect('orderid' in smart).toBe(true);
    const matched = value(await client.placeSmartOrder({ strategy: 't', exchange: 'NSE', symbol: 'RELIANCE', action: 'BUY', quantity: 0, position_size: 5 }));
    expect('message' in matched && matched.message).toBe('Positions Already Matched. No Action needed.');
    expect(value(await track('openPosition', client.openPosition({ strategy: 't', symbol: 'RELIANCE', exchange: 'NSE', product: 'MIS' }))).quantity).toBe(5);

    const sp = value(await track('splitOrder', client.splitOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 105, splitsize: 20 })));
    expect(sp.results.map((r) => r.quantity)).toEqual([20, 20, 20, 20, 20, 5]);

    const basket = value(await track('basketOrder', client.basketOrder({ strategy: 't', orders: [
      { exchange: 'NSE', symbol: 'SBIN', action: 'SELL', quantity: 5 },
      { exchange: 'NSE', symbol: 'RELIANCE', action: 'BUY', quantity: 1 },
    ] })));
    expect(basket.results?.map((r) => r.symbol).sort()).toEqual(['RELIANCE', 'SBIN']);

    const near = value(await client.expiry({ symbol: 'NIFTY', exchange: 'NFO', instrumenttype: 'options' })).data[0]!.replaceAll('-', '');
    const opt = value(await track('optionsOrder', client.optionsOrder({ strategy: 't', underlying: 'NIFTY', exchange: 'NSE_INDEX', expiry_date: near, offset: 'ATM', option_type: 'CE', action: 'BUY', quantity: 65 })));
    expect(opt.symbol).toMatch(/^NIFTY\d{2}[A-Z]{3}\d{2}\d+CE$/);
    expect(opt.exchange).toBe('NFO');

    const multi = value(await track('optionsMultiOrder', client.optionsMultiOrder({ strategy: 't', underlying: 'NIFTY', exchange: 'NSE_INDEX', expiry_date: near, legs: [
      { offset: 'OTM2', option_type: 'CE', action: 'SELL', quantity: 65 },
      { offset: 'OTM4', option_type: 'CE', action: 'BUY', quantity: 65 },
    ] })));
    expect(multi.results?.map((l) => [l.leg, l.action, l.status])).toEqual([[2, 'BUY', 'success'], [1, 'SELL', 'success']]);

    value(await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1, pricetype: 'LIMIT', price: 1 }));
    const all = value(await track('cancelAllOrder', client.cancelAllOrder({ strategy: 't' })));
    expect(all.canceled_orders).toHaveLength(1);
    const closed = value(await track('closePosition', client.closePosition({ strategy: 't' })));
    expect(closed.message).toBe('All Open Positions Squared Off');
    const positions = value(await track('positionBook', client.positionBook({})));
    expect(positions.data.every((p) => p.quantity === 0)).toBe(true);
    expect(value(await track('tradeBook', client.tradeBook({}))).data.length).toBeGreaterThan(5);
    expect(value(await track('holdings', client.holdings({}))).data.holdings).toEqual([]);
    expect(value(await track('funds', client.funds({}))).data.availablecash).toBeGreaterThan(0);
  });

  it('market data, symbols, options, utility', async () => {
    expect(value(await track('quotes', client.quotes({ symbol: 'RELIANCE', exchange: 'NSE' }))).data.ltp).toBeGreaterThan(0);
    const mq = value(await track('multiQuotes', client.multiQuotes({ symbols: [{ symbol: 'RELIANCE', exchange: 'NSE' }, { symbol: 'NOPE', exchange: 'NSE' }] })));
    // OpenAlgo lists the symbols it could not resolve first.
    expect(mq.results.map((r) => 'error' in r)).toEqual([true, false]);
    expect(value(await track('depth', client.depth({ symbol: 'SBIN', exchange: 'NSE' }))).data.bids).toHaveLength(5);
    const hist = value(await track('history', client.history({ symbol: 'RELIANCE', exchange: 'NSE', interval: 'D', start_date: '2026-01-01', end_date: '2026-01-31' })));
    expect(hist.data.length).toBeGreaterThan(15);
    expect(value(await track('intervals', client.intervals({}))).data.minutes).toContain('5m');
    const future = value(await track('search', client.search({ query: 'NIFTY', exchange: 'NFO' }))).data.find((s) => s.instrumenttype === 'FUT');
    expect(future?.lotsize).toBe(65);
    expect(value(await track('symbol', client.symbol({ symbol: future!.symbol, exchange: 'NFO' }))).data.freeze_qty).toBe(1800);
    const expiries = value(await track('expiry', client.expiry({ symbol: 'NIFTY', exchange: 'NFO', instrumenttype: 'options' }))).data;
    expect(expiries).toHaveLength(2);
    const code = expiries[0]!.replaceAll('-', '');
    const os = value(await track('optionSymbol', client.optionSymbol({ underlying: 'NIFTY', exchange: 'NSE_INDEX', expiry_date: code, offset: 'ITM1', option_type: 'PE' })));
    expect(os.lotsize).toBe(65);
    const chain = value(await track('optionChain', client.optionChain({ underlying: 'NIFTY', exchange: 'NSE_INDEX', expiry_date: code, strike_count: 3 })));
    expect(chain.chain).toHaveLength(7);
    expect(chain.chain[3]?.ce?.label).toBe('ATM');
    const g = value(await track('optionGreeks', client.optionGreeks({ symbol: os.symbol, exchange: 'NFO' })));
    expect(g.greeks.delta).toBeLessThan(0);
    expect(g.implied_volatility).toBeCloseTo(14, 0);
    expect(value(await track('margin', client.margin({ positions: [{ symbol: 'SBIN', exchange: 'NSE', action: 'BUY', quantity: '10', product: 'MIS', pricetype: 'MARKET' }] }))).data.total_margin_required).toBeGreaterThan(0);
    const chainGreeks = value(await client.optionChain({ underlying: 'NIFTY', exchange: 'NSE_INDEX', expiry_date: code, strike_count: 1, with_greeks: true }));
    expect(chainGreeks.forward_price).toBeGreaterThan(0);
    expect(chain.forward_price ?? null).toBeNull();
    const synthetic = value(await track('syntheticFuture', client.syntheticFuture({ underlying: 'NIFTY', exchange: 'NSE_INDEX', expiry_date: code })));
    expect(synthetic.synthetic_future_price).toBeCloseTo(sim.market.quote('NSE_INDEX', 'NIFTY')!.ltp, -2);
    const multi = value(await track('multiOptionGreeks', client.multiOptionGreeks({ symbols: [{ symbol: os.symbol, exchange: 'NFO' }] })));
    expect(multi.status).toBe('success');
    const master = value(await track('instruments', client.instruments({ exchange: 'NFO' })));
    expect(master.data.find((r) => r.symbol === os.symbol)?.lotsize).toBe(65);
    const bars = value(await track('ticker', client.ticker({ symbol: 'RELIANCE', exchange: 'NSE', interval: 'D', from: '2026-11-02', to: '2026-11-13' })));
    expect(bars.data).toHaveLength(9);
    const holidays = value(await track('marketHolidays', client.marketHolidays({ year: 2026 })));
    expect(holidays.data.find((h) => h.date === '2026-11-10')?.description).toBe('Diwali Balipratipada');
    expect(value(await track('marketTimings', client.marketTimings({ date: '2026-11-10' }))).data).toEqual([]);
    expect(value(await track('ping', client.ping({}))).data.message).toBe('pong');
    expect(value(await track('analyzer', client.analyzer({}))).data.analyze_mode).toBe(false);
    expect(value(await track('analyzerToggle', client.analyzerToggle({ mode: true }))).data.analyze_mode).toBe(true);
    const sandbox = value(await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1 }));
    expect(sandbox).toMatchObject({ mode: 'analyze' });
    expect('orderid' in sandbox && sandbox.orderid).toMatch(/^\d{14}$/);
    value(await client.analyzerToggle({ mode: false }));
  });

  it('covered every endpoint', () => {
    expect([...touched].sort()).toEqual([...ENDPOINT_NAMES].sort());
  });

  it('unknown fields never leave the client; the simulator rejects them as OpenAlgo does', async () => {
    const local = await client.placeOrder({ strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1, position_size: 3 } as never);
    expect(local.ok ? '' : local.error.kind).toBe('validation');
    const res = await fetch(`${sim.host}/api/v1/placeorder`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apikey: TEST_API_KEY, strategy: 't', exchange: 'NSE', symbol: 'SBIN', action: 'BUY', quantity: 1, position_size: 3 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: 'error', message: "{'position_size': ['Unknown field.']}" });
  });

  it('a wrong key is an auth error whose message never contains the key', async () => {
    const bad = createOpenAlgoClient({ host: sim.host, apiKey: 'wrong-key-secret', clock });
    const r = await bad.funds({});
    expect(r.ok ? '' : r.error.kind).toBe('auth');
    expect(JSON.stringify(r)).not.toContain('wrong-key-secret');
  });

  it('a broker rejection keeps the broker’s 400 and never becomes an order', async () => {
    const future = value(await client.search({ query: 'FUT', exchange: 'NFO' })).data[0]!.symbol;
    const before = sim.book.orders.length;
    const r = await client.placeOrder({ strategy: 't', exchange: 'NFO', symbol: future, action: 'BUY', quantity: 10 });
    expect(r.ok ? '' : [r.error.httpStatus, r.error.message]).toEqual([400, 'Quantity 10 is not a multiple of the lot size 65']);
    expect(sim.book.orders.length).toBe(before);
  });

  it('a basket answers in completion order: batches of ten, BUY legs first, shuffled within a batch', async () => {
    const legs = Array.from({ length: 12 }, (_, i) => ({ exchange: 'NSE', symbol: i % 2 ? 'SBIN' : 'RELIANCE', action: i < 5 ? 'SELL' : 'BUY', quantity: 1 }));
    const res = await fetch(`${sim.host}/api/v1/basketorder`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apikey: TEST_API_KEY, strategy: 't', orders: legs }),
    });
    const rows = ((await res.json()) as { results: { orderid: string }[] }).results;
    const placed = new Map(sim.book.orders.map((o) => [o.orderid, o]));
    const actions = rows.map((r) => placed.get(r.orderid)!.action);
    expect(actions.slice(0, 10).filter((a) => a === 'BUY')).toHaveLength(7);
    expect(actions.slice(10)).toEqual(['SELL', 'SELL']);
    const ids = rows.map((r) => r.orderid);
    expect(ids).not.toEqual([...ids].sort());
  });
});
