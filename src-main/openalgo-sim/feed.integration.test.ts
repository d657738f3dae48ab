import { afterEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import type { Tick } from '#model/bar';
import { instrumentId } from '#model/ids';
import type { Feed, FeedStatus } from '#market/feed';
import { createOpenAlgoFeed } from '#market/feeds/openalgo/openalgo-feed';
import { startOpenAlgoSim, type OpenAlgoSim } from './server.ts';
import { createSteadyFeed } from './steady-feed.ts';

/** The market's OpenAlgo Feed adapter end to end against the simulator. */
const clock = new WallClock();
let sim: OpenAlgoSim | undefined;
let feed: Feed | undefined;
afterEach(async () => {
  await feed?.stop();
  await sim?.close();
});

describe('OpenAlgo feed (Feed port) against the simulator', () => {
  it('streams ticks for subscribed instruments from the simulator and reports status', async () => {
    const source = createSteadyFeed({ clock, seed: 3, intervalMs: 20, prices: { 'NSE:SBIN': 800 } });
    sim = await startOpenAlgoSim({ feed: source, clock, apiKey: 'k', instruments: [{ symbol: 'SBIN', exchange: 'NSE', price: 800 }] });
    feed = createOpenAlgoFeed({ url: sim.wsUrl, apiKey: 'k', clock });
    const statuses: FeedStatus[] = [];
    feed.onStatus((s) => statuses.push(s));
    const ticks: Tick[] = [];
    feed.onTick((t) => ticks.push(t));
    await feed.start();
    expect(feed.status().state).toBe('connected');
    feed.subscribe([instrumentId('NSE', 'SBIN')], 'depth');
    await new Promise((r) => setTimeout(r, 300));
    expect(ticks.length).toBeGreaterThan(3);
    expect(ticks[0]).toMatchObject({ instrumentId: 'NSE:SBIN' });
    expect(ticks[0]!.bid).toBeLessThan(ticks[0]!.ask!);
    await feed.stop();
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'connected', 'stopped']);
  });
});
