import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import type { Tick } from '#model/bar';
import { handFeed } from '#market/feeds/hand-feed';
import { SimMarket } from './market.ts';

describe("the simulator's option chains", () => {
  it('are priced once the feed has replayed the session so far, then follow every tick of the index', () => {
    const now = Date.parse('2026-11-25T10:30:00+05:30');
    const clock = new SimClock(now);
    const { feed, push } = handFeed();
    const market = new SimMarket({
      clock,
      feed,
      instruments: [{ symbol: 'NIFTY', exchange: 'NSE_INDEX', price: 26_000 }],
      optionChains: [{ underlying: 'NIFTY', underlyingExchange: 'NSE_INDEX', exchange: 'NFO', expiries: ['01DEC26'], strikeStep: 50, strikesEachSide: 2, lotSize: 65 }],
    });
    market.start();
    const call = market.allInfos().find((i) => i.instrumenttype === 'CE' && i.strike === 26_000)!;
    const premium = () => market.quote('NFO', call.symbol)!.ltp;
    const before = premium();

    // The feed's start replays the session so far: the index moves, its options wait.
    push({ instrumentId: 'NSE_INDEX:NIFTY', ltp: 26_300, tsEvent: now - 60_000 } as Tick);
    expect(market.quote('NSE_INDEX', 'NIFTY')!.ltp).toBe(26_300);
    expect(premium()).toBe(before);

    market.live();
    const atLive = premium();
    expect(atLive).toBeGreaterThan(before + 100);
    push({ instrumentId: 'NSE_INDEX:NIFTY', ltp: 26_400, tsEvent: now } as Tick);
    expect(premium()).toBeGreaterThan(atLive + 30);
  });
});
