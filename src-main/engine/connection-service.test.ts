import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { ok } from '#core/result';
import { DEFAULT_CONFIG } from '#config/defaults';
import type { Config } from '#config/schema';
import { startTestSim, TEST_API_KEY } from '#openalgo-sim/test-support';
import type { OpenAlgoSim } from '#openalgo-sim/server';
import { createConnectionService } from './connection-service.ts';
import { API_KEY_FILE_NAME, fileSecretStore } from './secrets.ts';

let sim: OpenAlgoSim;
let dir: string;
beforeAll(async () => {
  sim = await startTestSim();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conn-'));
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function service() {
  let config: Config = { ...DEFAULT_CONFIG, openalgo: { ...DEFAULT_CONFIG.openalgo, baseUrl: sim.host, wsUrl: sim.wsUrl } };
  const saved: Config[] = [];
  const svc = createConnectionService({
    clock: new WallClock(),
    logger: silentLogger(),
    secrets: fileSecretStore(dir),
    config: () => config,
    saveConfig: (c) => {
      saved.push(c);
      config = c;
      return ok(undefined);
    },
  });
  return { svc, saved };
}

describe('OpenAlgo connection service against the simulator on loopback', () => {
  it('reports a missing key as a clear error before calling OpenAlgo', async () => {
    const r = await service().svc.test({});
    expect(!r.ok && r.error.message).toMatch(/no API key/);
  });

  it('tests a key given in the form: ping and funds', async () => {
    const r = await service().svc.test({ apiKey: TEST_API_KEY });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.broker).toBeTruthy();
    expect(r.value.availableCash).toBeGreaterThan(0);
    expect(r.value.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a wrong key is an auth failure, and the key never appears in the message', async () => {
    const r = await service().svc.test({ apiKey: 'wrong-key-000000000000' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/auth/);
      expect(r.error.message).not.toContain('wrong-key-000000000000');
    }
  });

  it('saves the key to a 0600 file and the URLs to the config, then tests with the saved key', async () => {
    const { svc, saved } = service();
    const r = await svc.save({ apiKey: TEST_API_KEY, baseUrl: sim.host });
    expect(r.ok && r.value.hasApiKey).toBe(true);
    expect(saved.at(-1)?.openalgo.baseUrl).toBe(sim.host);
    const mode = fs.statSync(path.join(dir, API_KEY_FILE_NAME)).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(JSON.stringify(saved)).not.toContain(TEST_API_KEY);
    const t = await svc.test({});
    expect(t.ok).toBe(true);
  });

  it('an unreachable OpenAlgo is a network error, not a hang', async () => {
    const r = await service().svc.test({ apiKey: TEST_API_KEY, baseUrl: 'http://127.0.0.1:9' });
    expect(!r.ok && r.error.message).toMatch(/network|timeout/);
  });
});
