import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { SIM, TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { ownTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** Its own terminal: choosing a mode writes config.json, which no other spec should inherit. */
let terminal: OwnTerminal;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownTerminal(TERMINAL.port + 13, 'e2e-settings-mode-token-0123456789ab');
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

const savedMode = () => (JSON.parse(fs.readFileSync(path.join(terminal.dataDir, 'config.json'), 'utf8')) as { mode: string }).mode;

test('the mode switches simulation → paper (OpenAlgo simulator) → simulation without a restart; live only through arming', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(terminal.url);
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('mode-simulation')).toBeChecked();
  await expect(page.getByTestId('mode-live')).not.toBeChecked();
  await expect(page.getByTestId('mode-live-note')).toContainText('arming step');
  await expect(page.getByTestId('mode-book-rule')).toContainText('refused while this run holds open positions or working orders');

  // Without a saved connection paper is refused with what to do, and nothing changes.
  await page.getByTestId('mode-paper').click();
  await expect(page.getByTestId('mode-confirm')).toContainText('Orders go to the paper broker inside the terminal, never to the broker account');
  await page.getByTestId('mode-confirm-button').click();
  await expect(page.getByTestId('mode-message')).toContainText('save the OpenAlgo connection with its API key');
  await expect(page.getByTestId('mode-simulation')).toBeChecked();
  expect(savedMode()).toBe('simulation');

  await page.getByTestId('connection-base-url').fill(`http://127.0.0.1:${SIM.port}`);
  await page.getByTestId('connection-ws-url').fill(`ws://127.0.0.1:${SIM.wsPort}`);
  await page.getByTestId('connection-api-key').fill(SIM.apiKey);
  await page.getByTestId('connection-save').click();
  await expect(page.getByTestId('connection-outcome')).toContainText('Saved');

  // Cancel leaves everything as it was.
  await page.getByTestId('mode-paper').click();
  await expect(page.getByTestId('mode-confirm')).toContainText(`from http://127.0.0.1:${SIM.port}`);
  // Over the whole window, not held inside the settings panel.
  expect(await page.locator('.modal-backdrop').boundingBox()).toMatchObject({ x: 0, y: 0, width: 1400, height: 850 });
  await page.screenshot({ path: 'e2e/artifacts/settings-mode-confirm.png' });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('mode-confirm')).toHaveCount(0);
  await expect(page.getByTestId('mode-simulation')).toBeChecked();
  await expect(page.getByTestId('mode-badge')).toHaveText('SIMULATION');

  await page.getByTestId('mode-paper').click();
  await page.getByTestId('mode-confirm-button').click();
  await expect(page.getByTestId('mode-message')).toHaveText('Switched: the terminal runs in paper mode.', { timeout: 30_000 });
  await expect(page.getByTestId('mode-badge')).toHaveText('PAPER');
  await expect(page.getByTestId('mode-paper')).toBeChecked();
  await expect(page.getByTestId('mode-restart-note')).toHaveCount(0);
  expect(savedMode()).toBe('paper');
  // The panels follow the new engine: the feed is OpenAlgo's, and its quotes reach the watchlist.
  await expect(page.getByTestId('connection-feed-state')).toContainText(/openalgo: connected/i, { timeout: 15_000 });
  await expect(page.getByTestId('watchlist').locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/settings-mode-paper.png' });

  await page.getByTestId('mode-simulation').click();
  await expect(page.getByTestId('mode-confirm')).toContainText('The paper engine stops now');
  await page.getByTestId('mode-confirm-button').click();
  await expect(page.getByTestId('mode-message')).toHaveText('Switched: the terminal runs in simulation mode.', { timeout: 30_000 });
  await expect(page.getByTestId('mode-badge')).toHaveText('SIMULATION');
  expect(savedMode()).toBe('simulation');
  await page.screenshot({ path: 'e2e/artifacts/settings-mode-simulation-again.png' });
});
