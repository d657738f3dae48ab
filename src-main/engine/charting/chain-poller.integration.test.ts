import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WallClock, type Clock, type TimerHandle } from '#core/clock';
import { silentLogger, type Logger } from '#core/log';
import { createOpenAlgoClient } from '#openalgo/client';
import { expiryCodeFromEpoch } from '#openalgo/symbol-codec';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { nextExpiry } from '#options/expiry';
import { QuoteBook } from '#execution/quotes';
import { createChainPoller, type ChainPollSettings } from './chain-poller.ts';
import { ChainQuotes } from './chain-quotes.ts';
import { openAlgoChainSource, type ChainSource, type ChainTarget } from './openalgo-chains.ts';
import { OptionChains } from './option-chains.ts';

/** The wall clock, counting the timers set through it that have neither fired nor been cancelled. */
class TrackingClock implements Clock {
  private readonly inner = new WallClock();
  pending = 0;
  now(): number {
    return this.inner.now();
  }
  setTimer(atMs: number, fn: () => void): TimerHandle {
    this.pending++;
    let live = true;
    const h = this.inner.setTimer(atMs, () => {
      if (live) this.pending--;
      live = false;
      fn();
    });
    return {
      cancel: () => {
        if (live) this.pending--;
        live = false;
        h.cancel();
      },
    };
  }
  setInterval(periodMs: number, fn: () => void): TimerHandle {
    this.pending++;
    const h = this.inner.setInterval(periodMs, fn);
    let live = true;
    return {
      cancel: () => {
        if (live) this.pending--;
        live = false;
        h.cancel();
      },
    };
  }
}

/** Logger calls at warn and info, with their message, for "logged once" checks. */
function recordingLogger(): { logger: Logger; lines: { level: string; obj: Record<string, unknown>; msg: string }[] } {
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const logger = silentLogger();
  for (const level of ['warn', 'info', 'error'] as const) {
    (logger as unknown as Record<string, unknown>)[level] = (obj: Record<string, unknown>, msg: string) => lines.push({ level, obj, msg });
  }
  return { logger, lines };
}

const until = async (what: () => boolean, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const now = Date.now();
const near = nextExpiry('NIFTY', now);
const monthly = nextExpiry('NIFTY', now, 'monthly');
const expiries = [...new Set([near.date, monthly.date])];
const targets: ChainTarget[] = expiries.map((expiry) => ({ underlying: 'NIFTY', exchange: 'NFO', expiry }));

let sim: OpenAlgoSim;
let clock: TrackingClock;

beforeEach(async () => {
  clock = new TrackingClock();
  sim = await startTestSim({
    optionChains: [{ underlying: 'NIFTY', underlyingExchange: 'NSE_INDEX', exchange: 'NFO', expiries: [...new Set([near.instant, monthly.instant].map(expiryCodeFromEpoch))], strikeStep: 50, strikesEachSide: 15, lotSize: 65 }],
  });
});
afterEach(async () => {
  await sim.close();
});

function setUp(settings: Partial<ChainPollSettings>, timeoutMs = 2000, open = true) {
  const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock, timeoutMs, readRetries: 0 });
  const inner = openAlgoChainSource(client);
  const starts: { at: number; expiry: string }[] = [];
  const source: ChainSource = {
    fetch(target, strikes, receivedAt) {
      starts.push({ at: Date.now(), expiry: target.expiry });
      return inner.fetch(target, strikes, receivedAt);
    },
  };
  const chains = new OptionChains(0.065);
  const quotes = new QuoteBook();
  const chainQuotes = new ChainQuotes(quotes);
  const log = recordingLogger();
  const poller = createChainPoller({
    clock,
    source,
    logger: log.logger,
    standing: () => targets,
    target: (underlying, expiry) => ({ underlying: underlying as 'NIFTY', exchange: 'NFO', expiry }),
    apply: (chain) => {
      chains.applyChain(chain);
      chainQuotes.apply(chain);
    },
    problem: (t, message) => chains.noteProblem(t.underlying, t.expiry, message),
    drop: (t) => chains.cache.drop(t.underlying, t.expiry),
    marketOpen: () => open,
    settings,
  });
  return { poller, chains, quotes, starts, log };
}

