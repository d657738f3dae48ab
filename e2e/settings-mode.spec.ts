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

test('the mode is a setting: paper needs a saved connection, is saved for the next start, live only through arming', async ({ page }) => {
  await page.goto(terminal.url);
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('mode-simulation')).toBeChecked();
  await expect(page.getByTestId('mode-live')).toBeDisabled();
  await expect(page.getByTestId('mode-live-note')).toContainText('arming step');

  await page.getByTestId('mode-paper').click();
  await expect(page.getByTestId('mode-message')).toContainText('save the OpenAlgo connection with its API key');
  await expect(page.getByTestId('mode-simulation')).toBeChecked();
  expect(savedMode()).toBe('simulation');

  await page.getByTestId('connection-base-url').fill(`http://127.0.0.1:${SIM.port}`);
  await page.getByTestId('connection-ws-url').fill(`ws://127.0.0.1:${SIM.wsPort}`);
  await page.getByTestId('connection-api-key').fill(SIM.apiKey);
  await page.getByTestId('connection-save').click();
  await expect(page.getByTestId('connection-outcome')).toContainText('Saved');

  await page.getByTestId('mode-paper').click();
  await expect(page.getByTestId('mode-restart-note')).toHaveText('Saved for the next start: restart the terminal to switch from simulation to paper mode.');
  await expect(page.getByTestId('mode-paper')).toBeChecked();
  await expect(page.getByTestId('mode-badge')).toHaveText('SIMULATION');
  expect(savedMode()).toBe('paper');
  await page.screenshot({ path: 'e2e/artifacts/settings-mode-paper.png' });

  await page.getByTestId('mode-simulation').click();
  await expect(page.getByTestId('mode-restart-note')).toHaveCount(0);
  await expect(page.getByTestId('mode-message')).toHaveText('The terminal stays in simulation mode.');
  expect(savedMode()).toBe('simulation');
});
