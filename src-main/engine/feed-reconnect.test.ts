import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { DEFAULT_CONFIG } from '#config/defaults';
import type { Feed } from '#market/feed';
import { createOpenAlgoFeed } from '#market/feeds/openalgo/openalgo-feed';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { indexInstrument, UNDERLYINGS } from '#market/feeds/simulator/instruments';
import { startScriptedWsServer, type ScriptedWsServer } from '#openalgo/ws-test-server';
import { openStore, type Store } from '#store/database';
import type { FeedStatus } from '#market/feed';
import type { ConnectionService } from './connection-service.ts';
import { paperTrading } from './trading-wiring.ts';
import { createEngine, type Engine } from './engine.ts';

/**
 * After *expired* there is a way back without a restart: the engine's reconnect (what the
 * `connection:reconnect` bridge command calls; the router test covers that mapping) reaches the OpenAlgo
 * feed, against a WebSocket server on loopback, and the feed-status events the session stream is fed from
 * show the way back.
 */
let server: ScriptedWsServer | undefined;
let engine: Engine | undefined;
let store: Store | undefined;
afterEach(async () => {
  await engine?.stop();
  await store?.close();
  await server?.close();
  engine = undefined;
  store = undefined;
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

function engineWith(feed: Feed): Engine {
  const opened = openStore(':memory:', 0);
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  // The connection profile is not exercised here: reconnecting needs only the feed.
  const connection = {} as ConnectionService;
  const clock = new WallClock();
  const trading = paperTrading(DEFAULT_CONFIG, clock, 't1', false);
  return createEngine({ clock, feed, instruments: UNDERLYINGS.map(indexInstrument), store, config: DEFAULT_CONFIG, logger: silentLogger(), version: 't', connection, trading });
}

describe('engine.reconnectFeed', () => {
  it('brings an expired OpenAlgo feed back once the trader logged in to the broker', async () => {
    server = await startScriptedWsServer({ kind: 'broker-error' });
    engine = engineWith(createOpenAlgoFeed({ clock: new WallClock(), url: server.url, apiKey: 'the-key-0123456789' }));
    const seen: FeedStatus[] = [];
    engine.events.subscribe('feed-status', (s) => seen.push(s));
    await engine.start();
    expect(engine.status().feed).toMatchObject({ state: 'expired', message: expect.stringMatching(/log in to your broker in OpenAlgo/) });

    server.auth = { kind: 'accept' };
    const r = engine.reconnectFeed();
    expect(r.ok && r.value.state).toBe('connecting');
    await waitFor(() => engine!.status().feed.state === 'connected', 'connected');
    expect(seen.map((s) => s.state)).toEqual(['connecting', 'expired', 'connecting', 'connected']);
    expect(server.connections).toBe(2);
    await waitFor(() => server!.received.some((m) => m.action === 'subscribe'), 'the resubscription');
    expect(server.received.find((m) => m.action === 'subscribe')?.symbols).toHaveLength(UNDERLYINGS.length);
  });

  it('is refused for the simulated feed, which never expires', () => {
    engine = engineWith(createSimulatorFeed({ clock: new WallClock(), seed: 1, warmupSessions: 0 }));
    const r = engine.reconnectFeed();
    expect(!r.ok && r.error.kind).toBe('not-available');
  });
});