describe('the option chain poller against the OpenAlgo simulator', () => {
  it('brings every followed chain into the shared cache with strikes, bid/ask and OI, spaced, and stops with no timer left', async () => {
    const { poller, chains, quotes, starts } = setUp({ cadenceMs: 400, gapMs: 120 });
    poller.start();
    await until(() => expiries.every((e) => chains.cache.read('NIFTY', e, Date.now()) !== undefined) && starts.length >= 2 * expiries.length + 1);
    await poller.stop();
    expect(clock.pending).toBe(0);

    for (const expiry of expiries) {
      const chain = chains.cache.read('NIFTY', expiry, Date.now())!;
      expect(chain.exchange).toBe('NFO');
      expect(chain.rows.length).toBe(31);
      const atm = chain.rows.find((r) => r.strike === chain.atmStrike)!;
      expect(atm.ce!.bid).toBeGreaterThan(0);
      expect(atm.ce!.ask).toBeGreaterThan(atm.ce!.bid);
      expect(atm.pe!.oi).toBeGreaterThan(0);
      expect(atm.ce!.iv).toBeGreaterThan(0);
      // The leg is quoted where the paper broker and the price band look, as a feed tick would leave it.
      const q = quotes.quote(`NFO:${atm.ce!.symbol!}` as never)!;
      expect([q.bid, q.ask]).toEqual([atm.ce!.bid, atm.ce!.ask]);
    }
    const view = chains.view('NIFTY', undefined, 5, Date.now());
    expect(view.rows).toHaveLength(11);
    expect(view.message).toBeUndefined();
    // One request at a time: never two within the gap, and never two in flight for one chain.
    for (let i = 1; i < starts.length; i++) expect(starts[i]!.at - starts[i - 1]!.at).toBeGreaterThanOrEqual(115);
    const count = starts.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(starts.length).toBe(count);
  });

  it('outside the session reads each chain once a minute', async () => {
    const { poller, chains, starts } = setUp({ cadenceMs: 200, gapMs: 20 }, 2000, false);
    poller.start();
    await until(() => expiries.every((e) => chains.cache.read('NIFTY', e, Date.now()) !== undefined));
    await new Promise((r) => setTimeout(r, 800));
    await poller.stop();
    expect(starts).toHaveLength(expiries.length);
    expect(clock.pending).toBe(0);
  });

  it('outside the session keeps each chain between its minute-apart reads, though that is longer than the staleness limit', async () => {
    const { poller, chains, starts } = setUp({ cadenceMs: 200, gapMs: 20, staleAfterMs: 300 }, 2000, false);
    poller.start();
    await until(() => expiries.every((e) => chains.cache.read('NIFTY', e, Date.now()) !== undefined));
    await new Promise((r) => setTimeout(r, 900));
    expect(expiries.every((e) => chains.cache.read('NIFTY', e, Date.now()) !== undefined)).toBe(true);
    expect(chains.view('NIFTY', expiries[0], 5, Date.now()).message).toBeUndefined();
    await poller.stop();
    expect(starts).toHaveLength(expiries.length);
  });

  it('retries a failing chain with a doubling wait, logs the failure once, shows it, and clears it when OpenAlgo answers again', async () => {
    const { poller, chains, starts, log } = setUp({ cadenceMs: 200, gapMs: 20 });
    sim.apply({ kind: 'rest', path: 'optionchain', fault: { kind: 'status', status: 500 }, times: 3 * expiries.length });
    poller.start();
    await until(() => poller.status().some((s) => s.failures >= 2));
    const shown = chains.view('NIFTY', expiries[0], 5, Date.now());
    expect(shown.rows).toEqual([]);
    expect(shown.message).toMatch(/option chain failed 2 times in a row \(server: .*\); next try at \d\d:\d\d:\d\d IST/);
    expect(shown.message).not.toContain(TEST_API_KEY);
    await until(() => expiries.every((e) => chains.cache.read('NIFTY', e, Date.now()) !== undefined), 20_000);
    await poller.stop();
    expect(clock.pending).toBe(0);

    const first = starts.filter((s) => s.expiry === expiries[0]).map((s) => s.at);
    // Three failures then an answer: waits of 200, 400 and 800 ms before the second, third and fourth try.
    expect(first[1]! - first[0]!).toBeGreaterThanOrEqual(190);
    expect(first[2]! - first[1]!).toBeGreaterThanOrEqual(390);
    expect(first[3]! - first[2]!).toBeGreaterThanOrEqual(790);
    const warned = log.lines.filter((l) => l.level === 'warn' && l.obj.expiry === expiries[0]);
    expect(warned).toHaveLength(1);
    expect(warned[0]!.obj.kind).toBe('server');
    expect(JSON.stringify(log.lines)).not.toContain(TEST_API_KEY);
    expect(log.lines.some((l) => l.level === 'info' && l.obj.expiry === expiries[0] && l.obj.failures === 3)).toBe(true);
    expect(chains.view('NIFTY', expiries[0], 5, Date.now()).message).toBeUndefined();
  });

  it('keeps the last good chain through a timeout, then takes it out of the cache once it is stale', async () => {
    const { poller, chains } = setUp({ cadenceMs: 200, gapMs: 20, staleAfterMs: 1500 }, 300);
    poller.start();
    await until(() => expiries.every((e) => chains.cache.read('NIFTY', e, Date.now()) !== undefined));
    sim.apply({ kind: 'rest', path: 'optionchain', fault: { kind: 'timeout' }, times: 1000 });
    await until(() => poller.status().some((s) => s.error?.kind === 'timeout'));
    const kept = chains.view('NIFTY', expiries[0], 5, Date.now());
    expect(kept.rows.length).toBeGreaterThan(0);
    expect(kept.message ?? '').toMatch(/timeout|showing the last good chain/);
    await until(() => expiries.every((e) => chains.cache.read('NIFTY', e, Date.now()) === undefined), 5000);
    const gone = chains.view('NIFTY', expiries[0], 5, Date.now());
    expect(gone.rows).toEqual([]);
    expect(gone.message).toMatch(/no good answer since .* the bots and this panel no longer use it/);
    // Stopping while a request hangs waits for its timeout, then nothing is left running.
    await poller.stop();
    expect(clock.pending).toBe(0);
  });
});
