import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '#config/defaults';
import { silentLogger } from '#core/log';
import { istToEpoch } from '#core/time-ist';
import { intentId } from '#model/ids';
import { isTerminal } from '#model/order';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { bootEngine, type BootedEngine } from '../boot.ts';
import { fileSecretStore } from '../secrets.ts';

let dir: string;
let sim: OpenAlgoSim;
let booted: BootedEngine | undefined;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'live-switch-'));
  sim = await startTestSim();
});
afterEach(async () => {
  await booted?.shutdown();
  booted = undefined;
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const savedMode = () => (JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { mode: string }).mode;
const host = () => new URL(sim.host).host;
type AuditRow = { readonly actor: string; readonly section?: string; readonly mode?: string } & Record<string, unknown>;
const audit = (b: BootedEngine, kind: string): AuditRow[] => (b.store.sqlite.prepare('SELECT actor, payload FROM audit_log WHERE kind = ? ORDER BY seq').all(kind) as { actor: string; payload: string }[]).map((r) => ({ ...(JSON.parse(r.payload) as Record<string, unknown>), actor: r.actor }));

/** A fresh data folder in simulation with the OpenAlgo simulator's connection saved, as the connection panel saves it. */
async function bootWithConnection(simulationStartMs?: number): Promise<BootedEngine> {
  // One NIFTY future lot under a −3 % shock can lose more than the default ₹50,000 cap, by the simulated level
  // of the day the test runs on: these tests are about switching mode, not about risk.
  const config = { ...DEFAULT_CONFIG, risk: { ...DEFAULT_CONFIG.risk, shock: { ...DEFAULT_CONFIG.risk.shock, maxLoss: 1_000_000 } } };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  const r = await bootEngine({ dataDir: dir, version: '1', logger: silentLogger(), wallNowMs: Date.now(), secrets: fileSecretStore(dir), ...(simulationStartMs !== undefined ? { simulationStartMs } : {}) });
  if (!r.ok) throw new Error(r.error.message);
  booted = r.value;
  await r.value.start();
  const saved = await r.value.engine.saveConnection({ baseUrl: sim.host, wsUrl: sim.wsUrl, apiKey: TEST_API_KEY });
  if (!saved.ok) throw new Error(saved.error.message);
  return r.value;
}

describe('switching to live while the terminal runs', () => {
  it('paper → live only with the word and the account OpenAlgo names, armed and audited; then back to paper', async () => {
    const b = await bootWithConnection();
    const { engine } = b;
    expect(await engine.setMode('paper')).toMatchObject({ ok: true, value: { mode: 'paper' } });
    const live = engine.live!;
    expect(await live.account()).toEqual({ ok: true, value: { broker: 'simulator', host: host(), availableCash: expect.any(Number) } });

    // Live is never a plain mode change.
    const plain = await engine.setMode('live');
    expect(!plain.ok && plain.error.message).toMatch(/only through the arming step/);
    const lower = await live.goLive({ broker: 'simulator', host: host(), rememberToday: false, confirm: 'live' });
    expect(!lower.ok && lower.error).toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/type LIVE/) });
    const other = await live.goLive({ broker: 'zerodha', host: host(), rememberToday: false, confirm: 'LIVE' });
    expect(!other.ok && other.error.message).toMatch(/trades for simulator, not zerodha/);
    expect(engine.status().mode).toBe('paper');
    expect(savedMode()).toBe('paper');

    const switched = await live.goLive({ broker: 'simulator', host: host(), rememberToday: false, confirm: ' LIVE ' });
    expect(switched).toMatchObject({ ok: true, value: { mode: 'live', savedMode: 'live' } });
    expect(engine.status()).toMatchObject({ mode: 'live', feedName: 'openalgo' });
    expect(engine.trading.status()).toMatchObject({ broker: 'openalgo', liveOrders: true, armed: true, account: { broker: 'simulator', host: host() } });
    expect(savedMode()).toBe('live');
    expect(audit(b, 'arm')).toEqual([expect.objectContaining({ actor: 'trader', source: 'bridge', account: { broker: 'simulator', host: host() } })]);
    expect(audit(b, 'config-change').filter((a) => a.section === 'mode').map((a) => a.mode)).toEqual(['paper', 'live']);
    // Nothing was remembered: a restart comes back disarmed.
    expect(fs.existsSync(path.join(dir, 'live-arming.json'))).toBe(false);

    const again = await live.goLive({ broker: 'simulator', host: host(), rememberToday: false, confirm: 'LIVE' });
    expect(!again.ok && again.error.message).toMatch(/already runs live/);

    const back = await engine.setMode('paper');
    expect(back).toMatchObject({ ok: true, value: { mode: 'paper', savedMode: 'paper' } });
    expect(engine.trading.status()).toMatchObject({ broker: 'paper', liveOrders: false, armed: false });
  });

  it('refuses while an order is working, saying so, and keeps running as it was', async () => {
    // A morning inside the short straddle's entry window (09:30–14:30): started at the wall clock's time, the
    // order was refused by that window when the tests ran between 09:15 and 09:30 IST.
    const b = await bootWithConnection(istToEpoch(2026, 11, 25, 10, 15));
    const future = b.engine.instruments().find((i) => i.kind === 'future')!;
    let attempt = 0;
    // A buy 1 % under the market (inside the price band) stays working; the first quote arrives with the simulated market's first ticks.
    await expect
      .poll(async () => {
        const ltp = b.engine.market.watchlist([]).find((q) => q.instrumentId === future.id)?.ltp;
        if (ltp === undefined) return 'no quote yet';
        const limitPrice = Math.round(ltp * 0.99 * 20) / 20;
        const r = await b.engine.trading.submit({ kind: 'place', intentId: intentId(`rest-${attempt++}`), botId: 'short-straddle' as never, instrumentId: future.id, side: 'BUY', quantity: future.lotSize, type: 'LIMIT', limitPrice, product: 'NRML', reason: 'test: a working order' });
        return r.ok ? 'placed' : r.error.kind;
      }, { timeout: 5000 })
      .toBe('placed');
    await expect.poll(() => b.engine.trading.orders().filter((o) => !isTerminal(o.order.status)).length, { timeout: 5000 }).toBe(1);
    const r = await b.engine.live!.goLive({ broker: 'simulator', host: host(), rememberToday: false, confirm: 'LIVE' });
    expect(!r.ok && r.error.message).toMatch(/^This simulation run holds 1 working order, which would be carried into the live book/);
    expect(b.engine.status().mode).toBe('simulation');
    expect(b.engine.trading.status().liveOrders).toBe(false);
    expect(savedMode()).toBe('simulation');
  });
});
