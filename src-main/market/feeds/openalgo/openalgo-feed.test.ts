import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { instrumentId } from '#model/ids';
import type { AggregatedLine } from '#openalgo/aggregated-reporter';
import { startScriptedWsServer, type ScriptedWsServer } from '#openalgo/ws-test-server';
import type { Feed } from '#market/feed';
import { createOpenAlgoFeed, tickFromWs } from './openalgo-feed.ts';

let server: ScriptedWsServer | undefined;
let feed: Feed | undefined;
afterEach(async () => {
  await feed?.stop();
  await server?.close();
  feed = undefined;
  server = undefined;
});

function waitFor(pred: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = setInterval(() => {
      if (pred()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - t0 > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}`));
      }
    }, 5);
  });
}

describe('OpenAlgo feed (Feed port)', () => {
  it('maps a WebSocket tick to a domain tick, preferring the exchange trade time', () => {
    expect(tickFromWs({ symbol: 'SBIN', exchange: 'NSE', mode: 3, ltp: 800, ltt: 5, timestamp: 9, bid: 799.9, ask: 800.1, bidQty: 10, askQty: 20, volume: 7 }, 100)).toEqual({
      instrumentId: 'NSE:SBIN', tsEvent: 5, ltp: 800, volume: 7, bid: 799.9, ask: 800.1, bidQty: 10, askQty: 20,
    });
    expect(tickFromWs({ symbol: 'NIFTY', exchange: 'NSE_INDEX', mode: 1, ltp: 1 }, 100).tsEvent).toBe(100);
  });

  it('1,000 malformed frames make O(1) log lines: the first at once, then one line a minute with the count', async () => {
    server = await startScriptedWsServer();
    const clock = new SimClock(1_800_000_000_000);
    const lines: AggregatedLine[] = [];
    let frames = 0;
    feed = createOpenAlgoFeed({
      clock,
      url: server.url,
      apiKey: 'the-key-0123456789',
      isMarketOpen: () => false,
      onProtocolError: () => frames++,
      reportFrameProblems: (l) => lines.push(l),
    });
    feed.subscribe([instrumentId('NSE_INDEX', 'NIFTY')], 'ltp');
    await feed.start();
    for (let i = 0; i < 1000; i++) server.broadcast(i % 2 ? '{"type":"market_data","mode":1}' : 'not json {');
    await waitFor(() => frames === 1000, 'all frames');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ first: true, count: 1 });
    clock.advanceBy(60_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ first: false, count: 999 });
    clock.advanceBy(10 * 60_000);
    expect(lines).toHaveLength(2);
    expect(feed.status().state).toBe('connected');
  });

  it('reconnect() passes through to the client: an expired feed comes back after the broker login', async () => {
    server = await startScriptedWsServer({ kind: 'broker-error' });
    feed = createOpenAlgoFeed({ clock: new SimClock(0), url: server.url, apiKey: 'the-key-0123456789' });
    await feed.start();
    expect(feed.status().state).toBe('expired');
    server.auth = { kind: 'accept' };
    feed.reconnect?.();
    await waitFor(() => feed!.status().state === 'connected', 'connected');
  });
});
