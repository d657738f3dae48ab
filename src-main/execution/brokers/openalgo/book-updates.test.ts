import { describe, expect, it } from 'vitest';
import { brokerOrderId, instrumentId, tradeId } from '#model/ids';
import type { BrokerOrderRow, BrokerTrade, BrokerUpdate } from '#execution/broker';
import { BookUpdates } from './book-updates.ts';

const ID = instrumentId('NFO', 'NIFTY30DEC2526000CE');
const row = (filledQuantity: number, status: BrokerOrderRow['status'] = 'open'): BrokerOrderRow => ({
  brokerOrderId: brokerOrderId('1'), instrumentId: ID, side: 'BUY', quantity: 130, type: 'MARKET', product: 'NRML', price: 0, triggerPrice: 0, status, filledQuantity, avgPrice: 0,
});
const trade = (n: number): BrokerTrade => ({ tradeId: tradeId(`1/f:65@100#${n}`), brokerOrderId: brokerOrderId('1'), instrumentId: ID, side: 'BUY', product: 'NRML', quantity: 65, price: 100 });
const kinds = (us: BrokerUpdate[]): string[] => us.map((u) => (u.kind === 'trade' ? `trade ${u.trade.tradeId}` : `row ${u.row.status} ${u.row.filledQuantity}`));

describe('BookUpdates: pushed updates from book reads', () => {
  it('pushes each trade once and a row only when it changed', () => {
    const feed = new BookUpdates();
    const got: BrokerUpdate[] = [];
    feed.subscribe((u) => got.push(u));
    feed.rows([row(0)]);
    feed.rows([row(0)]);
    feed.trades([trade(1)]);
    feed.trades([trade(1)]);
    feed.rows([row(65)]);
    expect(kinds(got)).toEqual(['row open 0', 'trade 1/f:65@100#1', 'row open 65']);
  });

  it('holds a row that counts fills not yet pushed until the trade book read brings them', () => {
    const feed = new BookUpdates();
    const got: BrokerUpdate[] = [];
    feed.subscribe((u) => got.push(u));
    feed.rows([row(130, 'complete')]);
    expect(got).toEqual([]);
    feed.trades([trade(1)]);
    expect(kinds(got)).toEqual(['trade 1/f:65@100#1']);
    feed.trades([trade(1), trade(2)]);
    expect(kinds(got)).toEqual(['trade 1/f:65@100#1', 'trade 1/f:65@100#2', 'row complete 130']);
  });

  it('stops pushing to a handler that unsubscribed', () => {
    const feed = new BookUpdates();
    const got: BrokerUpdate[] = [];
    const off = feed.subscribe((u) => got.push(u));
    off();
    feed.trades([trade(1)]);
    expect(got).toEqual([]);
  });
});
