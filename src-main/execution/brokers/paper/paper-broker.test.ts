import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { fillCharges } from '#options/charges';
import type { BrokerTrade, PlaceOrderRequest } from '#execution/broker';
import { instrumentsFrom } from '#execution/instruments';
import { QuoteBook } from '#execution/quotes';
import { registerBrokerContract } from '#execution/testing/broker-contract';
import { ALL_INSTRUMENTS, CE_26000, NIFTY_FUT, PE_26000, TRADE_START, quote } from '#execution/testing/fixtures';
import { PaperBroker } from './paper-broker.ts';
import type { PaperBrokerConfig } from './paper-config.ts';

function setup(config: Partial<PaperBrokerConfig> = {}) {
  const clock = new SimClock(TRADE_START);
  const quotes = new QuoteBook();
  quotes.set(quote(CE_26000.id, 120, 120.5, clock.now()));
  quotes.set(quote(PE_26000.id, 110, 110.5, clock.now()));
  quotes.set(quote(NIFTY_FUT.id, 26100, 26100.5, clock.now()));
  const broker = new PaperBroker({ clock, quotes, instruments: instrumentsFrom(ALL_INSTRUMENTS), config: { cash: 10_000_000, ...config } });
  return { clock, quotes, broker };
}

const buy = (extra: Partial<PlaceOrderRequest> = {}): PlaceOrderRequest => ({ strategy: 'b1', instrumentId: CE_26000.id, side: 'BUY', quantity: 75, type: 'MARKET', product: 'NRML', ...extra });

async function placed(broker: PaperBroker, req: PlaceOrderRequest) {
  const r = await broker.place(req);
  if (!r.ok) throw new Error(r.error.message);
  const trades = await broker.tradeBook();
  const book = await broker.orderBook();
  if (!trades.ok || !book.ok) throw new Error('book');
  return { id: r.value.brokerOrderId, trades: trades.value.filter((t) => t.brokerOrderId === r.value.brokerOrderId), row: book.value.find((x) => x.brokerOrderId === r.value.brokerOrderId)! };
}

registerBrokerContract('paper (no latency)', async () => {
  const { broker, quotes, clock } = setup();
  return { broker, instrument: CE_26000, touch: () => ({ bid: quotes.quote(CE_26000.id)!.bid!, ask: quotes.quote(CE_26000.id)!.ask! }), settle: async () => clock.advanceBy(0), close: async () => broker.close() };
});

registerBrokerContract('paper (200-400 ms latency on a SimClock)', async () => {
  const { broker, quotes, clock } = setup({ latencyMs: { min: 200, max: 400 } });
  let stop = false;
  // Drives the simulated clock while the suite awaits: each broker call waits its latency on it.
  const pump = (async () => {
    while (!stop) {
      await new Promise((r) => setImmediate(r));
      clock.advanceBy(50);
    }
  })();
  return {
    broker,
    instrument: CE_26000,
    touch: () => ({ bid: quotes.quote(CE_26000.id)!.bid!, ask: quotes.quote(CE_26000.id)!.ask! }),
    settle: async () => {},
    close: async () => {
      stop = true;
      await pump;
      broker.close();
    },
  };
});

