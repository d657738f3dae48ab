import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { istToEpoch } from '#core/time-ist';
import { DEFAULT_CONFIG } from '#config/defaults';
import type { Tick } from '#model/bar';
import { instrumentId } from '#model/ids';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import { bootEngine } from './boot.ts';
import { fileSecretStore } from './secrets.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boot-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const writeConfig = (patch: object) => fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...DEFAULT_CONFIG, ...patch }));
const boot = (wallNowMs = istToEpoch(2026, 11, 25, 20, 0)) => bootEngine({ dataDir: dir, version: '1.2.3', logger: silentLogger(), wallNowMs, secrets: fileSecretStore(dir) });
const NIFTY = instrumentId('NSE_INDEX', 'NIFTY');

describe('booting the engine from a data folder', () => {
  it('starts a fresh user in simulation with history on the chart', async () => {
    const r = await boot();
    if (!r.ok) throw new Error(r.error.message);
    await r.value.start();
    const status = r.value.engine.status();
    expect(status).toMatchObject({ mode: 'simulation', version: '1.2.3', feedName: 'simulator', marketOpen: true });
    expect(status.now).toBe(istToEpoch(2026, 11, 25, 10, 15));
    const bars = r.value.engine.bars(NIFTY, '1m') ?? [];
    expect(bars.length).toBeGreaterThan(2 * 375);
    expect(bars.every((b, i) => i === 0 || b.tsStart > bars[i - 1]!.tsStart)).toBe(true);
    expect(r.value.engine.bots()).toHaveLength(4);
    await r.value.shutdown();
    expect(fs.existsSync(path.join(dir, 'terminal.sqlite'))).toBe(true);
  });

  it('refuses a corrupt config and leaves it in place', async () => {
    fs.writeFileSync(path.join(dir, 'config.json'), '{ nope');
    const r = await boot();
    expect(!r.ok && r.error.kind).toBe('config-corrupt');
    expect(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe('{ nope');
  });

  it('paper mode without an API key says what to do', async () => {
    writeConfig({ mode: 'paper' });
    const r = await boot();
    expect(!r.ok && r.error.kind).toBe('mode-unavailable');
    expect(!r.ok && r.error.message).toMatch(/API key/);
  });

  it('live mode is refused until arming exists', async () => {
    writeConfig({ mode: 'live' });
    const r = await boot();
    expect(!r.ok && r.error.message).toMatch(/live trading needs/);
  });

  it('paper mode streams OpenAlgo market data into the engine (simulator on loopback)', async () => {
    const sim = await startTestSim();
    try {
      writeConfig({ mode: 'paper', openalgo: { ...DEFAULT_CONFIG.openalgo, baseUrl: sim.host, wsUrl: sim.wsUrl } });
      await fileSecretStore(dir).writeApiKey(TEST_API_KEY);
      const r = await boot(Date.now());
      if (!r.ok) throw new Error(r.error.message);
      const ticks: Tick[] = [];
      r.value.engine.events.subscribe('tick', (t) => ticks.push(t));
      await r.value.start();
      expect(r.value.engine.status()).toMatchObject({ mode: 'paper', feedName: 'openalgo', feed: { state: 'connected' } });
      await expect.poll(() => ticks.filter((t) => t.instrumentId === NIFTY).length, { timeout: 5000 }).toBeGreaterThan(0);
      await r.value.shutdown();
    } finally {
      await sim.close();
    }
  });
});
