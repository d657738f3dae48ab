import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, saveConfig } from '#config/config-file';
import { DEFAULT_CONFIG } from '#config/defaults';
import type { Config } from '#config/schema';
import { fileSecretStore } from './secrets.ts';
import { createSettingsService } from './settings-service.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The service on a real data folder: config.json written by the config module, the key in its 0600 file. */
function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-'));
  dirs.push(dir);
  const loaded = loadConfig(dir, 'test');
  if (!loaded.ok) throw new Error(loaded.error.message);
  let current: Config = loaded.value.config;
  const secrets = fileSecretStore(dir);
  const svc = createSettingsService({
    runningMode: 'simulation',
    configFile: loaded.value.file,
    dataDir: dir,
    runningRisk: loaded.value.config.risk,
    secrets,
    config: () => current,
    saveConfig: (next) => {
      const r = saveConfig(dir, next);
      if (r.ok) current = next;
      return r;
    },
  });
  return { dir, svc, secrets, reread: () => loadConfig(dir, 'test') };
}

describe('the trading mode as a setting', () => {
  it('refuses paper without a saved OpenAlgo key, and says what to do', async () => {
    const { svc, reread } = setup();
    const r = await svc.setMode('paper');
    expect(!r.ok && r.error.message).toMatch(/save the OpenAlgo connection with its API key/);
    const again = reread();
    expect(again.ok && again.value.config.mode).toBe('simulation');
  });

  it('saves paper for the next start once a key is saved; this run keeps its mode', async () => {
    const { svc, secrets, reread } = setup();
    await secrets.writeApiKey('a-saved-openalgo-key-123');
    const r = await svc.setMode('paper');
    expect(r).toMatchObject({ ok: true, value: { mode: 'simulation', savedMode: 'paper', paperReady: true } });
    const again = reread();
    expect(again.ok && again.value.config).toEqual({ ...DEFAULT_CONFIG, mode: 'paper' });
    expect(await svc.setMode('simulation')).toMatchObject({ ok: true, value: { savedMode: 'simulation' } });
  });
});

describe('switching mode with a book', () => {
  it('refuses while this run holds positions or working orders, saying what and what to do', async () => {
    const { svc, secrets, reread } = setup();
    await secrets.writeApiKey('a-saved-openalgo-key-123');
    const r = await svc.setMode('paper', { positions: 2, workingOrders: 1 });
    expect(r).toEqual({
      ok: false,
      error: {
        kind: 'invalid-state',
        message: 'This simulation run holds 2 open positions and 1 working order, which would be carried into the paper book (one database keeps both): close them first (stop the bots, or press KILL), then switch.',
      },
    });
    const again = reread();
    expect(again.ok && again.value.config.mode).toBe('simulation');
    expect(await svc.setMode('paper', { positions: 0, workingOrders: 0 })).toMatchObject({ ok: true, value: { savedMode: 'paper' } });
    // Back to the mode this run is in: nothing is carried anywhere.
    expect(await svc.setMode('simulation', { positions: 3, workingOrders: 0 })).toMatchObject({ ok: true, value: { savedMode: 'simulation' } });
  });
});

describe('the risk limits as a setting', () => {
  it('saves a checked change to config.json for the next start; the limits in force stay', () => {
    const { svc, reread } = setup();
    const r = svc.setRisk({ dailyLoss: { limit: 12_000 } });
    expect(r.ok && r.value.saved.dailyLoss.limit).toBe(12_000);
    expect(r.ok && r.value.inForce.dailyLoss.limit).toBe(DEFAULT_CONFIG.risk.dailyLoss.limit);
    const again = reread();
    expect(again.ok && again.value.config.risk.dailyLoss.limit).toBe(12_000);
  });

  it('refuses a limit config.json would refuse, and writes nothing', () => {
    const { svc, reread } = setup();
    expect(svc.setRisk({ greeks: { maxVega: 0 } })).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/^risk\.greeks\.maxVega: /) } });
    const again = reread();
    expect(again.ok && again.value.config.risk).toEqual(DEFAULT_CONFIG.risk);
  });

  it('shows the data folder', async () => {
    const { svc, dir } = setup();
    expect(await svc.view()).toMatchObject({ ok: true, value: { dataDir: dir } });
  });
});
