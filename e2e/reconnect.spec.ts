import { expect, test } from '@playwright/test';
import { SIM, TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { ownSimTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/**
 * A paper-mode terminal on the OpenAlgo simulator's feed: the broker session ends, the feed shows
 * *expired* and a Reconnect button; after the broker login the button brings the feed back.
 */
const PORT = TERMINAL.port + 3;
const TOKEN = 'e2e-reconnect-token-0123456789abcdef';
let terminal: OwnTerminal;

const fault = async (body: object): Promise<void> => {
  const r = await fetch(`http://127.0.0.1:${SIM.port}/sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`simulator fault ${JSON.stringify(body)}: HTTP ${r.status}`);
};

test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownSimTerminal(PORT, TOKEN, 'paper');
  await terminal.start();
});

test.afterAll(async () => {
  await fault({ kind: 'restore-session' }).catch(() => undefined);
  await terminal.dispose();
});

test('after the broker session ends the panel says what to do and Reconnect brings the feed back', async ({ page }) => {
  await page.goto(terminal.url);
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