describe('paper broker fill model', () => {
  it('fills a market buy at the ask and a sell at the bid, plus slippage in ticks', async () => {
    const { broker } = setup({ slippage: { kind: 'ticks', ticks: 2 } });
    expect((await placed(broker, buy())).trades.map((t) => t.price)).toEqual([120.6]);
    expect((await placed(broker, buy({ side: 'SELL' }))).trades.map((t) => t.price)).toEqual([119.9]);
  });

  it('slips by basis points onto the tick grid, against the trader', async () => {
    const { broker } = setup({ slippage: { kind: 'bps', bps: 10 } });
    // 120.5 × 1.001 = 120.6205 → up to 120.65; 120 × 0.999 = 119.88 → down to 119.85
    expect((await placed(broker, buy())).trades[0]!.price).toBe(120.65);
    expect((await placed(broker, buy({ side: 'SELL' }))).trades[0]!.price).toBe(119.85);
  });

  it('fills only the displayed size, level by level, and the rest on later quotes', async () => {
    const { broker, quotes, clock } = setup();
    quotes.set(quote(CE_26000.id, 120, 120.5, clock.now(), { depth: { bids: [{ price: 120, quantity: 75 }], asks: [{ price: 120.5, quantity: 75 }, { price: 121, quantity: 75 }] } }));
    const first = await placed(broker, buy({ quantity: 300 }));
    expect(first.trades.map((t) => [t.quantity, t.price])).toEqual([
      [75, 120.5],
      [75, 121],
    ]);
    expect(first.row).toMatchObject({ status: 'open', filledQuantity: 150 });
    quotes.set(quote(CE_26000.id, 121, 121.5, clock.now(), { askQty: 75 }));
    quotes.set(quote(CE_26000.id, 121, 122, clock.now(), { askQty: 150 }));
    const book = await broker.orderBook();
    const trades = await broker.tradeBook();
    expect(book.ok && book.value[0]).toMatchObject({ status: 'complete', filledQuantity: 300 });
    expect(trades.ok && trades.value.map((t) => [t.quantity, t.price])).toEqual([
      [75, 120.5],
      [75, 121],
      [75, 121.5],
      [75, 122],
    ]);
  });

  it('does not hand the same displayed size to two orders', async () => {
    const { broker, quotes, clock } = setup();
    quotes.set(quote(CE_26000.id, 120, 120.5, clock.now(), { askQty: 75 }));
    expect((await placed(broker, buy())).row.status).toBe('complete');
    const second = await placed(broker, buy());
    expect(second.row).toMatchObject({ status: 'open', filledQuantity: 0 });
  });

  it('rests a limit until the quote crosses it, then fills at the ask, never above the limit', async () => {
    const { broker, quotes, clock } = setup({ slippage: { kind: 'ticks', ticks: 4 } });
    const { id, row } = await placed(broker, buy({ type: 'LIMIT', limitPrice: 118 }));
    expect(row.status).toBe('open');
    quotes.set(quote(CE_26000.id, 117.5, 117.9, clock.now()));
    const trades = await broker.tradeBook();
    expect(trades.ok && trades.value.filter((t) => t.brokerOrderId === id).map((t) => t.price)).toEqual([118]);
  });

  it('triggers a stop-market sell when the last price falls to the trigger', async () => {
    const { broker, quotes, clock } = setup();
    await placed(broker, buy({ product: 'MIS' }));
    const stop = await placed(broker, buy({ side: 'SELL', type: 'SL-M', triggerPrice: 115, product: 'MIS' }));
    expect(stop.row.status).toBe('trigger-pending');
    quotes.set(quote(CE_26000.id, 116, 116.5, clock.now()));
    const before = await broker.orderStatus(stop.id, 'b1');
    expect(before.ok && before.value.status).toBe('trigger-pending');
    quotes.set(quote(CE_26000.id, 114.5, 115, clock.now()));
    const after = await broker.orderStatus(stop.id, 'b1');
    expect(after.ok && after.value).toMatchObject({ status: 'complete', avgPrice: 114.5 });
  });

  it('refuses prices outside the day band, the freeze quantity, a thin account, and what it cannot charge', async () => {
    const { broker, quotes, clock } = setup({ cash: 5000 });
    const refusal = async (req: PlaceOrderRequest) => {
      const r = await broker.place(req);
      return r.ok ? 'accepted' : `${r.error.kind}: ${r.error.message}`;
    };
    expect(await refusal(buy({ type: 'LIMIT', limitPrice: 160 }))).toMatch(/rejected: price 160 is outside the day's band/);
    quotes.set(quote(CE_26000.id, 120, 120.5, clock.now(), { lowerCircuit: 100, upperCircuit: 140 }));
    expect(await refusal(buy({ type: 'LIMIT', limitPrice: 99 }))).toMatch(/outside the day's band 100.00–140.00/);
    expect(await refusal(buy({ quantity: 1875 }))).toMatch(/exceeds the freeze quantity 1800/);
    expect(await refusal(buy({ quantity: 75 }))).toMatch(/insufficient margin: required 9037.50, available 5000.00/);
    expect(await refusal(buy({ instrumentId: 'NSE:RELIANCE' as never }))).toMatch(/NFO\/BFO options and futures only/);
    expect((await broker.orderBook()).ok && (await broker.orderBook())).toMatchObject({ value: [] });
  });

  it('with a quote-age limit, refuses to place or modify on an old quote, and fills again once the leg is quoted', async () => {
    const { broker, quotes, clock } = setup({ maxQuoteAgeMs: 30_000 });
    const resting = await placed(broker, buy({ type: 'LIMIT', limitPrice: 100 }));
    clock.advanceBy(30_001);
    const old = await broker.place(buy());
    expect(old.ok ? 'accepted' : old.error.message).toBe(`the last quote for ${CE_26000.id} is 30 s old (over 30 s): no paper fill on an old price`);
    const moved = await broker.modify({ ...buy(), brokerOrderId: resting.id });
    expect(moved.ok ? 'accepted' : moved.error.message).toMatch(/is 30 s old/);
    expect((await broker.tradeBook()).ok && (await broker.tradeBook())).toMatchObject({ value: [] });
    quotes.set(quote(CE_26000.id, 121, 121.5, clock.now()));
    expect((await placed(broker, buy())).trades.map((t) => t.price)).toEqual([121.5]);
    // Without the limit (simulation, backtests) the same old quote still fills.
    const unlimited = setup();
    unlimited.clock.advanceBy(3_600_000);
    expect((await placed(unlimited.broker, buy())).trades.map((t) => t.price)).toEqual([120.5]);
  });

  it('needs no margin to close a position, only to open one', async () => {
    const { broker } = setup({ cash: 10_000 });
    await placed(broker, buy());
    expect((await broker.place(buy())).ok).toBe(false);
    expect((await placed(broker, buy({ side: 'SELL' }))).row.status).toBe('complete');
  });

  it('charges every fill exactly what the options module says, to the paisa, brokerage once per order', async () => {
    const { broker, quotes, clock } = setup();
    const paise = (x: number) => Math.round(x * 100);
    const expected = (t: BrokerTrade, first: boolean, instrument: 'option' | 'future') =>
      fillCharges({ date: '2025-12-01', instrument, exchange: 'NFO', side: t.side, price: t.price, quantity: t.quantity, orders: first ? 1 : 0 }).total;
    const sell = await placed(broker, buy({ side: 'SELL', quantity: 150 }));
    expect(paise(sell.trades[0]!.charges!)).toBe(paise(expected(sell.trades[0]!, true, 'option')));
    const fut = await placed(broker, buy({ instrumentId: NIFTY_FUT.id }));
    expect(paise(fut.trades[0]!.charges!)).toBe(paise(expected(fut.trades[0]!, true, 'future')));

    quotes.set(quote(PE_26000.id, 110, 110.5, clock.now(), { askQty: 75 }));
    const split = await placed(broker, buy({ instrumentId: PE_26000.id, quantity: 150 }));
    quotes.set(quote(PE_26000.id, 110.5, 111, clock.now(), { askQty: 75 }));
    const book = await broker.tradeBook();
    const trades = book.ok ? book.value.filter((t) => t.brokerOrderId === split.id) : [];
    expect(trades.map((t) => [t.quantity, t.price])).toEqual([
      [75, 110.5],
      [75, 111],
    ]);
    expect(trades.map((t) => paise(t.charges!))).toEqual([paise(expected(trades[0]!, true, 'option')), paise(expected(trades[1]!, false, 'option'))]);
    const whole = fillCharges({ date: '2025-12-01', instrument: 'option', exchange: 'NFO', side: 'BUY', price: 110.75, quantity: 150 }).total;
    expect(paise(trades[0]!.charges! + trades[1]!.charges!)).toBe(paise(whole));
  });

  it('answers after its latency on the injected clock', async () => {
    const { broker, clock } = setup({ latencyMs: { min: 300, max: 300 } });
    let done = false;
    const p = broker.place(buy()).then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    clock.advanceBy(299);
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    clock.advanceBy(1);
    await p;
    expect(done).toBe(true);
  });

  it('is deterministic given its seed (random slippage and latency)', async () => {
    const run = async (seed: number) => {
      const { broker } = setup({ seed, randomSlippageTicks: 3 });
      const prices: number[] = [];
      for (let i = 0; i < 20; i++) prices.push(...(await placed(broker, buy({ side: i % 2 ? 'SELL' : 'BUY' }))).trades.map((t) => t.price));
      return prices;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(2);
  });

  it('shows flat positions with quantity 0, as OpenAlgo does', async () => {
    const { broker } = setup();
    await placed(broker, buy());
    await placed(broker, buy({ side: 'SELL' }));
    const pos = await broker.positionBook();
    expect(pos.ok && pos.value).toEqual([{ instrumentId: CE_26000.id, product: 'NRML', quantity: 0, avgPrice: 0 }]);
  });
});
