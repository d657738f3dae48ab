import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { createLogger } from '#core/log';
import { QuoteBook } from '#execution/quotes';
import { instrumentId } from '#model/ids';
import type { Feed } from '#market/feed';
import { createOpenAlgoFeed } from '#market/feeds/openalgo/openalgo-feed';
import { indexInstrument } from '#market/feeds/simulator/instruments';
import { createOpenAlgoClient } from '#openalgo/client';
import { expiryCodeFromEpoch } from '#openalgo/symbol-codec';
import { createOpenAlgoWsClient } from '#openalgo/ws-client';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { createSteadyFeed } from '#openalgo-sim/steady-feed';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { tableSpecs } from '#options/contract-specs';
import { nextExpiry } from '#options/expiry';
import type { ChainPollSettings } from './chain-poller.ts';
import type { ChainStreamSettings } from './chain-stream.ts';
import { openAlgoChainSource } from './openalgo-chains.ts';
import { OptionChains } from './option-chains.ts';
import { createPolledChains } from './polled-chains.ts';

const until = async (what: () => boolean, ms = 15_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const t0 = Date.now();
const near = nextExpiry('NIFTY', t0);
const monthly = nextExpiry('NIFTY', t0, 'monthly');
const expiries = [...new Set([near.date, monthly.date])];
const SPOT = 26_000;

let sim: OpenAlgoSim;
let index: Feed | undefined;
let stopAll: (() => Promise<void>) | undefined;

beforeEach(async () => {
  // A market that moves only when a test moves it: every move reprices the chains and streams their legs.
  const clock = new WallClock();
  const feed = createSteadyFeed({ clock, seed: 3, intervalMs: 3_600_000, prices: { 'NSE_INDEX:NIFTY': SPOT } });
  sim = await startTestSim({
    feed,
    instruments: [{ symbol: 'NIFTY', exchange: 'NSE_INDEX', price: SPOT }],
    optionChains: [{ underlying: 'NIFTY', underlyingExchange: 'NSE_INDEX', exchange: 'NFO', expiries: [...new Set([near.instant, monthly.instant].map(expiryCodeFromEpoch))], strikeStep: 50, strikesEachSide: 15, lotSize: 65 }],
  });
});
afterEach(async () => {
  await stopAll?.();
  stopAll = undefined;
  await index?.stop();
  index = undefined;
  await sim.close();
});

const moveTo = (ltp: number): void => sim.apply({ kind: 'price', exchange: 'NSE_INDEX', symbol: 'NIFTY', ltp });

/** The polled and streamed chains on the simulator, with the index fed to them as the engine's feed would. */
async function setUp(settings: Partial<ChainPollSettings>, timeoutMs = 2000, streamSettings: Partial<ChainStreamSettings> = {}, streams = true) {
  const clock = new WallClock();
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
  const chains = new OptionChains(0.065);
  const quotes = new QuoteBook();
  const polled = createPolledChains({
    clock,
    logger,
    source: openAlgoChainSource(createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock, timeoutMs, readRetries: 0 })),
    settings: { gapMs: 20, streamingCadenceMs: 60_000, ...settings },
    stream: {
      connect: (report) => createOpenAlgoWsClient({ url: sim.wsUrl, apiKey: TEST_API_KEY, clock, authTimeoutMs: 800, sessionProbe: async () => true, sessionProbeMs: 300, ...report }),
      settings: { strikesEachSide: 3, maxLegs: 100, ...streamSettings },
    },
    instruments: [indexInstrument({ name: 'NIFTY', indexExchange: 'NSE_INDEX' })],
    specs: tableSpecs,
    chains,
    quotes,
    marketOpen: () => true,
  });
  const feed = createOpenAlgoFeed({ clock, url: sim.wsUrl, apiKey: TEST_API_KEY });
  feed.onTick((t) => polled.onTick(t));
  feed.subscribe([instrumentId('NSE_INDEX', 'NIFTY')], 'quote');
  await feed.start();
  index = feed;
  polled.start();
  stopAll = () => polled.stop();
  const stream = polled.stream!;
  if (!streams) return { polled, stream, chains, quotes, lines };
  await until(() => stream.status().state === 'connected' && stream.status().subscribed === 14 * expiries.length && legsAtServer().length === 14 * expiries.length);
  // A quote of every leg, unmoved: the chains stream from here on.
  moveTo(SPOT);
  await until(() => expiries.every((e) => stream.streaming({ underlying: 'NIFTY', expiry: e })));
  return { polled, stream, chains, quotes, lines };
}

