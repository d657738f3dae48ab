import { describe, expect, it } from 'vitest';
import { tickFromWs } from './openalgo-feed.ts';

describe('OpenAlgo feed (Feed port)', () => {
  it('maps a WebSocket tick to a domain tick, preferring the exchange trade time', () => {
    expect(tickFromWs({ symbol: 'SBIN', exchange: 'NSE', mode: 3, ltp: 800, ltt: 5, timestamp: 9, bid: 799.9, ask: 800.1, bidQty: 10, askQty: 20, volume: 7 }, 100)).toEqual({
      instrumentId: 'NSE:SBIN', tsEvent: 5, ltp: 800, volume: 7, bid: 799.9, ask: 800.1, bidQty: 10, askQty: 20,
    });
    expect(tickFromWs({ symbol: 'NIFTY', exchange: 'NSE_INDEX', mode: 1, ltp: 1 }, 100).tsEvent).toBe(100);
  });
});
