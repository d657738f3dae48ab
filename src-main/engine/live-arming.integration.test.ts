import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { botId, intentId, type InstrumentId } from '#model/ids';
import type { Intent } from '#model/intent';
import { createSimulatorFeed } from '#market/feeds/simulator/simulator-feed';
import { createOpenAlgoClient } from '#openalgo/client';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { SESSION_TIME, TradingHarness } from './testing/trading-harness.ts';
import { LIVE_ARMING_FILE, openAlgoTrading } from './trading-wiring.ts';

const BOT = botId('momentum-rider');
let sim: OpenAlgoSim;
let clock: SimClock;
let future: { id: InstrumentId; symbol: string };
let h: TradingHarness | undefined;

beforeEach(async () => {
  clock = new SimClock(SESSION_TIME);
  const f = createSimulatorFeed({ clock, seed: 7, warmupSessions: 0 }).instruments().find((i) => i.kind === 'future' && i.symbol.startsWith('NIFTY'))!;
  future = { id: f.id, symbol: f.symbol };
  sim = await startTestSim({ instruments: [{ symbol: 'NIFTY', exchange: 'NSE_INDEX', price: 26_000 }, { symbol: f.symbol, exchange: 'NFO', price: 26_100, lotSize: 65, freezeQty: 1800 }] }, clock);
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  await sim.close();
});

/** The engine with OpenAlgo (the simulator on loopback) as the live broker, on one SimClock with it. */
const openLive = (dir?: string) =>
  TradingHarness.open({
    clock,
    ...(dir ? { dir } : {}),
    trading: async (c, _config, folder) => {
      const client = createOpenAlgoClient({ host: sim.host, apiKey: TEST_API_KEY, clock: c });
      const r = await openAlgoTrading({ client, clock: c, session: 'live', choice: 'openalgo', baseUrl: sim.host, dataDir: folder, logger: silentLogger() });
      if (!r.ok) throw new Error(r.error);
      return r.value;
    },
  });

let n = 0;
const buyFuture = (): Intent => ({ kind: 'place', intentId: intentId(`fut-${++n}`), botId: BOT, instrumentId: future.id, side: 'BUY', quantity: 65, type: 'MARKET', product: 'NRML', reason: 'test' });
const host = () => new URL(sim.host).host;

describe('live arming: orders to a real broker wait for the trader', () => {
  it('refuses live orders until armed, naming the reason; nothing reaches OpenAlgo', async () => {
    h = await openLive();
    const t = h.engine.trading;
    expect(t.status()).toMatchObject({ broker: 'openalgo', liveOrders: true, armed: false, ready: true });
    const r = await h.until(t.submit(buyFuture()));
    expect(!r.ok && r.error.message).toMatch(/live trading is not armed/);
    expect(sim.book.orders).toHaveLength(0);
    expect(t.orders()[0]?.order).toMatchObject({ status: 'denied' });
  });

  it('refuses to arm an account OpenAlgo does not trade for, and arms the one it does', async () => {
    h = await openLive();
    const t = h.engine.trading;
    const account = await h.until(t.account());
    expect(account).toEqual({ ok: true, value: { broker: 'simulator', host: host(), availableCash: expect.any(Number) } });
    const wrong = await h.until(t.arm({ broker: 'zerodha', host: host(), rememberToday: false }));
    expect(!wrong.ok && wrong.error).toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/trades for simulator, not zerodha/) });
    expect(t.status().armed).toBe(false);
    const armed = await h.until(t.arm({ broker: 'simulator', host: host(), rememberToday: false, source: 'http-api' }));
    expect(armed.ok && armed.value).toMatchObject({ armed: true, account: { broker: 'simulator' } });
    await h.submit(buyFuture());
    await h.advance(3000);
    expect(sim.book.orders).toHaveLength(1);
    expect(t.positions().positions).toEqual([expect.objectContaining({ instrumentId: future.id, netQuantity: 65 })]);
    const audit = h.store.sqlite.prepare("SELECT actor, payload FROM audit_log WHERE kind = 'arm' ORDER BY seq").all() as { actor: string; payload: string }[];
    expect(audit.map((a) => [a.actor, JSON.parse(a.payload).refused ?? false, JSON.parse(a.payload).source])).toEqual([
      ['trader', true, 'bridge'],
      ['trader', false, 'http-api'],
    ]);
    t.disarm('http-api');
    const disarm = h.store.sqlite.prepare("SELECT payload FROM audit_log WHERE kind = 'disarm' ORDER BY seq DESC LIMIT 1").get() as { payload: string };
    expect(JSON.parse(disarm.payload)).toMatchObject({ source: 'http-api', wasArmed: true });
  });

  it('is lost on restart unless remembered for today; a remembered arming comes back on the same IST day only', async () => {
    h = await openLive();
    expect((await h.until(h.engine.trading.arm({ broker: 'simulator', host: host(), rememberToday: false }))).ok).toBe(true);
    await h.restart('s2');
    expect(h.engine.trading.status().armed).toBe(false);

    expect((await h.until(h.engine.trading.arm({ broker: 'simulator', host: host(), rememberToday: true }))).ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(h.dir, LIVE_ARMING_FILE), 'utf8'))).toMatchObject({ dateKey: '2026-11-25', broker: 'simulator' });
    await h.restart('s3');
    expect(h.engine.trading.status()).toMatchObject({ armed: true, rememberedFor: '2026-11-25' });

    h.engine.trading.disarm();
    expect(fs.existsSync(path.join(h.dir, LIVE_ARMING_FILE))).toBe(false);
    // Remembered yesterday: not today's arming.
    fs.writeFileSync(path.join(h.dir, LIVE_ARMING_FILE), JSON.stringify({ version: 1, dateKey: '2026-11-24', broker: 'simulator', host: host() }));
    await h.restart('s4');
    expect(h.engine.trading.status().armed).toBe(false);
    expect(fs.existsSync(path.join(h.dir, LIVE_ARMING_FILE))).toBe(false);
  });

  it('lets the kill switch close a live position while disarmed', async () => {
    h = await openLive();
    const t = h.engine.trading;
    await h.until(t.arm({ broker: 'simulator', host: host(), rememberToday: false }));
    await h.submit(buyFuture());
    await h.advance(3000);
    t.disarm();
    const report = await h.until(t.kill('button'));
    expect(report).toMatchObject({ flat: true, closeOrders: 1 });
    expect(sim.book.orders.map((o) => o.action)).toEqual(['BUY', 'SELL']);
  });
});