const legsAtServer = (): string[] => sim.ws.subscriptions().filter((k) => k.startsWith('NFO:'));
const strikesOf = (keys: readonly string[]): number[] => [...new Set(keys.map((k) => Number(/\d\d[A-Z]{3}\d\d(\d+)(?:CE|PE)$/.exec(k)![1])))].sort((a, b) => a - b);
const ladder = (centre: number, each: number): number[] => Array.from({ length: 2 * each + 1 }, (_, i) => centre + (i - each) * 50);

function atmCall(chains: OptionChains) {
  const chain = chains.cache.read('NIFTY', near.date, Date.now())!;
  const row = chain.rows.find((r) => r.strike === SPOT)!;
  return row.ce!;
}

describe('option chains streamed between polls, against the OpenAlgo simulator', () => {
  it('streams the legs near the money: a move reaches the chain and the quote book between polls', async () => {
    const { chains, quotes } = await setUp({ cadenceMs: 300 });
    expect(strikesOf(legsAtServer())).toEqual(ladder(SPOT, 3));
    // Each chain's second poll found it streaming and set its next read a minute out.
    await sleep(800);
    const polls = sim.requestCount('optionchain');
    const before = atmCall(chains);
    moveTo(SPOT + 40);
    const symbol = before.symbol!;
    const want = sim.market.quote('NFO', symbol)!;
    expect(want.ltp).toBeGreaterThan(before.ltp);
    await until(() => atmCall(chains).ltp === want.ltp);
    const after = atmCall(chains);
    expect([after.bid, after.ask]).toEqual([Math.round(want.bid * 100) / 100, Math.round(want.ask * 100) / 100]);
    expect(after.iv).toBeGreaterThan(0);
    expect(quotes.quote(instrumentId('NFO', symbol))!.bid).toBe(after.bid);
    expect(sim.requestCount('optionchain')).toBe(polls);
  });

  it('re-centres the window when the index moves and unsubscribes the legs left behind', async () => {
    const { stream, chains } = await setUp({ cadenceMs: 300 });
    // One strike away is within the hysteresis: nothing moves.
    moveTo(SPOT + 50);
    await sleep(300);
    expect(strikesOf(legsAtServer())).toEqual(ladder(SPOT, 3));
    moveTo(SPOT + 300);
    await until(() => strikesOf(legsAtServer()).join() === ladder(SPOT + 300, 3).join());
    expect(strikesOf(stream.subscribed())).toEqual(ladder(SPOT + 300, 3));
    expect(legsAtServer()).toHaveLength(14 * expiries.length);
    // Frames the server sent before it had the unsubscribe are dropped quietly; after it, none come.
    const late = stream.status().late;
    const symbol = chains.cache.read('NIFTY', near.date, Date.now())!.rows.find((r) => r.strike === SPOT + 300)!.ce!.symbol!;
    moveTo(SPOT + 310);
    await until(() => chains.cache.read('NIFTY', near.date, Date.now())!.rows.find((r) => r.strike === SPOT + 300)!.ce!.ltp === sim.market.quote('NFO', symbol)!.ltp);
    await sleep(200);
    expect([stream.status().late, stream.status().unknown]).toEqual([late, 0]);
  });

  it('falls back to polling at full cadence while the socket is down, and streams again once it is back', async () => {
    const { chains, stream, lines } = await setUp({ cadenceMs: 300 });
    await sleep(800);
    let polls = sim.requestCount('optionchain');
    await sleep(1000);
    expect(sim.requestCount('optionchain')).toBe(polls);

    sim.apply({ kind: 'ignore-auth', on: true });
    sim.apply({ kind: 'drop-sockets' });
    await until(() => stream.status().state !== 'connected');
    polls = sim.requestCount('optionchain');
    await sleep(1200);
    // Two chains each read every 300 ms: at least three answers each in 1.2 s.
    expect(sim.requestCount('optionchain') - polls).toBeGreaterThanOrEqual(2 * 3);
    expect(lines.some((l) => l.msg.includes('chain stream down: chains are polled at full cadence'))).toBe(true);

    sim.apply({ kind: 'ignore-auth', on: false });
    await until(() => stream.status().state === 'connected' && legsAtServer().length === 14 * expiries.length);
    const symbol = atmCall(chains).symbol!;
    moveTo(SPOT - 30);
    await until(() => atmCall(chains).ltp === sim.market.quote('NFO', symbol)!.ltp);
    await sleep(700);
    polls = sim.requestCount('optionchain');
    await sleep(1000);
    expect(sim.requestCount('optionchain')).toBe(polls);
  });

  it('polls at full cadence again once the streamed legs go quiet, though the socket stays up', async () => {
    const { stream } = await setUp({ cadenceMs: 300 }, 2000, { quietAfterMs: 1500 });
    await sleep(800);
    const polls = sim.requestCount('optionchain');
    await sleep(500);
    expect(sim.requestCount('optionchain')).toBe(polls);
    await until(() => expiries.every((e) => !stream.streaming({ underlying: 'NIFTY', expiry: e })));
    await sleep(1000);
    expect(stream.status().state).toBe('connected');
    expect(sim.requestCount('optionchain') - polls).toBeGreaterThanOrEqual(2 * 2);
  });

  it('keeps only the streamed legs while the polls fail, and no chain once nothing streams either', async () => {
    const { chains } = await setUp({ cadenceMs: 300, staleAfterMs: 1500 }, 300);
    sim.apply({ kind: 'rest', path: 'optionchain', fault: { kind: 'timeout' }, times: 1000 });
    let spot = SPOT;
    const mover = setInterval(() => moveTo((spot += spot > SPOT ? -5 : 5)), 100);
    try {
      await until(() => chains.cache.read('NIFTY', near.date, Date.now())?.rows.length === 7, 6000);
      const kept = chains.cache.read('NIFTY', near.date, Date.now())!;
      expect(kept.rows.map((r) => r.strike)).toEqual(ladder(SPOT, 3));
      expect(kept.rows.every((r) => r.ce !== undefined && r.pe !== undefined)).toBe(true);
      expect(chains.view('NIFTY', near.date, 10, Date.now()).message).toMatch(/the legs near the money still stream/);
    } finally {
      clearInterval(mover);
    }
    await until(() => expiries.every((e) => chains.cache.read('NIFTY', e, Date.now()) === undefined), 6000);
    expect(chains.view('NIFTY', near.date, 10, Date.now()).message).toMatch(/no streamed quote since .* the bots and this panel no longer use it/);
  });

  it('counts and drops a malformed frame and market data for a symbol no chain has, and keeps streaming', async () => {
    const { chains, stream, lines } = await setUp({ cadenceMs: 300 });
    sim.apply({ kind: 'ws-raw', text: 'not json' });
    sim.apply({ kind: 'ws-raw', text: '{"type":"market_data","symbol":"NIFTY","exchange":"NFO","mode":3,"data":{"ltp":"x"}}' });
    sim.apply({ kind: 'ws-raw', text: '{"type":"market_data","symbol":"NIFTY01JAN2799000CE","exchange":"NFO","mode":3,"data":{"ltp":12.5}}' });
    sim.apply({ kind: 'ws-raw', text: '{"type":"subscribe","status":"partial","subscriptions":7,"request_id":"s1"}' });
    await until(() => stream.status().malformed >= 3 && stream.status().unknown >= 1);
    expect([stream.status().malformed, stream.status().unknown, stream.status().refused]).toEqual([3, 1, 0]);
    const dropped = lines.filter((l) => l.msg.startsWith('OpenAlgo option chain stream: frame'));
    expect(dropped[0]).toMatchObject({ problem: 'malformed frame (frame is not JSON)' });
    const symbol = atmCall(chains).symbol!;
    moveTo(SPOT + 20);
    await until(() => atmCall(chains).ltp === sim.market.quote('NFO', symbol)!.ltp);
    expect(stream.status().state).toBe('connected');
  });

  describe('legs OpenAlgo refuses', () => {
    const atmCallSymbol = `NIFTY${expiryCodeFromEpoch(near.instant)}${SPOT}CE`;
    const nearChain = { underlying: 'NIFTY' as const, expiry: near.date };
    const others = expiries.filter((e) => e !== near.date);
    /** Polls of the near chain over `ms`, the other chains waiting out their minute-long streaming cadence. */
    const pollsOver = async (ms: number): Promise<number> => {
      const before = sim.requestCount('optionchain');
      await sleep(ms);
      return sim.requestCount('optionchain') - before;
    };

    it('a partial ack: the refused leg is reported, its chain polled at full cadence, the other legs stream; it is asked again on re-centre only', async () => {
      sim.apply({ kind: 'ws-refuse', symbols: [`NFO:${atmCallSymbol}`], code: 'SUBSCRIPTION_ERROR', message: 'token not found' });
      const { stream, chains, lines } = await setUp({ cadenceMs: 300 }, 2000, {}, false);
      await until(() => stream.status().refused === 1 && legsAtServer().length === 14 * expiries.length - 1);
      expect(lines.filter((l) => l.msg.includes('leg refused'))).toEqual([expect.objectContaining({ refusal: `NFO:${atmCallSymbol} SUBSCRIPTION_ERROR: token not found` })]);
      moveTo(SPOT);
      await until(() => others.every((e) => stream.streaming({ underlying: 'NIFTY', expiry: e })));
      expect(stream.streaming(nearChain)).toBe(false);
      // A leg of the near chain that OpenAlgo took still streams between polls.
      const put = chains.cache.read('NIFTY', near.date, Date.now())!.rows.find((r) => r.strike === SPOT)!.pe!.symbol!;
      moveTo(SPOT + 20);
      await until(() => chains.cache.read('NIFTY', near.date, Date.now())!.rows.find((r) => r.strike === SPOT)!.pe!.ltp === sim.market.quote('NFO', put)!.ltp);

      // Lifted at the server, the leg stays refused: the near chain's polls at full cadence do not ask again.
      sim.apply({ kind: 'ws-refuse', symbols: [] });
      expect(await pollsOver(1200)).toBeGreaterThanOrEqual(3);
      expect(legsAtServer()).not.toContain(`NFO:${atmCallSymbol}`);
      expect(stream.status().refused).toBe(1);

      // Two strikes up the window re-centres; the ATM strike is still in it, so its call is asked again and taken.
      moveTo(SPOT + 100);
      await until(() => legsAtServer().includes(`NFO:${atmCallSymbol}`) && stream.status().refused === 0);
      await until(() => stream.streaming(nearChain));
    });

    it('an error answer to the whole subscribe refuses every leg in it: the chains are polled at full cadence until a reconnect asks again', async () => {
      // Every subscribe of option legs, however the stream batches them; the index feed's is not touched.
      sim.apply({ kind: 'ws-fail-subscribe', code: 'BROKER_ERROR', message: 'Broker adapter not found', exchange: 'NFO', times: 100 });
      const { stream } = await setUp({ cadenceMs: 300 }, 2000, {}, false);
      await until(() => stream.status().refused === 14 * expiries.length);
      expect(legsAtServer()).toEqual([]);
      moveTo(SPOT);
      expect(await pollsOver(1200)).toBeGreaterThanOrEqual(3 * expiries.length);
      expect(expiries.some((e) => stream.streaming({ underlying: 'NIFTY', expiry: e }))).toBe(false);

      sim.apply({ kind: 'ws-fail-subscribe', times: 0 });
      sim.apply({ kind: 'drop-sockets' });
      await until(() => stream.status().state === 'connected' && legsAtServer().length === 14 * expiries.length && stream.status().refused === 0);
      moveTo(SPOT + 10);
      await until(() => expiries.every((e) => stream.streaming({ underlying: 'NIFTY', expiry: e })));
    });

    it('MAX_CAPACITY_REACHED lowers the cap to the legs OpenAlgo took, and the next re-centre asks for no more', async () => {
      const room = 14 * expiries.length - 6;
      sim.apply({ kind: 'ws-capacity', max: room });
      const { stream, lines } = await setUp({ cadenceMs: 300 }, 2000, {}, false);
      await until(() => stream.status().refused === 6);
      expect(stream.status().maxLegs).toBe(room);
      expect(lines.filter((l) => l.msg.startsWith('OpenAlgo has no room for more option legs'))).toEqual([expect.objectContaining({ from: 100, to: room })]);
      // Not before the re-centre: the window keeps what it asked for.
      expect(stream.subscribed()).toHaveLength(14 * expiries.length);

      moveTo(SPOT + 100);
      await until(() => stream.subscribed().length === room && stream.status().refused === 0 && legsAtServer().length === room);
      moveTo(SPOT + 110);
      await until(() => expiries.every((e) => stream.streaming({ underlying: 'NIFTY', expiry: e })));
    });
  });
});
