import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_REQUIRED, SKIP_REASON } from './e2e/chromium.ts';
import { useCompileCache } from './scripts/compile-cache.ts';

useCompileCache();

if (!CHROMIUM_PATH && E2E_REQUIRED) throw new Error(`E2E_REQUIRED=1 but ${SKIP_REASON}`);

const PORT = Number(process.env.E2E_PORT ?? 7391);
/** The OpenAlgo simulator the connection tests point the terminal at. */
export const SIM = { port: PORT + 1, wsPort: PORT + 2, apiKey: 'e2e-sim-key-0123456789' };
/** The headless server under test runs with a configured access token (TERMINAL_SERVER_TOKEN). */
export const TERMINAL = { port: PORT, origin: `http://127.0.0.1:${PORT}`, token: 'e2e-terminal-token-0123456789abcdef' };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'terminal-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'e2e/artifacts/results',
  timeout: 30_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    ...(CHROMIUM_PATH ? { launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } } : {}),
    viewport: { width: 1400, height: 850 },
    // As if the printed ?token= link had been opened once (e2e/security.spec.ts opens it for real).
    storageState: {
      cookies: [{ name: `terminal_token_${PORT}`, value: TERMINAL.token, domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Strict' }],
      origins: [],
    },
  },
  webServer: [
    {
      // A Wednesday morning, no index expiring: on an expiry day the straddle specs' entries would meet the theta limit.
      command: `node src-main/server/main.ts --port ${PORT} --data-dir ${dataDir} --speed 30 --sim-start 2026-11-25T09:45`,
      env: { TERMINAL_SERVER_TOKEN: TERMINAL.token },
      url: `http://127.0.0.1:${PORT}/api/status`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
    },
    {
      command: `node src-main/openalgo-sim/main.ts --port ${SIM.port} --ws-port ${SIM.wsPort} --api-key ${SIM.apiKey} --seed 3`,
      port: SIM.port,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
