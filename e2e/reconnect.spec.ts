import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SIM, TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/**
 * A paper-mode terminal on the OpenAlgo simulator's feed: the broker session ends, the feed shows
 * *expired* and a Reconnect button; after the broker login the button brings the feed back.
 */
const PORT = TERMINAL.port + 3;
const TOKEN = 'e2e-reconnect-token-0123456789abcdef';
const origin = `http://127.0.0.1:${PORT}`;
let terminal: ChildProcess | undefined;
let dataDir: string;

const fault = async (body: object): Promise<void> => {
  const r = await fetch(`http://127.0.0.1:${SIM.port}/sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`simulator fault ${JSON.stringify(body)}: HTTP ${r.status}`);
};

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'terminal-e2e-paper-'));
  const config = {
    version: 1,
    mode: 'paper',
    simulation: { seed: 1, speed: 1, warmupSessions: 0 },
    openalgo: { baseUrl: `http://127.0.0.1:${SIM.port}`, wsUrl: `ws://127.0.0.1:${SIM.wsPort}`, timeoutMs: 5000 },
    server: { host: '127.0.0.1', port: PORT },
    ui: { chartInstrument: 'NSE_INDEX:NIFTY' },
    log: { level: 'warn' },
  };
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(config));
  fs.writeFileSync(path.join(dataDir, 'openalgo-api-key'), `${SIM.apiKey}\n`, { mode: 0o600 });
  terminal = spawn(process.execPath, ['src-main/server/main.ts', '--port', String(PORT), '--data-dir', dataDir], {
    env: { ...process.env, TERMINAL_SERVER_TOKEN: TOKEN },
    stdio: 'ignore',
  });
  for (let i = 0; i < 150; i++) {
    const up = await fetch(`${origin}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the paper-mode terminal did not start');
});

test.afterAll(async () => {
  await fault({ kind: 'restore-session' }).catch(() => undefined);
  terminal?.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('after the broker session ends the panel says what to do and Reconnect brings the feed back', async ({ page }) => {
  await page.goto(`${origin}/?token=${TOKEN}`);
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('feed-status')).toContainText('openalgo: connected');
  await expect(page.getByTestId('connection-reconnect')).toHaveCount(0);

  await fault({ kind: 'expire-session' });
  await fault({ kind: 'drop-sockets' });
  await expect(page.getByTestId('feed-status')).toContainText('openalgo: expired');
  await expect(page.getByTestId('connection-feed-state')).toContainText('Log in to your broker in OpenAlgo');
  await expect(page.getByTestId('connection-reconnect')).toBeVisible();

  await fault({ kind: 'restore-session' });
  await page.getByTestId('connection-reconnect').click();
  await expect(page.getByTestId('feed-status')).toContainText('openalgo: connected');
  await expect(page.getByTestId('connection-reconnect')).toHaveCount(0);
});
