import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { istToEpoch } from '#core/time-ist';
import { intentId } from '#model/ids';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { createRouter } from './router.ts';
import { bootEngine, type BootedEngine } from '#engine/boot';
import { fileSecretStore } from '#engine/secrets';

let dir: string;
let booted: BootedEngine | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mode-switch-'));
});
afterEach(async () => {
  await booted?.shutdown();
  booted = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

const savedMode = () => (JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { mode: string }).mode;

/** A fresh data folder in simulation, the OpenAlgo connection saved as the connection panel saves it. */
async function bootSimulation(openalgo: { baseUrl: string; wsUrl: string }, simulationStartMs?: number): Promise<BootedEngine> {
  // One NIFTY future lot under a −3 % shock can lose more than the default ₹50,000 cap, by the simulated level
  // of the day the test runs on: these tests are about switching mode, not about risk. A first start writes
  // the default settings; the cap is raised in them as the settings screen would (it takes effect at a start).
  const first = await bootEngine({ dataDir: dir, version: '1', logger: silentLogger(), wallNowMs: Date.now(), secrets: fileSecretStore(dir) });
  if (!first.ok) throw new Error(first.error.message);
  const risk = first.value.engine.setRiskSettings({ shock: { maxLoss: 1_000_000 } });
  await first.value.shutdown();
  if (!risk.ok) throw new Error(risk.error.message);
  const r = await bootEngine({ dataDir: dir, version: '1', logger: silentLogger(), wallNowMs: Date.now(), secrets: fileSecretStore(dir), ...(simulationStartMs !== undefined ? { simulationStartMs } : {}) });
  if (!r.ok) throw new Error(r.error.message);
  booted = r.value;
  await r.value.start();
  const saved = await createRouter(r.value.engine, silentLogger()).invoke('connection:save', { ...openalgo, apiKey: TEST_API_KEY });
  if (!saved.ok) throw new Error(saved.error.message);
  return r.value;
}

describe('switching mode while the terminal runs', () => {
  it('simulation → paper (OpenAlgo simulator on loopback) → simulation, the shells keeping one engine object', async () => {
    const sim = await startTestSim();
    try {
      const b = await bootSimulation({ baseUrl: sim.host, wsUrl: sim.wsUrl });
      const engine = b.engine;
      const router = createRouter(engine, silentLogger());
      const sessions: { kind: string; mode: string }[] = [];
      const sub = router.subscribe('session', {}, {
        snapshot: (d) => sessions.push({ kind: 'snapshot', mode: (d as { mode: string }).mode }),
        delta: (d) => sessions.push({ kind: 'delta', mode: (d as { mode: string }).mode }),
      });
      if (!sub.ok) throw new Error(sub.error.message);
      const heartbeats: string[] = [];
      engine.events.subscribe('heartbeat', (s) => heartbeats.push(s.mode));
      expect(engine.status()).toMatchObject({ mode: 'simulation', feedName: 'simulator' });

      const toPaper = await engine.setMode('paper');
      expect(toPaper).toMatchObject({ ok: true, value: { mode: 'paper', savedMode: 'paper' } });
      expect(engine.status()).toMatchObject({ mode: 'paper', feedName: 'openalgo', feed: { state: 'connected' } });
      expect(engine.trading.status()).toMatchObject({ broker: 'paper', liveOrders: false });
      expect(savedMode()).toBe('paper');
      expect(sessions.filter((s) => s.kind === 'snapshot').map((s) => s.mode)).toEqual(['simulation', 'paper']);
      await expect.poll(() => heartbeats.at(-1), { timeout: 3000 }).toBe('paper');
      expect(b.clock.now()).toBeGreaterThan(Date.now() - 60_000);

      const back = await engine.setMode('simulation');
      expect(back).toMatchObject({ ok: true, value: { mode: 'simulation', savedMode: 'simulation' } });
      expect(engine.status()).toMatchObject({ mode: 'simulation', feedName: 'simulator' });
      expect(savedMode()).toBe('simulation');
      expect(sessions.filter((s) => s.kind === 'snapshot').map((s) => s.mode)).toEqual(['simulation', 'paper', 'simulation']);
      sub.value();
    } finally {
      await sim.close();
    }
  });

  it('refuses while the book holds a position, saying what it holds, and keeps running as it was', async () => {
    const sim = await startTestSim();
    try {
      // A morning inside the short straddle's entry window (09:30–14:30): started at the wall clock's time, the
      // order was refused by that window when the tests ran between 09:15 and 09:30 IST.
      const b = await bootSimulation({ baseUrl: sim.host, wsUrl: sim.wsUrl }, istToEpoch(2026, 11, 25, 10, 15));
      const future = b.engine.instruments().find((i) => i.kind === 'future')!;
      // The first quote of the future arrives with the simulated market's first ticks.
      let attempt = 0;
      await expect
        .poll(async () => {
          const r = await b.engine.trading.submit({ kind: 'place', intentId: intentId(`hold-one-${attempt++}`), botId: 'short-straddle' as never, instrumentId: future.id, side: 'BUY', quantity: future.lotSize, type: 'MARKET', product: 'NRML', reason: 'test: an open position' });
          return r.ok ? 'placed' : r.error.kind;
        }, { timeout: 5000 })
        .toBe('placed');
      await expect.poll(() => b.engine.trading.positions().positions.length, { timeout: 5000 }).toBe(1);
      const r = await b.engine.setMode('paper');
      expect(!r.ok && r.error.message).toMatch(/^This simulation run holds 1 open position, which would be carried into the paper book/);
      expect(b.engine.status()).toMatchObject({ mode: 'simulation', feedName: 'simulator' });
      expect(savedMode()).toBe('simulation');
    } finally {
      await sim.close();
    }
  });

  it('refuses paper when OpenAlgo does not answer, and stays in simulation', async () => {
    const b = await bootSimulation({ baseUrl: 'http://127.0.0.1:9', wsUrl: 'ws://127.0.0.1:9' });
    const r = await b.engine.setMode('paper');
    expect(!r.ok && r.error.message).toMatch(/^Not switched: OpenAlgo/);
    expect(b.engine.status()).toMatchObject({ mode: 'simulation', feedName: 'simulator' });
    expect(savedMode()).toBe('simulation');
  });
});
