import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { istToEpoch } from '#core/time-ist';
import { brokerOrderId, instrumentId } from '#model/ids';
import { ENDPOINTS } from '#openalgo/endpoints';
import { parseResponse } from '#openalgo/parse-response';
import { mapOrderRows, mapPositions, mapTrades, rowsNeedTrades, statusOf, type WireOrderRow, type WireTrade } from './book-mapping.ts';

/** OpenAlgo's own samples (src-main/openalgo/fixtures/NOTICE.md), read through the project's client parser. */
const fixture = (name: string): string => readFileSync(new URL(`../../../openalgo/fixtures/${name}`, import.meta.url), 'utf8');
function parsed<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const NOW = istToEpoch(2025, 4, 8, 15, 0, 0);
const none = (): undefined => undefined;

/** A live row as a broker mapper builds it (the eleven keys of fixture F2), parsed as the client does. */
function liveRow(over: Record<string, unknown>): WireOrderRow {
  const row = { action: 'BUY', symbol: 'NIFTY30DEC2526000CE', exchange: 'NFO', orderid: '1', product: 'NRML', quantity: '130', price: 0, pricetype: 'MARKET', order_status: 'open', trigger_price: 0, timestamp: '08-Apr-2025 14:59:00', ...over };
  return parsed(parseResponse(ENDPOINTS.orderBook, 200, JSON.stringify({ status: 'success', data: { orders: [row] } }))).data.orders[0]!;
}
function liveTrades(rows: Record<string, unknown>[]): WireTrade[] {
  const data = rows.map((r) => ({ action: 'BUY', symbol: 'NIFTY30DEC2526000CE', exchange: 'NFO', orderid: '1', product: 'NRML', timestamp: '14:59:01', ...r }));
  return parsed(parseResponse(ENDPOINTS.tradeBook, 200, JSON.stringify({ status: 'success', data }))).data;
}

describe('OpenAlgo books → Broker port rows', () => {
  it('F2 order book: statuses, MARKET price 0, IST timestamps, a complete row filled in full', () => {
    const orders = parsed(parseResponse(ENDPOINTS.orderBook, 200, fixture('F2-orderbook.json'))).data.orders;
    expect(rowsNeedTrades(orders)).toBe(true);
    const { items, skipped } = mapOrderRows(orders, [], none, NOW);
    expect(skipped).toEqual([]);
    expect(items).toEqual([
      {
        brokerOrderId: '250408000989443', instrumentId: 'NSE:RELIANCE', side: 'BUY', quantity: 1, type: 'MARKET', product: 'MIS', price: 0, triggerPrice: 0,
        status: 'complete', filledQuantity: 1, avgPrice: 0, placedAt: istToEpoch(2025, 4, 8, 13, 58, 3),
      },
      {
        brokerOrderId: '250408001002736', instrumentId: 'NSE:YESBANK', side: 'BUY', quantity: 1, type: 'LIMIT', product: 'MIS', price: 16.5, triggerPrice: 0,
        status: 'cancelled', filledQuantity: 0, avgPrice: 0, placedAt: istToEpoch(2025, 4, 8, 14, 13, 45),
      },
    ]);
  });

  it('fills the strategy tag of orders this run placed, since live rows carry none', () => {
    const orders = parsed(parseResponse(ENDPOINTS.orderBook, 200, fixture('F2-orderbook.json'))).data.orders;
    const tags = new Map([[brokerOrderId('250408000989443'), 'bot-1']]);
    expect(mapOrderRows(orders, [], (id) => tags.get(id), NOW).items.map((r) => r.strategy)).toEqual(['bot-1', undefined]);
  });

  it('the tradebook sample (quantity 0.0) gives no fill, and says so', () => {
    const rows = parsed(parseResponse(ENDPOINTS.tradeBook, 200, fixture('tradebook.json'))).data;
    const { items, skipped } = mapTrades(rows, NOW);
    expect(items).toEqual([]);
    expect(skipped).toEqual(['trade of order 250408000989443: quantity 0']);
  });

  it('a live row cancelled after a partial fill counts its fills from the trade book, at their average price', () => {
    const trades = mapTrades(liveTrades([{ quantity: 65, average_price: 100 }, { quantity: 65, average_price: 101 }]), NOW).items;
    expect(trades.map((t) => [t.tradeId, t.ts])).toEqual([
      ['1/f:65@100#1', istToEpoch(2025, 4, 8, 14, 59, 1)],
      ['1/f:65@101#1', istToEpoch(2025, 4, 8, 14, 59, 1)],
    ]);
    const row = liveRow({ quantity: '260', order_status: 'cancelled' });
    expect(mapOrderRows([row], trades, none, NOW).items[0]).toMatchObject({ status: 'cancelled', quantity: 260, filledQuantity: 130, avgPrice: 100.5 });
    const open = liveRow({ quantity: '260', order_status: 'open', pricetype: 'LIMIT', price: 99 });
    expect(mapOrderRows([open], trades, none, NOW).items[0]).toMatchObject({ status: 'open', price: 99, filledQuantity: 130 });
  });

  it('a sandbox row brings its own fill progress, price_type spelling and strategy', () => {
    const row = liveRow({ price_type: 'SL', pricetype: undefined, price: 50, trigger_price: 49, quantity: 130, filled_quantity: 65, average_price: 50.25, strategy: 'bot-9', order_status: 'trigger pending', rejection_reason: '' });
    expect(rowsNeedTrades([row])).toBe(false);
    expect(mapOrderRows([row], [], none, NOW).items[0]).toMatchObject({ type: 'SL', price: 50, triggerPrice: 49, status: 'trigger-pending', filledQuantity: 65, avgPrice: 50.25, strategy: 'bot-9' });
  });

  it('leaves out rows the port cannot express, naming each', () => {
    const rows = [liveRow({ orderid: '7', product: 'CO' }), liveRow({ orderid: '8', action: 'B' }), liveRow({ orderid: '9', pricetype: 'SL-LIMIT' }), liveRow({ orderid: '10' })];
    const { items, skipped } = mapOrderRows(rows, [], none, NOW);
    expect(items.map((r) => r.brokerOrderId)).toEqual(['10']);
    expect(skipped).toEqual(['order "7": product "CO"', 'order "8": side "B"', 'order "9": price type "SL-LIMIT"']);
  });

  it('reads extra broker statuses safely: expired is finished, anything unknown is still working', () => {
    expect(['open', 'trigger pending', 'complete', 'cancelled', 'rejected', 'canceled', 'expired', 'pending', 'after market order req received'].map(statusOf)).toEqual([
      'open', 'trigger-pending', 'complete', 'cancelled', 'rejected', 'cancelled', 'cancelled', 'open', 'open',
    ]);
  });

  it('F3 position book: string numbers, signed quantities, closed rows kept', () => {
    const rows = parsed(parseResponse(ENDPOINTS.positionBook, 200, fixture('F3-positionbook.json'))).data;
    expect(mapPositions(rows).items).toEqual([
      { instrumentId: instrumentId('NSE', 'NHPC'), product: 'MIS', quantity: -1, avgPrice: 83.74 },
      { instrumentId: instrumentId('NSE', 'RELIANCE'), product: 'MIS', quantity: 0, avgPrice: 0 },
      { instrumentId: instrumentId('NSE', 'YESBANK'), product: 'MIS', quantity: -104, avgPrice: 17.2 },
    ]);
  });
});
