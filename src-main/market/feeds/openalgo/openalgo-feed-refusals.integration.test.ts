import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { instrumentId } from '#model/ids';
import type { Feed, FeedStatus } from '#market/feed';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import type { WsRefusal } from '#openalgo/ws-client';
import { createOpenAlgoFeed, refusedSentence } from './openalgo-feed.ts';

let sim: OpenAlgoSim | undefined;
let feed: Feed | undefined;
afterEach(async () => {
  await feed?.stop();
  await sim?.close();
  feed = undefined;
  sim = undefined;
});

const until = async (what: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('instruments OpenAlgo refuses to stream, on the feed', () => {
  it('are logged once per cause, shown in the feed status while connected, and asked again on reconnect only', async () => {
    sim = await startTestSim();
    const s = sim;
    const logged: WsRefusal[] = [];
    const statuses: FeedStatus[] = [];
    const ticks = new Set<string>();
    const f = createOpenAlgoFeed({ clock: new WallClock(), url: s.wsUrl, apiKey: TEST_API_KEY, reconnectInitialMs: 50, reportRefusal: (r) => logged.push(r) });
    feed = f;
    f.onStatus((st) => statuses.push(st));
    f.onTick((t) => ticks.add(t.instrumentId));
    s.apply({ kind: 'ws-refuse', symbols: ['NSE:SBIN'], code: 'SUBSCRIPTION_ERROR', message: 'no token' });
    f.subscribe([instrumentId('NSE', 'SBIN'), instrumentId('NSE', 'RELIANCE'), instrumentId('NSE_INDEX', 'NIFTY')], 'quote');
    await f.start();

    await until(() => logged.length === 1);
    expect(logged[0]).toMatchObject({ symbol: 'SBIN', exchange: 'NSE', code: 'SUBSCRIPTION_ERROR', message: 'no token' });
    expect(f.status()).toMatchObject({ state: 'connected', message: 'streaming from simulator; OpenAlgo refused to stream 1 instrument: NSE:SBIN (SUBSCRIPTION_ERROR); asked again on the next reconnect' });
    expect(statuses.at(-1)!.message).toContain('NSE:SBIN (SUBSCRIPTION_ERROR)');
    await until(() => ticks.has(instrumentId('NSE', 'RELIANCE')) && ticks.has(instrumentId('NSE_INDEX', 'NIFTY')));
    expect(ticks.has(instrumentId('NSE', 'SBIN'))).toBe(false);

    // Refused again after a reconnect, for the same cause: not logged again.
    const reconnected = statuses.length;
    s.apply({ kind: 'drop-sockets' });
    await until(() => statuses.slice(reconnected).some((st) => st.state === 'connected') && f.status().message?.includes('refused') === true);
    expect(logged).toHaveLength(1);

    // Lifted: the next reconnect streams it, and the status says nothing of refusals any more.
    s.apply({ kind: 'ws-refuse', symbols: [] });
    s.apply({ kind: 'drop-sockets' });
    await until(() => ticks.has(instrumentId('NSE', 'SBIN')));
    expect(f.status()).toMatchObject({ state: 'connected', message: 'streaming from simulator' });
  });

  it('names three instruments and counts the rest', () => {
    const r = (symbol: string): WsRefusal => ({ action: 'subscribe', symbol, exchange: 'NFO', mode: 3, code: 'MAX_CAPACITY_REACHED', message: '', wholeRequest: false });
    expect(refusedSentence(['A', 'B', 'C', 'D', 'E'].map(r))).toBe(
      'OpenAlgo refused to stream 5 instruments: NFO:A (MAX_CAPACITY_REACHED), NFO:B (MAX_CAPACITY_REACHED), NFO:C (MAX_CAPACITY_REACHED) and 2 more; asked again on the next reconnect',
    );
  });
});
