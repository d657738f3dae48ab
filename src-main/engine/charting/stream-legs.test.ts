import { describe, expect, it } from 'vitest';
import type { OptionChain, OptionQuote } from '#options/chain';
import { recentre, relist, streamChain, type StreamLeg } from './stream-legs.ts';

const quote = (symbol: string, ltp: number): OptionQuote => ({ symbol, ltp, bid: ltp - 0.5, ask: ltp + 0.5, bidQty: 50, askQty: 50, volume: 0, oi: 100 });
const chain = (strikes: number[], ts: number, spot = 26_000): OptionChain => ({
  underlying: 'NIFTY',
  exchange: 'NFO',
  expiry: '2026-12-29',
  expiryTs: 0,
  ts,
  spot,
  atmStrike: spot,
  tickSize: 0.05,
  rows: strikes.map((k) => ({ strike: k, ce: quote(`N${k}CE`, 100), pe: quote(`N${k}PE`, 90) })),
});

describe('the stream’s legs of a polled chain', () => {
  it('takes the legs of each poll, lets go of those it stops listing, and hands back the legs streamed since it was stamped', () => {
    const legs = new Map<string, StreamLeg>();
    const c = streamChain(chain([25_950, 26_000, 26_050], 1000));
    expect(relist(c, chain([25_950, 26_000, 26_050], 1000), legs, 1500)).toEqual([]);
    expect([...legs.keys()]).toEqual(['NFO:N25950CE', 'NFO:N25950PE', 'NFO:N26000CE', 'NFO:N26000PE', 'NFO:N26050CE', 'NFO:N26050PE']);
    const streamedLate = legs.get('NFO:N26000CE')!;
    Object.assign(streamedLate, { overlay: { ltp: 104 }, streamedAt: 2500 });
    Object.assign(legs.get('NFO:N26000PE')!, { overlay: { ltp: 88 }, streamedAt: 1800 });
    const newer = relist(c, chain([26_000, 26_050, 26_100], 2000), legs, 3000);
    expect(newer).toEqual([streamedLate]);
    expect(streamedLate.base.ltp).toBe(100);
    expect(legs.has('NFO:N25950CE')).toBe(false);
    expect(legs.get('NFO:N26100PE')!.chain).toBe(c);
    expect([c.strikes, c.polledAt]).toEqual([[26_000, 26_050, 26_100], 3000]);
  });

  it('moves the window only once the money is the given number of strikes from its centre', () => {
    const c = streamChain(chain([], 0));
    relist(c, chain([25_900, 25_950, 26_000, 26_050, 26_100, 26_150], 0), new Map(), 0);
    expect(recentre(c, 26_010, 2)).toBe(true);
    expect(c.centre).toBe(26_000);
    expect(recentre(c, 26_060, 2)).toBe(false);
    expect(recentre(c, 26_090, 2)).toBe(true);
    expect(c.centre).toBe(26_100);
    expect(recentre(c, 0, 2)).toBe(false);
    // A poll no longer listing the centre leaves it unset: the next spot sets it at once.
    relist(c, chain([25_800, 25_850], 0), new Map(), 0);
    expect(c.centre).toBeUndefined();
    expect(recentre(c, 25_840, 2)).toBe(true);
    expect(c.centre).toBe(25_850);
  });
});
